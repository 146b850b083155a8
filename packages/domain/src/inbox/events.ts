import type { Event } from '../event';

/**
 * The owner read some notifications of their inbox: the items named, or (`all`) every item the
 * inbox held when this event was appended — items are positioned by the events that made them,
 * so "older than this event's global position" is exact and replays the same in a rebuild.
 */
export type NotificationsRead = Event<
  'NotificationsRead',
  { ownerId: string; itemIds: readonly string[]; all: boolean }
>;

export type InboxEvent = NotificationsRead;
