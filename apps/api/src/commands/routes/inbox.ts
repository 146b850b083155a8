import { inboxOfOwner } from '@taskomask/domain';
import { planOf } from '../aggregates';
import { type CommandRoute, command } from './route';

/** The caller's own inbox: decided on `inbox-<caller>`, whatever the request says. */
export const inboxRoutes: readonly CommandRoute[] = [
  command('readInbox', {
    summary: 'Mark notifications of your inbox read (the ids given, or all)',
    tag: 'inbox',
    scope: 'tasks:write',
    resource: null,
    plan: (_, body) =>
      planOf(inboxOfOwner, 'me', [
        {
          type: 'ReadNotifications',
          data: { itemIds: body.itemIds ?? [], all: body.all === true },
        },
      ]),
  }),
];
