import type { BoardChanged, MemberRemoved } from '@taskomask/contracts/realtime';
import type { RecordedEvent } from '@taskomask/domain';
import type { EventStore } from '@taskomask/eventstore';
import {
  type Consumer,
  type MessageBus,
  PoisonMessageError,
  recordedEventFrom,
} from '@taskomask/messaging';
import {
  type Context,
  context,
  contextFromTraceparent,
  currentTraceparent,
  hasSpan,
  inSpan,
  type Logger,
  linksTo,
  projectorMetrics,
  type Registry,
  type Span,
  traceparentOfSpan,
} from '@taskomask/observability';
import {
  applyBatch,
  type BatchResult,
  mergeNotices,
  type RealtimeNotifier,
  readModels,
} from '@taskomask/read-models';
import type { ReadStore, ReadStoreCatalog } from '@taskomask/readstore';
import { Batcher } from './batcher';
import { findingCompletions, type TaskCompletion } from './completions';
import { findingRemovals } from './member-removals';

export type ProjectorOptions = {
  bus: MessageBus;
  eventStore: EventStore;
  catalog: ReadStoreCatalog;
  notifier: RealtimeNotifier;
  queue?: string;
  /** Messages held unacked at once; also the largest batch committed in one transaction. */
  prefetch?: number;
  maxDeliveries?: number;
  /** How often to look for a rebuilt generation to switch to. */
  switchCheckMs?: number;
  onError?: (error: unknown, event?: RecordedEvent) => void;
  onBatch?: (result: BatchResult<BoardChanged>) => void;
  /**
   * Lag, dead letters and task completion times go here (`taskomask_projector_lag_events`,
   * `taskomask_dead_letters_total`, `taskomask_dead_letter_queue_messages`,
   * `task_completion_seconds`).
   */
  metrics?: Registry;
  /** One line per consumed message (ids, correlation and user), none without it. */
  logger?: Pick<Logger, 'info' | 'warn'>;
};

export type Projector = {
  /** The store queries should read now (it changes when a rebuild switches generations). */
  readStore(): ReadStore;
  /** Applies everything the event store holds past the read store's position (start, switch). */
  catchUp(): Promise<number>;
  stop(): Promise<void>;
  /** Detaches like a crash would, leaving unacked messages to be redelivered. */
  abandon(): Promise<void>;
  /** Events the log holds that the read store has not applied yet. */
  lag(): Promise<number>;
};

type Outcome = { ok: true } | { ok: false; error: unknown };

/**
 * Consumes events from the bus and keeps the read models. Messages are acked only after the
 * batch that holds them committed; a batch that fails is retried event by event, so one poison
 * event goes to the dead-letter queue (after the delivery limit) and the others go on.
 */
export async function startProjector({
  bus,
  eventStore,
  catalog,
  notifier,
  queue = 'projector',
  prefetch = 500,
  maxDeliveries = 5,
  switchCheckMs = 1_000,
  onError = (error) => console.error('[projector]', error),
  onBatch,
  metrics,
  logger,
}: ProjectorOptions): Promise<Projector> {
  let generation = await catalog.current();
  let store = await catalog.open(generation);
  let lastSwitchCheck = Date.now();
  const lag = async () => Math.max(0, (await eventStore.headPosition()) - (await store.position()));
  const counted =
    metrics === undefined
      ? undefined
      : projectorMetrics(metrics, {
          lag,
          deadLetterQueue: async () => (await bus.stats(queue)).deadLettered,
        });

  // Completions found while a batch is applied count once it committed: a failed batch is
  // applied again, event by event. (Batches never overlap, so one list serves.)
  let pending: TaskCompletion[] = [];
  let removed: MemberRemoved[] = [];
  const project = findingRemovals(
    findingCompletions(readModels.project, (c) => pending.push(c)),
    (r) => removed.push(r),
  );

  // Notices are hints (clients refetch on a gap or reconnect): one that cannot be sent is logged
  // and lost, never a reason to fail a batch that committed, which would apply it again.
  const tell = async (what: string, send: () => void | Promise<void>) => {
    try {
      await send();
    } catch (error) {
      logger?.warn({ err: error }, `${what} notice not sent`);
    }
  };

  // The trace each delivered event arrived in (its bus `process` span), for its batch's write span.
  const traced = new WeakMap<RecordedEvent, Context>();

  const applyNow = async (events: RecordedEvent[], span?: Span) => {
    pending = [];
    removed = [];
    const result = await applyBatch(events, {
      readStore: store,
      eventStore,
      ...readModels,
      project,
    });
    for (const completion of pending) counted?.taskCompletion.observe(completion.seconds);
    pending = [];
    const lost = removed;
    removed = [];
    onBatch?.(result);
    const traceparent = span === undefined ? currentTraceparent() : traceparentOfSpan(span);
    const withTrace = <T extends object>(list: T[]) =>
      traceparent === undefined ? list : list.map((n) => ({ ...n, traceparent }));
    // Removals first: the removed member's sockets leave before this batch's board notices go out.
    const { membersRemoved } = notifier;
    if (lost.length > 0 && membersRemoved !== undefined) {
      await tell('member removed', () => membersRemoved.call(notifier, withTrace(lost)));
    }
    if (result.notices.length > 0) {
      const notices = mergeNotices(result.notices);
      await tell('board changed', () => notifier.boardChanged(withTrace(notices)));
    }
    return result;
  };

  // One read-store transaction serves many traces: its span continues the first and links the rest.
  const apply = (events: RecordedEvent[]) => {
    const contexts = events.flatMap((e) => traced.get(e) ?? []);
    const [parent, ...others] = contexts;
    if (parent === undefined) return applyNow(events);
    return inSpan(
      'projector write',
      {
        parent,
        links: linksTo(others),
        attributes: { 'taskomask.events': events.length },
      },
      (span) => applyNow(events, span),
    );
  };

  // A rebuild made another generation current: read from it, and replay what it may lack.
  const followSwitch = async () => {
    if (Date.now() - lastSwitchCheck < switchCheckMs) return;
    lastSwitchCheck = Date.now();
    const current = await catalog.current();
    if (current === generation) return;
    generation = current;
    store = await catalog.open(current);
    await catchUpNow();
  };

  const catchUpNow = async () => {
    let applied = 0;
    for (;;) {
      const from = (await store.position()) + 1;
      const events = await eventStore.readAll({ fromPosition: from, limit: prefetch });
      if (events.length === 0) return applied;
      applied += (await apply(events)).applied;
    }
  };

  const batcher = new Batcher<RecordedEvent, Outcome>(prefetch, async (events) => {
    await followSwitch();
    const ordered = [...events].sort((a, b) => a.globalPosition - b.globalPosition);
    try {
      await apply(ordered);
      return events.map(() => ({ ok: true }));
    } catch {
      // Find the culprit: apply one by one; the ones that fail are redelivered on their own.
      const outcomes = new Map<RecordedEvent, Outcome>();
      for (const event of ordered) {
        try {
          await apply([event]);
          outcomes.set(event, { ok: true });
        } catch (error) {
          onError(error, event);
          outcomes.set(event, { ok: false, error });
        }
      }
      return events.map((e) => outcomes.get(e)!);
    }
  });

  // Before the queue existed (the first start) events were published to no one: read them from
  // the event store, in log order, before any delivery is applied. The queue is declared first,
  // so nothing appended meanwhile is missed; what both bring is applied once.
  let queueDeclared: (declared: boolean) => void = () => {};
  const declared = new Promise<boolean>((resolve) => {
    queueDeclared = resolve;
  });
  const startupCatchUp = batcher.exclusive(async () => {
    if (!(await declared)) return 0;
    // The event store may be down at start (Redis restarting): wait for it rather than fail, which
    // would end the process and hand every prefetched delivery back, each return counting toward
    // the delivery limit (RabbitMQ 3.x), so a crash loop would dead-letter good events.
    for (let backoff = 100; ; backoff = Math.min(backoff * 2, 5_000)) {
      try {
        return await catchUpNow();
      } catch (error) {
        onError(error);
        await new Promise((resolve) => setTimeout(resolve, backoff));
      }
    }
  });

  let consumer: Consumer;
  try {
    consumer = await bus.consume(
      queue,
      ['#'],
      async (message) => {
        const ids = {
          messageId: message.messageId,
          deliveryCount: message.deliveryCount,
          correlationId: message.headers['correlation-id'],
          userId: (message.body as { metadata?: { userId?: unknown } } | null)?.metadata?.userId,
        };
        try {
          const event = recordedEventFrom(message.body);
          // The bus's process span: active when async context is on, else named by the header.
          const arrived = hasSpan()
            ? context.active()
            : contextFromTraceparent(message.headers.traceparent);
          if (hasSpan(arrived)) traced.set(event, arrived);
          const outcome = await batcher.add(event);
          if (!outcome.ok) throw outcome.error;
          logger?.info(ids, 'message applied');
        } catch (error) {
          // The bus dead-letters a poison message at once, any other after its last delivery.
          const deadLettered =
            error instanceof PoisonMessageError || message.deliveryCount >= maxDeliveries;
          if (deadLettered) counted?.deadLetters.inc();
          logger?.warn({ ...ids, err: error, deadLettered }, 'message not applied');
          throw error;
        }
      },
      {
        prefetch,
        maxDeliveries,
        // Every delivered message joins the next batch at once; applyBatch keeps per-stream order.
        concurrency: prefetch,
        orderingKey: (m) => m.messageId,
      },
    );
  } catch (error) {
    queueDeclared(false);
    throw error;
  }
  queueDeclared(true);
  try {
    await startupCatchUp;
  } catch (error) {
    await consumer.stop();
    throw error;
  }

  return {
    readStore: () => store,
    catchUp: () => batcher.exclusive(catchUpNow),
    async stop() {
      await consumer.stop();
      await batcher.drained();
    },
    async abandon() {
      await consumer.abandon();
    },
    lag,
  };
}
