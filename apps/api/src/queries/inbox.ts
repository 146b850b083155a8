import type { InboxDto, InboxItemDto, InboxQuery } from '@taskomask/contracts';
import { expired, type InboxDoc, type InboxItem, type Membership } from '@taskomask/read-models';
import type { QueryContext } from './access';
import type { Answer } from './answer';
import { pageOf, positionCursor } from './cursor';
import { compositeEtag } from './etag';

/** Where the web app shows an item: the task on its board, or the workspaces (invitations). */
function linkOf(item: Pick<InboxItem, 'boardId' | 'taskId' | 'kind' | 'workspaceId'>): string {
  if (item.boardId && item.taskId) return `/boards/${item.boardId}/tasks/${item.taskId}`;
  return item.kind === 'invited' ? '/workspaces' : `/workspaces/${item.workspaceId}`;
}

function dtoOf({ invitationId: _, position: __, ...item }: InboxItem): InboxItemDto {
  return { ...item, link: linkOf(item) };
}

/**
 * The caller's own inbox, newest first: only items of the last 90 days (by this clock) and, but
 * for invitations, only from workspaces they are still a member of. `unread` counts the same.
 */
export async function myInbox(
  { store, userId, now }: QueryContext,
  { cursor, limit }: Pick<InboxQuery, 'cursor' | 'limit'>,
): Promise<Answer<InboxDto>> {
  const [doc, memberships] = await Promise.all([
    store.get<InboxDoc>('inbox', userId),
    store.find<Membership>('memberships', { ownerId: userId }),
  ]);
  const member = new Set(memberships.map((m) => m.value.workspaceId));
  const shown = (doc?.value.items ?? []).filter(
    (i) => !expired(i, now) && (i.kind === 'invited' || member.has(i.workspaceId)),
  );
  const page = pageOf(shown, {
    keyOf: (i) => [i.position] as [number],
    compare: (a, b) => b[0] - a[0],
    after: positionCursor.decode(cursor),
    limit,
    encode: positionCursor.encode,
  });
  const position = doc?.position ?? 0;
  return {
    body: {
      items: page.items.map(dtoOf),
      unread: shown.filter((i) => !i.read).length,
      nextCursor: page.nextCursor,
      globalPosition: position,
    },
    etag: compositeEtag(
      [...(doc ? [doc] : []), ...memberships],
      page.items.map((i) => `${i.id}:${i.read}`),
    ),
  };
}
