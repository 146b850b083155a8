'use client';

import { useQuery } from '@tanstack/react-query';
import type { InboxDto, InboxItemDto } from '@taskomask/contracts';
import { query } from '@/lib/api';
import { minPosition } from '@/lib/queries';

export type Inbox = InboxDto;
export type InboxItem = InboxItemDto;

export const inboxKey = ['inbox'] as const;

/** The newest page of the caller's inbox, at least as new as `at` (a notice's position). */
export const fetchInbox = (at: number) =>
  query<Inbox>('/me/inbox', {
    limit: 50,
    minPosition: Math.max(at, minPosition() ?? 0) || undefined,
  });

export const useInbox = (at: () => number) =>
  useQuery({ queryKey: inboxKey, queryFn: () => fetchInbox(at()), refetchInterval: 60_000 });
