'use client';

import type { InboxNotice } from '@taskomask/contracts/realtime';
import { useEffect, useRef } from 'react';
import { attachUserSocket } from '@/components/realtime/user-socket';

/**
 * The person's own room on the tab's user socket: `onChange` gets each `inbox:changed`, and
 * `onResync` runs on every (re)connect, when notices may have been missed.
 */
export function useInboxLive(onChange: (notice: InboxNotice) => void, onResync: () => void) {
  const latest = useRef({ onChange, onResync });
  latest.current = { onChange, onResync };
  useEffect(
    () =>
      attachUserSocket((socket) => {
        const resync = () => latest.current.onResync();
        const changed = (notice: InboxNotice) => latest.current.onChange(notice);
        socket.on('connect', resync);
        socket.on('inbox:changed', changed);
        return () => {
          socket.off('connect', resync);
          socket.off('inbox:changed', changed);
        };
      }),
    [],
  );
}
