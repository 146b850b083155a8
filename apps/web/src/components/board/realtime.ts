'use client';

import type {
  BoardNotice,
  BoardPresence,
  BoardRevoked,
  JoinAnswer,
  PresentUser,
} from '@taskomask/contracts/realtime';
import { useEffect, useRef, useState } from 'react';
import { openSocket, type RealtimeSocket } from '@/components/realtime/socket';

export type { BoardNotice, PresentUser } from '@taskomask/contracts/realtime';
export type LiveStatus = 'connecting' | 'live' | 'offline';

/**
 * Joins `board:<id>` over Socket.IO. `onNotice` gets each BoardChanged hint; `onResync` runs
 * after a reconnect, when hints may have been missed and the board must be read again.
 */
export function useBoardRealtime(
  boardId: string,
  handlers: {
    onNotice: (notice: BoardNotice) => void;
    onResync: () => void;
    onRevoked: () => void;
  },
) {
  const [presence, setPresence] = useState<PresentUser[]>([]);
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const latest = useRef(handlers);
  latest.current = handlers;

  useEffect(() => {
    let socket: RealtimeSocket | undefined;
    let cancelled = false;
    let joinedOnce = false;
    void openSocket()
      .then((opened) => {
        if (cancelled) {
          opened.disconnect();
          return;
        }
        socket = opened;
        socket.on('connect', () => {
          socket?.emit('board:join', boardId, (answer: JoinAnswer) => {
            if (!answer?.ok) {
              setStatus('offline');
              return;
            }
            setStatus('live');
            if (joinedOnce) latest.current.onResync();
            joinedOnce = true;
          });
        });
        socket.on('disconnect', () => setStatus('offline'));
        socket.on('connect_error', () => setStatus('offline'));
        socket.on('board:changed', (notice: BoardNotice) => {
          if (notice.boardId === boardId) latest.current.onNotice(notice);
        });
        socket.on('board:presence', (p: BoardPresence) => {
          if (p.boardId !== boardId) return;
          setPresence(p.users);
        });
        socket.on('board:revoked', (r: BoardRevoked) => {
          if (r.boardId === boardId) latest.current.onRevoked();
        });
      })
      .catch(() => setStatus('offline'));
    return () => {
      cancelled = true;
      socket?.disconnect();
    };
  }, [boardId]);

  return { presence, status };
}
