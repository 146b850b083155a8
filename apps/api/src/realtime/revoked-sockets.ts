import type { SessionRevoked } from '@taskomask/contracts/realtime';
import type { Server } from 'socket.io';

export type { SessionRevoked };

type Sweepable = Pick<Server, 'of'>;

/**
 * Every `intervalMs`, drops this instance's sockets of deactivated accounts, telling each why
 * (`session:revoked`) first. One read of the deactivated set per sweep, whatever the number of
 * sockets; every instance sweeps its own, so a deactivation reaches all of them.
 */
export function sweepRevokedSockets(
  io: Sweepable,
  deactivated: (() => Promise<ReadonlySet<string>>) | undefined,
  options: {
    intervalMs?: number;
    onError?: (error: unknown) => void;
    /**
     * Why the personal API token a socket connected with no longer holds (null: it still does).
     * Asked for each such socket on every sweep (one short event-store read).
     */
    tokenRefused?: (token: string) => Promise<SessionRevoked['reason'] | null>;
  } = {},
): { stop(): void } {
  let running = false;
  const sweep = async () => {
    if (running) return;
    running = true;
    try {
      const sockets = [...io.of('/').sockets.values()];
      if (sockets.length === 0) return;
      const tokenRefused = options.tokenRefused;
      if (tokenRefused !== undefined) {
        await Promise.all(
          sockets.map(async (socket) => {
            const token = (socket.data as { personalToken?: string }).personalToken;
            if (token === undefined) return;
            const reason = await tokenRefused(token);
            if (reason === null) return;
            socket.emit('session:revoked', { reason } satisfies SessionRevoked);
            socket.disconnect(true);
          }),
        );
      }
      if (deactivated === undefined) return;
      const gone = await deactivated();
      if (gone.size === 0) return;
      for (const socket of sockets) {
        if (!socket.connected) continue;
        const userId = (socket.data as { user?: { id: string } }).user?.id;
        if (userId === undefined || !gone.has(userId)) continue;
        socket.emit('session:revoked', { reason: 'account-deactivated' } satisfies SessionRevoked);
        socket.disconnect(true);
      }
    } catch (error) {
      options.onError?.(error);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void sweep(), options.intervalMs ?? 300);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
