'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { query } from '@/lib/api';
import { minPosition } from '@/lib/queries';

type SearchPage = { items: { taskId: string }[]; nextCursor: string | null };

const noHits: ReadonlySet<string> = new Set();

/** Every task id the board search answers for `text` (it looks in descriptions and comments). */
async function searchAll(boardId: string, text: string, at: number): Promise<ReadonlySet<string>> {
  const ids = new Set<string>();
  let cursor: string | undefined;
  // A board holds a bounded number of tasks; 50 pages of 200 is far beyond it.
  for (let page = 0; page < 50; page++) {
    const answer = await query<SearchPage>(`/boards/${boardId}/search`, {
      text,
      limit: 200,
      cursor,
      minPosition: Math.max(at, minPosition() ?? 0) || undefined,
    });
    for (const item of answer.items) ids.add(item.taskId);
    if (!answer.nextCursor) break;
    cursor = answer.nextCursor;
  }
  return ids;
}

/** `value`, once it has stopped changing for `ms`. */
function useSettled(value: string, ms: number) {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * Tasks whose description or comments hold the filter text, as the server finds them: the board
 * answer carries neither. Asked again when the board moves on (someone commented, say).
 */
export function useTextHits(boardId: string, text: string, boardPosition: number | undefined) {
  const wanted = useSettled(text.trim(), 250);
  const at = boardPosition ?? 0;
  const hits = useQuery({
    queryKey: ['board-search', boardId, wanted, at],
    enabled: wanted.length > 0,
    queryFn: () => searchAll(boardId, wanted.slice(0, 100), at),
    placeholderData: keepPreviousData,
  });
  return wanted.length > 0 ? (hits.data ?? noHits) : noHits;
}
