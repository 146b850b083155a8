import type { ReadSchema } from '@taskomask/readstore';

/** The read models and the keys each is found by. Change keys → rebuild. */
export const readSchema = {
  workspaces: { keys: [] },
  /** One per (workspace, member): the permission model the query side checks. */
  memberships: { keys: ['ownerId', 'workspaceId'] },
  boards: { keys: ['workspaceId', 'projectId'] },
  /** Task details with the task's whole history (`activity`, newest first). */
  tasks: { keys: ['boardId', 'assigneeId', 'workspaceId'] },
  /** `board:<id>` and `workspace:<id>`: their latest ACTIVITY_CAP lines, newest first. */
  activity: { keys: [] },
  /** Pending invitations by email, mirrored from the workspaces' (see invitations.ts). */
  invitations: { keys: ['email', 'workspaceId'] },
  /** Registered accounts (`owner-<id>` streams), for account admins. */
  owners: { keys: ['email', 'role', 'status'] },
  /** One per person (id: ownerId): their notifications, newest first (inbox.ts). */
  inbox: { keys: [] },
  /** Per board: its cards and what each counts as in flow charts, its time zone, its tasks (flow.ts). */
  flowBoards: { keys: [] },
  /** `<boardId>:<n>`: the board's log of task arrivals, in chunks (flow.ts). */
  flowLog: { keys: [] },
  /** Email → account, for invitations (inbox-accounts.ts). */
  inboxAccounts: { keys: [] },
  /** Boards' and tasks' past: heads, sealed chunks of events and indexes (history.ts). */
  history: { keys: [] },
  /** A board's or task's view as it was at a position, every so many events (history.ts). */
  historySnapshots: { keys: [] },
} as const satisfies ReadSchema;

export type ReadModelName = keyof typeof readSchema;
