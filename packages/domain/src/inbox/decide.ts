import type { Decider } from '../event';
import type { InboxCommand } from './commands';
import type { InboxEvent } from './events';

/** An inbox keeps nothing the decision needs: reading is always allowed, on your own stream. */
export type InboxState = Readonly<{ reads: number }>;

export const inboxDecider: Decider<InboxCommand, InboxEvent, InboxState> = {
  initialState: () => ({ reads: 0 }),
  decide(command) {
    switch (command.type) {
      case 'ReadNotifications': {
        const { itemIds, all } = command.data;
        // Nothing named and not all: nothing to record.
        if (!all && itemIds.length === 0) return [];
        return [
          {
            type: 'NotificationsRead',
            data: { ownerId: command.metadata.userId, itemIds: all ? [] : itemIds, all },
          },
        ];
      }
      default: {
        const unknown: never = command.type;
        throw new Error(`unknown inbox command ${String(unknown)}`);
      }
    }
  },
  evolve: (state, event) =>
    event.type === 'NotificationsRead' ? { reads: state.reads + 1 } : state,
};
