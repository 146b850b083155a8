import type { RecordedEvent } from '@taskomask/domain';
import { type IncomingMessage, PoisonMessageError, recordedEventFrom } from '@taskomask/messaging';
import {
  type Context,
  context,
  contextFromTraceparent,
  hasSpan,
  type Logger,
} from '@taskomask/observability';
import { Batcher } from './batcher';

type Outcome = { ok: true } | { ok: false; error: unknown };

/**
 * Gathers delivered events into batches. A batch that fails is retried event by event, so the
 * culprit alone fails (and is redelivered, then dead-lettered) while the others go on.
 */
export function eventBatcher({
  size,
  beforeBatch,
  apply,
  onError,
}: {
  size: number;
  beforeBatch: () => Promise<void>;
  apply: (events: RecordedEvent[]) => Promise<unknown>;
  onError: (error: unknown, event?: RecordedEvent) => void;
}): Batcher<RecordedEvent, Outcome> {
  return new Batcher<RecordedEvent, Outcome>(size, async (events) => {
    await beforeBatch();
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
}

/**
 * The bus handler: decodes the envelope (poison otherwise), remembers the trace it arrived in,
 * and settles once the event's batch committed — so the bus acks only what is in the read store.
 */
export function messageHandler({
  batcher,
  traced,
  maxDeliveries,
  countDeadLetter,
  logger,
}: {
  batcher: Batcher<RecordedEvent, Outcome>;
  traced: WeakMap<RecordedEvent, Context>;
  maxDeliveries: number;
  countDeadLetter?: () => void;
  logger?: Pick<Logger, 'info' | 'warn'>;
}): (message: IncomingMessage) => Promise<void> {
  return async (message) => {
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
      if (deadLettered) countDeadLetter?.();
      logger?.warn({ ...ids, err: error, deadLettered }, 'message not applied');
      throw error;
    }
  };
}
