import { Redis } from 'ioredis';

/**
 * What the projector tells browsers after a read model committed: which board changed, up to
 * which global position, and which kinds of events did it. Clients refetch on a gap.
 */
export type BoardChanged = Readonly<{
  boardId: string;
  workspaceId: string;
  position: number;
  kinds: readonly string[];
  taskIds: readonly string[];
  /** The projector's write span, so the socket emit joins the command's trace (tracing on). */
  traceparent?: string;
}>;

/**
 * A member lost a workspace (removed, or the workspace deleted), told once the read store has it:
 * sockets re-check their rooms against the read store and leave the boards they may not see.
 */
export type MemberRemoved = Readonly<{
  workspaceId: string;
  ownerId: string;
  position: number;
  traceparent?: string;
}>;

/** Socket.IO adapters arrive with the web app; the recorder serves tests and headless runs. */
export interface RealtimeNotifier {
  boardChanged(notices: readonly BoardChanged[]): void | Promise<void>;
  /** Called before the same batch's boardChanged, so a removed member misses those notices. */
  membersRemoved?(removed: readonly MemberRemoved[]): void | Promise<void>;
}

export function recordingNotifier(): RealtimeNotifier & {
  readonly notices: BoardChanged[];
  readonly removed: MemberRemoved[];
} {
  const notices: BoardChanged[] = [];
  const removed: MemberRemoved[] = [];
  return {
    notices,
    removed,
    boardChanged(batch) {
      notices.push(...batch);
    },
    membersRemoved(batch) {
      removed.push(...batch);
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

/** The Redis channel that carries notices from projector processes to the query side's sockets. */
export const boardNoticesChannel = 'taskomask:board-changed';
/** Its sibling for MemberRemoved notices (its own channel: older query instances ignore it). */
export const memberNoticesChannel = 'taskomask:member-removed';

/**
 * Distributed mode: the projector has no Socket.IO server of its own, so it publishes each
 * batch's notices on a Redis channel; every query-side instance subscribes and emits them to its
 * own sockets. A notice is a hint (clients refetch on a gap), so pub/sub's at-most-once is enough.
 */
export function redisNotifier(redis: {
  publish(channel: string, message: string): Promise<unknown>;
}): RealtimeNotifier {
  return {
    async boardChanged(notices) {
      await redis.publish(boardNoticesChannel, JSON.stringify(notices));
    },
    async membersRemoved(removed) {
      await redis.publish(memberNoticesChannel, JSON.stringify(removed));
    },
  };
}

/**
 * The Redis client notices go out on. Bounded, because a notice is only a hint and the projector
 * waits for it: during an outage a publish fails at once (no offline queue, no retries) instead of
 * holding the batch for ioredis' 20 reconnect-retries, and a hung server answers within
 * `commandTimeoutMs`. It reconnects by itself; the notices lost meanwhile are refetched by clients.
 */
export function noticesRedis(url: string, { commandTimeoutMs = 1_000 } = {}): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: commandTimeoutMs,
    connectTimeout: 2_000,
  });
  // Without a listener ioredis prints every reconnect attempt of an outage as unhandled.
  redis.on('error', () => undefined);
  return redis;
}
