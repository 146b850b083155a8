import type { RecordedEvent } from '@taskomask/domain';
import type { EventStore } from '@taskomask/eventstore';
import type { Consumer, MessageBus } from '@taskomask/messaging';
import {
  type Context,
  context,
  contextFromTraceparent,
  currentTraceparent,
  hasSpan,
  inSpan,
  linksTo,
  type Span,
  traceparentOfSpan,
} from '@taskomask/observability';
import type { ReadStore, ReadStoreCatalog } from '@taskomask/readstore';
import { applyBatch, type BatchResult } from './apply-batch';
import { Batcher } from './batcher';
import { type BoardChanged, mergeNotices, type RealtimeNotifier } from './notifier';
import { readModels } from './read-models';
import { recordedEventFrom } from './recorded-event';

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
};

export type Projector = {
  /** The store queries should read now (it changes when a rebuild switches generations). */
  readStore(): ReadStore;
  /** Applies everything the event store holds past the read store's position (start, switch). */
  catchUp(): Promise<number>;
  stop(): Promise<void>;
  /** Detaches like a crash would, leaving unacked messages to be redelivered. */
  abandon(): Promise<void>;
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
}: ProjectorOptions): Promise<Projector> {
  let generation = await catalog.current();
  let store = await catalog.open(generation);
  let lastSwitchCheck = Date.now();

  // The trace each delivered event arrived in (its bus `process` span), for its batch's write span.
  const traced = new WeakMap<RecordedEvent, Context>();

  const applyNow = async (events: RecordedEvent[], span?: Span) => {
    const result = await applyBatch(events, {
      readStore: store,
      eventStore,
      ...readModels,
    });
    onBatch?.(result);
    if (result.notices.length > 0) {
      const traceparent = span === undefined ? currentTraceparent() : traceparentOfSpan(span);
      const notices = mergeNotices(result.notices);
      await notifier.boardChanged(
        traceparent === undefined ? notices : notices.map((n) => ({ ...n, traceparent })),
      );
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
  const startupCatchUp = batcher.exclusive(async () => ((await declared) ? catchUpNow() : 0));

  let consumer: Consumer;
  try {
    consumer = await bus.consume(
      queue,
      ['#'],
      async (message) => {
        const event = recordedEventFrom(message.body);
        // The bus's process span: active when async context is on, else named by the header.
        const arrived = hasSpan()
          ? context.active()
          : contextFromTraceparent(message.headers.traceparent);
        if (hasSpan(arrived)) traced.set(event, arrived);
        const outcome = await batcher.add(event);
        if (!outcome.ok) throw outcome.error;
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
  };
}
