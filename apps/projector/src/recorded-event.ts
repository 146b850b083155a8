import type { RecordedEvent } from '@taskomask/domain';
import { PoisonMessageError } from '@taskomask/messaging';

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
