'use client';

import type { ClientEvents, ServerEvents } from '@taskomask/contracts/realtime';
import { io, type Socket } from 'socket.io-client';

export type RealtimeSocket = Socket<ServerEvents, ClientEvents>;

type Ticket = { url: string; ticket: string };

async function ticket(): Promise<Ticket> {
  const response = await fetch('/api/realtime', { method: 'POST' });
  if (!response.ok) throw new Error(`no socket ticket (${response.status})`);
  return (await response.json()) as Ticket;
}

/**
 * A Socket.IO connection to the query side, authenticated by a BFF-minted ticket: a fresh
 * one-minute ticket for every (re)connection attempt. Every socket is in its user's room, so each
 * one hears the user's own events (`membership:changed`).
 */
export async function openSocket(): Promise<RealtimeSocket> {
  const { url } = await ticket();
  return io(url, {
    transports: ['websocket'],
    auth: (cb) => {
      ticket().then(
        (t) => cb({ token: t.ticket }),
        () => cb({ token: '' }),
      );
    },
  });
}
