import type { BoardChanged, InboxChanged, MembershipChanged } from '@taskomask/contracts/realtime';
import type { Logger } from '@taskomask/observability';
import { mergeInboxNotices, mergeNotices, type RealtimeNotifier } from '@taskomask/read-models';

/**
 * How long the projector waits for one notice. The Redis notifier answers within its own
 * command timeout (1 s); this bounds every notifier, e.g. the embedded Socket.IO one, so a
 * notice that hangs holds projection up by at most this much.
 */
export const noticeTimeoutMs = 1_000;

/**
 * Tells a committed batch's notices: membership changes first (a removed member's sockets leave
 * before the batch's board notices go out), then one BoardChanged per board, then the commit itself.
 * Notices are hints (clients refetch on a gap or reconnect): one that cannot be sent, or not
 * within `timeoutMs`, is logged and lost, never a reason to fail (or hold) a batch that
 * committed, which would apply it again.
 */
export async function tellBatch(
  notifier: RealtimeNotifier,
  {
    memberships,
    changed,
    inbox = [],
    position,
    traceparent,
  }: {
    memberships: MembershipChanged[];
    changed: BoardChanged[];
    /** Inboxes the batch changed (inbox). */
    inbox?: InboxChanged[];
    /** The read store's position after the batch; 0 when it applied nothing. */
    position: number;
    traceparent: string | undefined;
  },
  logger?: Pick<Logger, 'warn'>,
  timeoutMs = noticeTimeoutMs,
): Promise<void> {
  const tell = async (what: string, send: () => void | Promise<void>) => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), timeoutMs);
    });
    try {
      // A late notice may still fail after we stopped waiting: its error is logged, not unhandled.
      const sending = Promise.resolve()
        .then(send)
        .catch((error: unknown) => {
          logger?.warn({ err: error }, `${what} notice not sent`);
        });
      if ((await Promise.race([sending, late])) === 'late') {
        logger?.warn({ timeoutMs }, `${what} notice not sent within ${timeoutMs} ms`);
      }
    } finally {
      clearTimeout(timer);
    }
  };
  const withTrace = <T extends object>(list: T[]) =>
    traceparent === undefined ? list : list.map((n) => ({ ...n, traceparent }));
  const { membershipsChanged } = notifier;
  if (memberships.length > 0 && membershipsChanged !== undefined) {
    await tell('membership changed', () =>
      membershipsChanged.call(notifier, withTrace(memberships)),
    );
  }
  if (changed.length > 0) {
    const notices = mergeNotices(changed);
    await tell('board changed', () => notifier.boardChanged(withTrace(notices)));
  }
  const { inboxChanged } = notifier;
  if (inbox.length > 0 && inboxChanged !== undefined) {
    const notices = mergeInboxNotices(inbox);
    await tell('inbox changed', () => inboxChanged.call(notifier, withTrace(notices)));
  }
  const { committed } = notifier;
  if (position > 0 && committed !== undefined) {
    await tell('committed', () => committed.call(notifier, position));
  }
}
