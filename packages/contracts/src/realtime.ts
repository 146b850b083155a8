import type { Role } from '@taskomask/domain';
import { role } from './fields';
import { z } from './zod';

// The realtime wire formats: the notices the projector publishes once a batch committed (on the
// Redis channels below in the distributed mode, by a function call in the embedded one), and the
// Socket.IO events between the query side and browsers. Validated where they are read.

const position = z.number().int().nonnegative();
const id = z.string().min(1);

/**
 * A board changed: up to which global position, by which kinds of events, on which tasks.
 * Clients refetch on a gap.
 */
export type BoardChanged = Readonly<{
  boardId: string;
  workspaceId: string;
  position: number;
  kinds: readonly string[];
  taskIds: readonly string[];
  /** The projector's write span, so the socket emit joins the command's trace. Never sent to browsers. */
  traceparent?: string;
}>;

export const boardChangedSchema = z.object({
  boardId: id,
  workspaceId: id,
  position,
  kinds: z.array(z.string()),
  taskIds: z.array(z.string()),
  traceparent: z.string().optional(),
}) satisfies z.ZodType<BoardChanged>;

/**
 * A member's role in a workspace changed, told once the read store has it: `role` is the new one,
 * or null when they lost the workspace (removed, or the workspace deleted). Sockets of a member who
 * lost it re-check their rooms against the read store and leave the boards they may not see; the
 * member's own sockets are told (`membership:changed`) so their pages follow without a reload.
 */
export type MembershipChanged = Readonly<{
  workspaceId: string;
  ownerId: string;
  role: Role | null;
  position: number;
  traceparent?: string;
}>;

export const membershipChangedSchema = z.object({
  workspaceId: id,
  ownerId: id,
  // Older projectors told removals only, without a role: absent means removed.
  role: role()
    .nullable()
    .optional()
    .transform((r) => r ?? null),
  position,
  traceparent: z.string().optional(),
}) satisfies z.ZodType<MembershipChanged>;

/** The Redis channel that carries BoardChanged lists from projector processes to the query side. */
export const boardNoticesChannel = 'taskomask:board-changed';
/**
 * Its sibling for MembershipChanged lists. The name is older than the role changes it now carries
 * too: query instances from before read every notice on it as a removal, whose re-check of the
 * read store keeps a still-member's rooms, so mixed versions stay correct.
 */
export const memberNoticesChannel = 'taskomask:member-removed';

/**
 * A batch committed up to `position`, whatever it touched: queries waiting for a `minPosition`
 * wake on it instead of polling the read store.
 */
export const committedChannel = 'taskomask:committed';
export type Committed = Readonly<{ position: number }>;
export const committedSchema = z.object({ position }) satisfies z.ZodType<Committed>;

// --- inbox (helper "inbox"): a person's inbox changed ---

/**
 * A person's inbox changed (a new item, items read, items hidden): told once the read store has
 * it, to that person's sockets only, with their unread count as the read store now holds it.
 */
export type InboxChanged = Readonly<{
  ownerId: string;
  unread: number;
  position: number;
  traceparent?: string;
}>;

export const inboxChangedSchema = z.object({
  ownerId: id,
  unread: z.number().int().nonnegative(),
  position,
  traceparent: z.string().optional(),
}) satisfies z.ZodType<InboxChanged>;

/** The Redis channel for InboxChanged lists (its own: older query instances ignore it). */
export const inboxNoticesChannel = 'taskomask:inbox-changed';

/** What a browser receives in its user room: no owner id (it is theirs), no trace context. */
export type InboxNotice = Readonly<{ unread: number; position: number }>;

// --- end inbox ---

/** What each notice channel carries: a JSON array of one batch's notices (or its commit). */
export const noticeChannels = {
  [boardNoticesChannel]: z.array(boardChangedSchema),
  [memberNoticesChannel]: z.array(membershipChangedSchema),
  [committedChannel]: committedSchema,
  [inboxNoticesChannel]: z.array(inboxChangedSchema),
} as const;

export type NoticeMessage =
  | { channel: typeof boardNoticesChannel; notices: BoardChanged[] }
  | { channel: typeof memberNoticesChannel; notices: MembershipChanged[] }
  | { channel: typeof committedChannel; committed: Committed }
  | { channel: typeof inboxNoticesChannel; notices: InboxChanged[] };

/**
 * Reads a message from a notice channel: undefined for another channel or a message that is not
 * valid JSON of the channel's shape (a notice is a hint; a bad one is dropped, never cast).
 */
export function decodeNoticeMessage(channel: string, message: string): NoticeMessage | undefined {
  let json: unknown;
  try {
    json = JSON.parse(message);
  } catch {
    return undefined;
  }
  if (channel === boardNoticesChannel) {
    const parsed = noticeChannels[boardNoticesChannel].safeParse(json);
    return parsed.success ? { channel, notices: parsed.data } : undefined;
  }
  if (channel === memberNoticesChannel) {
    const parsed = noticeChannels[memberNoticesChannel].safeParse(json);
    return parsed.success ? { channel, notices: parsed.data } : undefined;
  }
  if (channel === committedChannel) {
    const parsed = noticeChannels[committedChannel].safeParse(json);
    return parsed.success ? { channel, committed: parsed.data } : undefined;
  }
  if (channel === inboxNoticesChannel) {
    const parsed = noticeChannels[inboxNoticesChannel].safeParse(json);
    return parsed.success ? { channel, notices: parsed.data } : undefined;
  }
  return undefined;
}

/** A BoardChanged as browsers receive it (no trace context). */
export type BoardNotice = Omit<BoardChanged, 'traceparent'>;

export type PresentUser = Readonly<{ id: string; name: string }>;
export type BoardPresence = { boardId: string; users: PresentUser[] };
export type BoardRevoked = { boardId: string };
/** To a member's own sockets: their role in a workspace is now `role` (null: they lost it). */
export type MembershipNotice = Readonly<{
  workspaceId: string;
  role: Role | null;
  position: number;
}>;
/**
 * Told to a socket just before it is dropped because its account lost access, or because the
 * personal API token it connected with was revoked or expired.
 */
export type SessionRevoked = Readonly<{ reason: 'account-deactivated' | 'token-revoked' }>;

export const boardNoticeSchema = boardChangedSchema.omit({ traceparent: true });
export const presentUserSchema = z.object({ id, name: z.string() });
export const boardPresenceSchema = z.object({ boardId: id, users: z.array(presentUserSchema) });
export const boardRevokedSchema = z.object({ boardId: id });
export const membershipNoticeSchema = z.object({
  workspaceId: id,
  role: role().nullable(),
  position,
}) satisfies z.ZodType<MembershipNotice>;

export type JoinAnswer = { ok: true } | { ok: false; error: 'not-found' | 'bad-request' };

/** Socket.IO server → client events. */
export type ServerEvents = {
  'board:changed': (notice: BoardNotice) => void;
  'board:presence': (presence: BoardPresence) => void;
  'board:revoked': (revoked: BoardRevoked) => void;
  /** The account lost access (deactivated): the server disconnects right after. */
  'session:revoked': (revoked: SessionRevoked) => void;
  /** To the member's user room, after the read store committed the change. */
  'membership:changed': (notice: MembershipNotice) => void;
  /** The person's inbox changed: its unread count now (inbox). */
  'inbox:changed': (notice: InboxNotice) => void;
};

/** Socket.IO client → server events. */
export type ClientEvents = {
  'board:join': (boardId: string, ack: (answer: JoinAnswer) => void) => void;
  'board:leave': (boardId: string) => void;
};
