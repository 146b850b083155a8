import type { RecordedEvent } from '@taskomask/domain';
import { PoisonMessageError } from './errors';
import type { OutgoingMessage } from './port';

// The event envelope on the bus, written by the forwarder and read by the projector: one module,
// so the two sides cannot drift apart.

/**
 * An event as it travels on the bus. The message id is the event's place in its stream, so a
 * re-published event carries the same id; the routing key is `<aggregate>.<EventType>`.
 */
export function eventMessage(event: RecordedEvent): OutgoingMessage {
  const aggregate = event.streamName.slice(0, event.streamName.indexOf('-'));
  const headers: Record<string, string> = {
    'correlation-id': event.metadata.correlationId,
    'causation-id': event.metadata.causationId,
    'global-position': String(event.globalPosition),
  };
  if (event.metadata.traceparent) headers.traceparent = event.metadata.traceparent;
  return {
    messageId: `${event.streamName}@${event.streamVersion}`,
    routingKey: `${aggregate}.${event.type}`,
    body: event,
    headers,
  };
}

/** Checks that a bus message's body is an event envelope; anything else is poison. */
export function recordedEventFrom(body: unknown): RecordedEvent {
  const e = body as Partial<RecordedEvent> | null;
  if (
    typeof e !== 'object' ||
    e === null ||
    typeof e.type !== 'string' ||
    typeof e.streamName !== 'string' ||
    !Number.isSafeInteger(e.streamVersion) ||
    (e.streamVersion as number) < 1 ||
    !Number.isSafeInteger(e.globalPosition) ||
    (e.globalPosition as number) < 1 ||
    typeof e.occurredAt !== 'string' ||
    typeof e.data !== 'object' ||
    e.data === null ||
    typeof e.metadata !== 'object' ||
    e.metadata === null
  ) {
    throw new PoisonMessageError('message body is not an event envelope');
  }
  return e as RecordedEvent;
}
