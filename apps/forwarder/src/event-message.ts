import type { RecordedEvent } from '@taskomask/domain';
import type { OutgoingMessage } from '@taskomask/messaging';

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
