'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import { useToast } from '@/components/providers';
import { explain } from '@/lib/api';
import { keys } from '@/lib/queries';
import { readInboxItems, readWholeInbox } from './inbox-commands';
import { type Inbox, inboxKey, useInbox } from './inbox-queries';
import { useInboxLive } from './use-inbox-live';

/**
 * The inbox as the bell shows it: the query answer, its unread count as the latest notice says
 * (a notice arrives before the refetch it causes), and the two ways to mark read.
 */
export function useInboxState() {
  const client = useQueryClient();
  const toast = useToast();
  const seen = useRef(0);
  const inbox = useInbox(() => seen.current);
  const [notice, setNotice] = useState<{ unread: number; position: number }>();
  useInboxLive(
    (n) => {
      if (n.position <= seen.current) return;
      seen.current = n.position;
      setNotice(n);
      void client.invalidateQueries({ queryKey: inboxKey });
      // An invitation is one of the things an inbox hears of: the Workspaces page lists it too.
      void client.invalidateQueries({ queryKey: keys.myInvitations });
    },
    () => void client.invalidateQueries({ queryKey: inboxKey }),
  );
  const fresh = notice && notice.position > (inbox.data?.globalPosition ?? 0);
  const unread = fresh ? notice.unread : (inbox.data?.unread ?? 0);

  const markRead = useCallback(
    async (ids: string[] | 'all') => {
      const before = client.getQueryData<Inbox>(inboxKey);
      client.setQueryData<Inbox>(inboxKey, (old) => (old ? readLocally(old, ids) : old));
      setNotice(undefined);
      try {
        await (ids === 'all' ? readWholeInbox() : readInboxItems(ids));
      } catch (error) {
        client.setQueryData(inboxKey, before);
        toast(explain(error));
      }
      void client.invalidateQueries({ queryKey: inboxKey });
    },
    [client, toast],
  );
  return { inbox, unread, markRead };
}

function readLocally(inbox: Inbox, ids: string[] | 'all'): Inbox {
  const items = inbox.items.map((i) =>
    ids === 'all' || ids.includes(i.id) ? { ...i, read: true } : i,
  );
  const newlyRead = inbox.items.filter((i, n) => !i.read && items[n]!.read).length;
  return { ...inbox, items, unread: Math.max(0, inbox.unread - newlyRead) };
}
