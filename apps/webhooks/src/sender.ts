import {
  foldEvents,
  roleOf,
  streamName,
  type WebhooksState,
  type WorkspaceState,
  webhooksDecider,
  workspaceDecider,
} from '@taskomask/domain';
import type { EventStore } from '@taskomask/eventstore';
import type { Logger } from '@taskomask/observability';
import { deliveryKeys, type WebhookDeliveryDoc } from '@taskomask/read-models';
import type { Doc, ReadStore } from '@taskomask/readstore';
import { nextAttemptAt, type RetryPolicy } from './backoff';
import { trimLog } from './enqueue';
import { type PostLimits, type PostOutcome, postDelivery } from './post';

export type SenderOptions = Readonly<{
  store: ReadStore;
  eventStore: Pick<EventStore, 'readStream'>;
  limits: PostLimits;
  retry: RetryPolicy;
  /** How often to look for due retries when nothing woke the sender. */
  pollMs: number;
  /** Deliveries in flight at once (each to another queue: one board of one hook). */
  concurrency: number;
  logger: Pick<Logger, 'warn' | 'error' | 'info' | 'debug'>;
  now?: () => number;
  random?: () => number;
  /** Hears every finished attempt (metrics, tests). */
  onAttempt?: (doc: WebhookDeliveryDoc) => void;
}>;

export type Sender = Readonly<{
  /** Something was queued: look now rather than at the next poll. */
  wake(): void;
  /** Finishes the attempts in flight, then stops. */
  stop(): Promise<void>;
}>;

type Config = Readonly<{ hooks: WebhooksState; workspace: WorkspaceState }>;

/** How many finished deliveries of a hook between two trims of its log. */
const TRIM_EVERY = 25;

/**
 * Sends what the store holds open, each queue (one board of one hook) in order: a queue's next
 * delivery waits until the one before it succeeded, failed for good or was skipped. The hook's
 * URL and secret, and whether its creator is still an owner or admin, are read from the event
 * store at send time.
 */
export function startSender(options: SenderOptions): Sender {
  const { store, eventStore, limits, retry, logger } = options;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  let stopped = false;
  let wakeUp: (() => void) | undefined;
  let woken = false;
  const closedSinceTrim = new Map<string, number>();

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken) return resolve();
      const timer = setTimeout(() => {
        wakeUp = undefined;
        resolve();
      }, ms);
      wakeUp = () => {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      };
    });

  const configOf = async (workspaceId: string): Promise<Config> => {
    const [hooks, workspace] = await Promise.all([
      eventStore.readStream(streamName.webhooks(workspaceId)),
      eventStore.readStream(streamName.workspace(workspaceId)),
    ]);
    return {
      hooks: foldEvents(webhooksDecider, hooks as never),
      workspace: foldEvents(workspaceDecider, workspace as never),
    };
  };

  const finish = async (doc: Doc<WebhookDeliveryDoc>, value: WebhookDeliveryDoc) => {
    await store.commit({
      puts: [{ ...doc, value, keys: deliveryKeys(value) }],
      deletes: [],
      streams: [],
      position: 0, // positions never go back: this keeps the store's own
    });
    options.onAttempt?.(value);
    if (value.status === 'pending' || value.status === 'retrying') return;
    const closed = (closedSinceTrim.get(value.webhookId) ?? 0) + 1;
    closedSinceTrim.set(value.webhookId, closed % TRIM_EVERY);
    if (closed >= TRIM_EVERY) await trimLog(store, value.webhookId);
  };

  const attempt = async (doc: Doc<WebhookDeliveryDoc>, config: Config) => {
    const delivery = doc.value;
    const at = new Date(now()).toISOString();
    const hook = config.hooks.hooks.get(delivery.webhookId);
    const role = hook === undefined ? null : roleOf(config.workspace, hook.createdBy);
    if (hook === undefined || (role !== 'owner' && role !== 'admin')) {
      const error =
        hook === undefined
          ? 'the webhook was deleted'
          : 'the webhook’s creator is no longer an owner or admin of the workspace';
      logger.info({ deliveryId: delivery.deliveryId, webhookId: delivery.webhookId }, error);
      return finish(doc, {
        ...delivery,
        status: 'skipped',
        error,
        lastAttemptAt: at,
        nextAttemptAt: null,
      });
    }
    const outcome: PostOutcome = await postDelivery(
      {
        url: hook.url,
        secret: hook.secret,
        body: delivery.body,
        deliveryId: delivery.deliveryId,
        eventType: delivery.eventType,
      },
      limits,
      now,
    );
    const attempts = delivery.attempts + 1;
    const firstAttemptAt = delivery.firstAttemptAt ?? at;
    const base = {
      ...delivery,
      attempts,
      firstAttemptAt,
      lastAttemptAt: at,
      responseStatus: outcome.status,
      durationMs: outcome.durationMs,
      error: outcome.error ?? (outcome.ok ? null : `answered ${outcome.status}`),
    };
    if (outcome.ok) return finish(doc, { ...base, status: 'succeeded', nextAttemptAt: null });
    const next = nextAttemptAt(retry, Date.parse(firstAttemptAt), attempts, now(), random());
    if (next === null) return finish(doc, { ...base, status: 'failed', nextAttemptAt: null });
    return finish(doc, {
      ...base,
      status: 'retrying',
      nextAttemptAt: new Date(next).toISOString(),
    });
  };

  /** One pass: the due head of every queue, `concurrency` at a time. True when it sent any. */
  const pass = async (): Promise<boolean> => {
    const open = await store.find<WebhookDeliveryDoc>(
      'deliveries',
      { open: true },
      { limit: 10_000 },
    );
    const heads = new Map<string, Doc<WebhookDeliveryDoc>>();
    for (const doc of open) if (!heads.has(doc.value.queue)) heads.set(doc.value.queue, doc);
    const due = [...heads.values()].filter(
      (d) => Date.parse(d.value.nextAttemptAt ?? d.value.createdAt) <= now(),
    );
    if (due.length === 0) return false;
    const configs = new Map<string, Promise<Config>>();
    const config = (workspaceId: string) => {
      let found = configs.get(workspaceId);
      if (found === undefined) {
        found = configOf(workspaceId);
        configs.set(workspaceId, found);
      }
      return found;
    };
    let next = 0;
    const worker = async () => {
      while (next < due.length) {
        const doc = due[next++]!;
        await attempt(doc, await config(doc.value.workspaceId));
      }
    };
    await Promise.all(Array.from({ length: Math.min(options.concurrency, due.length) }, worker));
    return true;
  };

  const loop = (async () => {
    while (!stopped) {
      woken = false;
      let sent = false;
      try {
        sent = await pass();
      } catch (error) {
        logger.error({ err: error }, 'webhook delivery pass failed');
      }
      if (!sent && !stopped) await wait(options.pollMs);
    }
  })();

  return {
    wake() {
      woken = true;
      wakeUp?.();
    },
    async stop() {
      stopped = true;
      wakeUp?.();
      await loop;
    },
  };
}
