import type { Command } from '../event';

/** Marks items of the caller's own inbox read: the ids given, or all of them. */
export type ReadNotifications = Command<
  'ReadNotifications',
  { itemIds: readonly string[]; all: boolean }
>;

export type InboxCommand = ReadNotifications;
