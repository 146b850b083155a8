import type { BoardChanged, InboxChanged, MembershipChanged } from '@taskomask/contracts/realtime';

/**
 * How the projector tells the query side's sockets what committed: the embedded mode passes the
 * Socket.IO server's notifier, the distributed mode a Redis publisher, tests a recorder.
 */
export interface RealtimeNotifier {
  boardChanged(notices: readonly BoardChanged[]): void | Promise<void>;
  /**
   * Members added, re-roled or removed by a committed batch; called before its boardChanged, so
   * a removed member misses those notices.
   */
  membershipsChanged?(changes: readonly MembershipChanged[]): void | Promise<void>;
  /** Whose inbox changed, one notice per person at the batch's last change (inbox). */
  inboxChanged?(changed: readonly InboxChanged[]): void | Promise<void>;
  /** Called last, once per committed batch, with the read store's new position. */
  committed?(position: number): void | Promise<void>;
}

export function recordingNotifier(): RealtimeNotifier & {
  readonly notices: BoardChanged[];
  readonly memberships: MembershipChanged[];
} {
  const notices: BoardChanged[] = [];
  const memberships: MembershipChanged[] = [];
  return {
    notices,
    memberships,
    boardChanged(batch) {
      notices.push(...batch);
    },
    membershipsChanged(batch) {
      memberships.push(...batch);
    },
  };
}

/** Merges a batch's notices into one per board, at the batch's highest position. */
export function mergeNotices(notices: readonly BoardChanged[]): BoardChanged[] {
  const byBoard = new Map<string, { n: BoardChanged; kinds: Set<string>; taskIds: Set<string> }>();
  for (const n of notices) {
    const seen = byBoard.get(n.boardId);
    if (!seen) {
      byBoard.set(n.boardId, { n, kinds: new Set(n.kinds), taskIds: new Set(n.taskIds) });
      continue;
    }
    for (const k of n.kinds) seen.kinds.add(k);
    for (const t of n.taskIds) seen.taskIds.add(t);
    if (n.position > seen.n.position) seen.n = { ...seen.n, position: n.position };
  }
  return [...byBoard.values()].map(({ n, kinds, taskIds }) => ({
    ...n,
    kinds: [...kinds],
    taskIds: [...taskIds],
  }));
}

/** One notice per person: their last in the batch (it carries their latest unread count). */
export function mergeInboxNotices(notices: readonly InboxChanged[]): InboxChanged[] {
  const byOwner = new Map<string, InboxChanged>();
  for (const n of notices) {
    const seen = byOwner.get(n.ownerId);
    if (!seen || n.position >= seen.position) byOwner.set(n.ownerId, n);
  }
  return [...byOwner.values()];
}
