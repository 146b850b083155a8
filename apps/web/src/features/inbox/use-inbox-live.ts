'use client';

import type { ClientEvents, InboxNotice, ServerEvents } from '@taskomask/contracts/realtime';
import { useEffect, useRef } from 'react';
import { io, type Socket } from 'socket.io-client';

async function ticket(): Promise<{ url: string; ticket: string }> {
  const response = await fetch('/api/realtime', { method: 'POST' });
  if (!response.ok) throw new Error(`no socket ticket (${response.status})`);
  return (await response.json()) as { url: string; ticket: string };
}

/**
 * The person's own socket (the server puts every socket in its user's room): `onChange` gets
 * each `inbox:changed`, and `onResync` runs after a reconnect, when notices may have been missed.
 */
export function useInboxLive(onChange: (notice: InboxNotice) => void, onResync: () => void) {
  const latest = useRef({ onChange, onResync });
  latest.current = { onChange, onResync };
  useEffect(() => {
    let socket: Socket<ServerEvents, ClientEvents> | undefined;
    let cancelled = false;
    let connectedOnce = false;
    void ticket()
      .then(({ url }) => {
        if (cancelled) return;
        socket = io(url, {
          transports: ['websocket'],
          // A fresh one-minute ticket for every (re)connection attempt.
          auth: (cb) => {
            ticket().then(
              (t) => cb({ token: t.ticket }),
              () => cb({ token: '' }),
            );
          },
        });
        socket.on('connect', () => {
          if (connectedOnce) latest.current.onResync();
          connectedOnce = true;
        });
        socket.on('inbox:changed', (notice) => latest.current.onChange(notice));
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
      socket?.disconnect();
    };
  }, []);
}
