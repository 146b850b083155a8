import type { RecordedEvent } from '../event';
import type { DomainEvent } from '../messages';

/**
 * Views accept any recorded event and must ignore what they do not know. This narrows one to our
 * union when it looks like one (an object `data`), so a view can switch on its type; an unknown
 * type then falls through the switch's default.
 */
export function asDomainEvent(event: RecordedEvent): RecordedEvent<DomainEvent> | null {
  if (typeof event.data !== 'object' || event.data === null) return null;
  return event as unknown as RecordedEvent<DomainEvent>;
}
