import type { InboxChanged } from '@taskomask/contracts/realtime';
import type { RecordedEvent } from '@taskomask/domain';
import type { DocCache } from './doc-cache';

/**
 * How long an item stays. Pruned when its inbox is next written, against the time of the event
 * being applied (not the wall clock), so a rebuild folds to exactly the same documents; the query
 * side also hides older items against its clock, for inboxes nothing wrote to for a while.
 */
export const INBOX_RETENTION_MS = 90 * 24 * 3600_000;
/** The newest items an inbox keeps: one document per person, rewritten on each change. */
export const INBOX_CAP = 300;

export type InboxKind = 'assigned' | 'mentioned' | 'commented' | 'done' | 'invited';

export type InboxItem = {
  /** The global position of the event that made it, as a string. */
  id: string;
  kind: InboxKind;
  actorId: string;
  actorName: string;
  title: string;
  workspaceId: string;
  workspaceName: string;
  boardId: string | null;
  taskId: string | null;
  /** For an invitation: so a revoked one can be taken back. */
  invitationId?: string;
  at: string;
  position: number;
  read: boolean;
};

export type InboxDoc = { ownerId: string; items: InboxItem[] };

export const unreadOf = (items: readonly InboxItem[]) => items.filter((i) => !i.read).length;

/** Older than the retention, as of `now` (ms). */
export const expired = (item: InboxItem, now: number) =>
  Date.parse(item.at) < now - INBOX_RETENTION_MS;

/**
 * Changes `ownerId`'s inbox with `change` (which edits the items in place and says whether it
 * changed anything), prunes what expired as of the event, and answers the notice to tell.
 */
export async function changeInbox(
  ownerId: string,
  event: RecordedEvent,
  docs: DocCache,
  change: (items: InboxItem[]) => boolean,
): Promise<InboxChanged | undefined> {
  const doc = (await docs.get<InboxDoc>('inbox', ownerId)) ?? { ownerId, items: [] };
  const items = [...doc.items];
  const changed = change(items);
  const now = Date.parse(event.occurredAt);
  const kept = items.filter((i) => !expired(i, now)).slice(0, INBOX_CAP);
  if (!changed && kept.length === doc.items.length) return undefined;
  docs.put('inbox', ownerId, { ownerId, items: kept }, event.globalPosition);
  return { ownerId, unread: unreadOf(kept), position: event.globalPosition };
}

/** Adds an item, newest first by position; an item already there (a replay) changes nothing. */
export function addItem(items: InboxItem[], item: InboxItem): boolean {
  if (items.some((i) => i.id === item.id)) return false;
  const at = items.findIndex((i) => i.position < item.position);
  if (at === -1) items.push(item);
  else items.splice(at, 0, item);
  return true;
}

/** Removes the items `drop` picks. */
export function removeItems(items: InboxItem[], drop: (item: InboxItem) => boolean): boolean {
  const before = items.length;
  const kept = items.filter((i) => !drop(i));
  items.splice(0, items.length, ...kept);
  return kept.length !== before;
}

/** Marks read the items `read` picks. */
export function markRead(items: InboxItem[], read: (item: InboxItem) => boolean): boolean {
  let changed = false;
  for (const [n, item] of items.entries()) {
    if (item.read || !read(item)) continue;
    items[n] = { ...item, read: true };
    changed = true;
  }
  return changed;
}
