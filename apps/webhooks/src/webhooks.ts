import type { EventStore } from '@taskomask/eventstore';
import {
  type Consumer,
  type MessageBus,
  PoisonMessageError,
  recordedEventFrom,
} from '@taskomask/messaging';
import type { Logger } from '@taskomask/observability';
import type { WebhookDeliveryDoc } from '@taskomask/read-models';
import type { ReadStore } from '@taskomask/readstore';
import { defaultRetryPolicy, type RetryPolicy } from './backoff';
import { enqueueEvent, workspaceResolver } from './enqueue';
import { defaultPostLimits, type PostLimits } from './post';
import { type Sender, startSender } from './sender';

/** What the consumer listens to: the events hooks may want, and the hooks' own streams. */
export const webhookBindings = ['board.*', 'task.*', 'workspace.*', 'webhooks.*'];

export type WebhooksOptions = Readonly<{
  bus: MessageBus;
  eventStore: EventStore;
  /** The webhook store (its own read store: WEBHOOKS_STORE_URL). */
  store: ReadStore;
  queue?: string;
  prefetch?: number;
  maxDeliveries?: number;
  limits?: Partial<PostLimits>;
  retry?: Partial<RetryPolicy>;
  pollMs?: number;
  concurrency?: number;
  logger: Logger;
  now?: () => number;
  onAttempt?: (doc: WebhookDeliveryDoc) => void;
}>;

export type Webhooks = Readonly<{
  /** Stops consuming (settling what was delivered), then the sender (its attempts in flight). */
  stop(): Promise<void>;
  /** As a crash: detaches from the bus without settling; the sender stops after its pass. */
  abandon(): Promise<void>;
  sender: Sender;
}>;

/**
 * The webhook delivery process: a bus consumer with its own durable queue that turns each event
 * into deliveries stored in the webhook store (acked only once stored), and a sender that posts
 * them. What the bus did not bring (before the queue existed, or lost with an in-process bus)
 * is read from the event store at start, from the store's position.
 */
export async function startWebhooks(options: WebhooksOptions): Promise<Webhooks> {
  const { bus, eventStore, store, logger } = options;
  const now = options.now ?? Date.now;
  const clock = () => new Date(now());
  const resolve = workspaceResolver(eventStore);
  const sender = startSender({
    store,
    eventStore,
    limits: { ...defaultPostLimits, ...options.limits },
    retry: { ...defaultRetryPolicy, ...options.retry },
    pollMs: options.pollMs ?? 1_000,
    concurrency: options.concurrency ?? 8,
    logger,
    now,
    ...(options.onAttempt ? { onAttempt: options.onAttempt } : {}),
  });

  // Events no hook wants write nothing; their position is committed now and then, so a restart's
  // catch-up does not re-read the whole log (re-reading a few is harmless).
  let unstored = 0;
  let lastPositionCommit = 0;
  const notePosition = async (position: number, stored: boolean, force = false) => {
    if (stored) {
      unstored = 0;
      lastPositionCommit = now();
      return;
    }
    unstored = Math.max(unstored, position);
    if (!force && now() - lastPositionCommit < 1_000) return;
    lastPositionCommit = now();
    await store.commit({ puts: [], deletes: [], streams: [], position: unstored });
  };
  let caughtUp: () => void = () => {};
  const ready = new Promise<void>((r) => {
    caughtUp = r;
  });
  let consumer: Consumer;
  try {
    consumer = await bus.consume(
      options.queue ?? 'webhooks',
      webhookBindings,
      async (message) => {
        const event = recordedEventFrom(message.body);
        await ready;
        try {
          const { deliveries, stored } = await enqueueEvent(store, event, resolve, clock);
          await notePosition(event.globalPosition, stored);
          if (deliveries > 0) sender.wake();
        } catch (error) {
          if (error instanceof PoisonMessageError) throw error;
          logger.warn({ err: error, stream: event.streamName }, 'event not queued for webhooks');
          throw error;
        }
      },
      { prefetch: options.prefetch ?? 50, maxDeliveries: options.maxDeliveries ?? 20 },
    );
  } catch (error) {
    await sender.stop();
    throw error;
  }

  // The queue is declared: whatever is appended from now on reaches it. Before: read the log.
  for (let backoff = 100; ; backoff = Math.min(backoff * 2, 5_000)) {
    try {
      for (;;) {
        const from = Math.max(await store.position(), unstored) + 1;
        const events = await eventStore.readAll({ fromPosition: from, limit: 500 });
        if (events.length === 0) break;
        for (const event of events) {
          const { stored } = await enqueueEvent(store, event, resolve, clock);
          await notePosition(event.globalPosition, stored);
        }
        await notePosition(events.at(-1)!.globalPosition, false, true);
        sender.wake();
      }
      break;
    } catch (error) {
      logger.warn({ err: error }, 'webhooks catch-up failed; retrying');
      await new Promise((r) => setTimeout(r, backoff));
    }
  }
  caughtUp();

  return {
    sender,
    async stop() {
      await consumer.stop();
      if (unstored > 0) await notePosition(unstored, false, true);
      await sender.stop();
    },
    async abandon() {
      await consumer.abandon();
      await sender.stop();
    },
  };
}
