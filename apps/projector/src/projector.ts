import type { BoardChanged } from '@taskomask/contracts/realtime';
import type { RecordedEvent } from '@taskomask/domain';
import type { EventStore } from '@taskomask/eventstore';
import type { Consumer, MessageBus } from '@taskomask/messaging';
import { type Logger, projectorMetrics, type Registry } from '@taskomask/observability';
import type { BatchResult, RealtimeNotifier } from '@taskomask/read-models';
import type { ReadStore, ReadStoreCatalog } from '@taskomask/readstore';
import { batchApply } from './batch-apply';
import { catchUpWithBackoff, openGenerations } from './catch-up';
import { eventBatcher, messageHandler } from './consume';
import { projectorMaxDeliveries } from './delivery-limit';

export type ProjectorOptions = {
  bus: MessageBus;
  eventStore: EventStore;
  catalog: ReadStoreCatalog;
  notifier: RealtimeNotifier;
  queue?: string;
  /** Messages held unacked at once; also the largest batch committed in one transaction. */
  prefetch?: number;
  /** Deliveries before a failing message is dead-lettered; see delivery-limit.ts. */
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

/**
 * Consumes events from the bus and keeps the read models. Messages are acked only after the
 * batch that holds them committed; a batch that fails is retried event by event, so one poison
 * event goes to the dead-letter queue (after the delivery limit) and the others go on.
 * The parts: consume.ts (bus handler, batches), batch-apply.ts (one transaction and its span),
 * notices.ts (what is told after a commit), catch-up.ts (generations, reading the log).
 */
export async function startProjector({
  bus,
  eventStore,
  catalog,
  notifier,
  queue = 'projector',
  prefetch = 500,
  maxDeliveries = projectorMaxDeliveries,
  switchCheckMs = 1_000,
  onError = (error) => console.error('[projector]', error),
  onBatch,
  metrics,
  logger,
}: ProjectorOptions): Promise<Projector> {
  // The generations replay through the batch, and the batch writes to the current generation.
  const generations = await openGenerations({
    catalog,
    eventStore,
    apply: (events) => batch.apply(events),
    batchSize: prefetch,
    switchCheckMs,
  });
  const store = generations.store;
  const lag = async () =>
    Math.max(0, (await eventStore.headPosition()) - (await store().position()));
  const counted =
    metrics === undefined
      ? undefined
      : projectorMetrics(metrics, {
          lag,
          deadLetterQueue: async () => (await bus.stats(queue)).deadLettered,
        });
  const batch = batchApply({
    store,
    eventStore,
    notifier,
    ...(onBatch ? { onBatch } : {}),
    ...(counted ? { observeCompletion: (s: number) => counted.taskCompletion.observe(s) } : {}),
    ...(logger ? { logger } : {}),
  });
  const { catchUp, followSwitch } = generations;
  const batcher = eventBatcher({
    size: prefetch,
    beforeBatch: followSwitch,
    apply: batch.apply,
    onError,
  });

  // Before the queue existed (the first start) events were published to no one: read them from
  // the event store, in log order, before any delivery is applied. The queue is declared first,
  // so nothing appended meanwhile is missed; what both bring is applied once.
  let queueDeclared: (declared: boolean) => void = () => {};
  const declared = new Promise<boolean>((resolve) => {
    queueDeclared = resolve;
  });
  const startupCatchUp = batcher.exclusive(async () =>
    (await declared) ? catchUpWithBackoff(catchUp, (error) => onError(error)) : 0,
  );

  let consumer: Consumer;
  try {
    consumer = await bus.consume(
      queue,
      ['#'],
      messageHandler({
        batcher,
        traced: batch.traced,
        maxDeliveries,
        ...(counted ? { countDeadLetter: () => counted.deadLetters.inc() } : {}),
        ...(logger ? { logger } : {}),
      }),
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
    readStore: store,
    catchUp: () => batcher.exclusive(catchUp),
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
