import { minPosition, pageCursor, pageLimit } from './queries/params';
import { named } from './registry';
import { z } from './zod';

// A person's inbox: what the query side answers at GET /me/inbox and what POST /me/inbox/read
// accepts. Items are made by the read models from events (see packages/read-models/src/inbox.ts).

/** An item's id: the global position of the event that made it, as a decimal string. */
export const inboxItemId = () =>
  z
    .string({ error: 'must be an inbox item id' })
    .regex(/^[1-9]\d{0,15}$/, { error: 'must be an inbox item id' });

export const inboxKinds = ['assigned', 'mentioned', 'commented', 'done', 'invited'] as const;
export type InboxKind = (typeof inboxKinds)[number];

export const ReadInboxBody = named(
  'ReadInboxBody',
  'Marks items of the caller’s inbox read: the ids given, or every item with `all: true`.',
  z
    .strictObject({
      itemIds: z.array(inboxItemId()).min(1).max(200).optional(),
      all: z.literal(true, { error: 'must be true when given' }).optional(),
    })
    .refine((body) => body.itemIds !== undefined || body.all === true, {
      error: 'give itemIds or all: true',
      path: ['itemIds'],
    }),
);

export const InboxQuery = z.strictObject({
  minPosition: minPosition(),
  cursor: pageCursor(),
  limit: pageLimit(),
});

export const InboxItemDto = named(
  'InboxItem',
  'One notification: what happened (kind), who did it, to what, where to look, when; read or not.',
  z.strictObject({
    id: z.string(),
    kind: z.enum(inboxKinds),
    actorId: z.string(),
    actorName: z.string(),
    /** The task's title, or the workspace's name for an invitation. */
    title: z.string(),
    workspaceId: z.string(),
    workspaceName: z.string(),
    boardId: z.string().nullable(),
    taskId: z.string().nullable(),
    /** The web app's path to look at it. */
    link: z.string(),
    at: z.string(),
    read: z.boolean(),
  }),
);

export const InboxDto = named(
  'Inbox',
  'The caller’s notifications of the last 90 days, newest first, and how many are unread.',
  z.strictObject({
    items: z.array(InboxItemDto),
    unread: z.int().nonnegative(),
    nextCursor: z.string().nullable(),
    globalPosition: z.int().nonnegative(),
  }),
);

export type ReadInboxBody = z.infer<typeof ReadInboxBody>;
export type InboxQuery = z.infer<typeof InboxQuery>;
export type InboxItemDto = z.infer<typeof InboxItemDto>;
export type InboxDto = z.infer<typeof InboxDto>;
