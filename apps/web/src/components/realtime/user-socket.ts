'use client';

import { openSocket, type RealtimeSocket } from './socket';

// One socket per tab serves every listener of the user's own room (memberships, inbox): each
// would otherwise open, authenticate and keep its own connection. Closed when the last one leaves.
let shared: { socket: Promise<RealtimeSocket>; users: number } | undefined;

/**
 * Attaches to the tab's user socket; `attach` adds its handlers and answers how to remove them.
 * Answers the detach function (for an effect's cleanup).
 */
export function attachUserSocket(attach: (socket: RealtimeSocket) => () => void): () => void {
  shared ??= { socket: openSocket(), users: 0 };
  const current = shared;
  current.users += 1;
  let detach: (() => void) | undefined;
  let left = false;
  current.socket
    .then((socket) => {
      if (!left) detach = attach(socket);
    })
    // No socket (the query side is down): pages still work, they just are not live.
    .catch(() => undefined);
  return () => {
    left = true;
    detach?.();
    current.users -= 1;
    if (current.users > 0) return;
    if (shared === current) shared = undefined;
    void current.socket.then((socket) => socket.disconnect()).catch(() => undefined);
  };
}
