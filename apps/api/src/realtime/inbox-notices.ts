import type { InboxChanged, ServerEvents } from '@taskomask/contracts/realtime';

type Room = {
  emit(event: 'inbox:changed', ...args: Parameters<ServerEvents['inbox:changed']>): unknown;
};

/**
 * Tells each person whose inbox changed, in their own user room (every socket they have open,
 * whatever board it shows): the unread count and position only, never the owner id or trace.
 */
export function emitInboxNotices(
  changed: readonly InboxChanged[],
  toUser: (ownerId: string) => Room,
): void {
  for (const { ownerId, unread, position } of changed) {
    toUser(ownerId).emit('inbox:changed', { unread, position });
  }
}
