'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { openSocket, type RealtimeSocket } from '@/components/realtime/socket';
import { applyMembership, isMembershipNotice } from '@/lib/membership';
import { keys } from '@/lib/queries';

/**
 * Keeps the user's memberships live on every signed-in page: one socket hears the user's
 * `membership:changed` notices (added, role changed, removed). Notices sent before the socket
 * (re)connected were missed, so each connect reads the workspaces again.
 */
export function MembershipLive() {
  const client = useQueryClient();
  useEffect(() => {
    let socket: RealtimeSocket | undefined;
    let cancelled = false;
    void openSocket()
      .then((opened) => {
        if (cancelled) {
          opened.disconnect();
          return;
        }
        socket = opened;
        socket.on('connect', () => {
          void client.invalidateQueries({ queryKey: keys.workspaces });
          void client.invalidateQueries({ queryKey: ['workspace'] });
        });
        socket.on('membership:changed', (notice) => {
          if (isMembershipNotice(notice)) applyMembership(client, notice);
        });
      })
      // No socket (the query side is down): pages still work, they just are not live.
      .catch(() => undefined);
    return () => {
      cancelled = true;
      socket?.disconnect();
    };
  }, [client]);
  return null;
}
