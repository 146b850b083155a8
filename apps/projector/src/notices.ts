import type { BoardChanged, MemberRemoved } from '@taskomask/contracts/realtime';
import type { Logger } from '@taskomask/observability';
import { mergeNotices, type RealtimeNotifier } from '@taskomask/read-models';

/**
 * Tells a committed batch's notices: removals first (the removed member's sockets leave before
 * the batch's board notices go out), then one BoardChanged per board, then the commit itself. Notices are hints (clients
 * refetch on a gap or reconnect): one that cannot be sent is logged and lost, never a reason to
 * fail a batch that committed, which would apply it again.
 */
export async function tellBatch(
  notifier: RealtimeNotifier,
  {
    removed,
    changed,
    position,
    traceparent,
  }: {
    removed: MemberRemoved[];
    changed: BoardChanged[];
    /** The read store's position after the batch; 0 when it applied nothing. */
    position: number;
    traceparent: string | undefined;
  },
  logger?: Pick<Logger, 'warn'>,
): Promise<void> {
  const tell = async (what: string, send: () => void | Promise<void>) => {
    try {
      await send();
    } catch (error) {
      logger?.warn({ err: error }, `${what} notice not sent`);
    }
  };
  const withTrace = <T extends object>(list: T[]) =>
    traceparent === undefined ? list : list.map((n) => ({ ...n, traceparent }));
  const { membersRemoved } = notifier;
  if (removed.length > 0 && membersRemoved !== undefined) {
    await tell('member removed', () => membersRemoved.call(notifier, withTrace(removed)));
  }
  if (changed.length > 0) {
    const notices = mergeNotices(changed);
    await tell('board changed', () => notifier.boardChanged(withTrace(notices)));
  }
  const { committed } = notifier;
  if (position > 0 && committed !== undefined) {
    await tell('committed', () => committed.call(notifier, position));
  }
}
