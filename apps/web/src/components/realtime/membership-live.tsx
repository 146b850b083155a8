'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { attachUserSocket } from '@/components/realtime/user-socket';
import { applyMembership, isMembershipNotice } from '@/lib/membership';
import { keys } from '@/lib/queries';

/**
 * Keeps the user's memberships live on every signed-in page: the user socket hears the user's
 * `membership:changed` notices (added, role changed, removed). Notices sent before the socket
 * (re)connected were missed, so each connect reads the workspaces again.
 */
export function MembershipLive() {
  const client = useQueryClient();
  useEffect(
    () =>
      attachUserSocket((socket) => {
        const resync = () => {
          void client.invalidateQueries({ queryKey: keys.workspaces });
          void client.invalidateQueries({ queryKey: ['workspace'] });
        };
        const changed = (notice: unknown) => {
          if (isMembershipNotice(notice)) applyMembership(client, notice);
        };
        socket.on('connect', resync);
        socket.on('membership:changed', changed);
        return () => {
          socket.off('connect', resync);
          socket.off('membership:changed', changed);
        };
      }),
    [client],
  );
  return null;
}
