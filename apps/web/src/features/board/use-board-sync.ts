'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { type BoardNotice, useBoardRealtime } from '@/components/board/realtime';
import type { Board } from '@/lib/api';
import { markLost } from '@/lib/membership';
import { fetchBoard, keys } from '@/lib/queries';

/**
 * Keeps the cached board current: `refetchBoard(at)` reads it at least as new as `at`, and each
 * realtime notice newer than the cached board triggers one, along with the activity and the
 * tasks it names. Answers the board's presence and connection status.
 */
export function useBoardSync(boardId: string) {
  const client = useQueryClient();
  const refetchBoard = useCallback(
    async (at?: number) => {
      await client.fetchQuery({
        queryKey: keys.board(boardId),
        queryFn: () => fetchBoard(boardId, at),
        staleTime: 0,
      });
    },
    [client, boardId],
  );

  const { presence, status } = useBoardRealtime(boardId, {
    onNotice: (notice: BoardNotice) => {
      const current = client.getQueryData<Board>(keys.board(boardId));
      if (current && notice.position <= current.globalPosition) return;
      void refetchBoard(notice.position);
      void client.invalidateQueries({ queryKey: keys.activity(boardId) });
      for (const taskId of notice.taskIds)
        void client.invalidateQueries({ queryKey: keys.task(taskId) });
    },
    onResync: () => {
      void client.invalidateQueries({ queryKey: keys.board(boardId) });
      void client.invalidateQueries({ queryKey: ['task'] });
    },
    // Taken out of the room: the user lost the board's workspace (the board page says so).
    onRevoked: () => {
      const workspaceId = client.getQueryData<Board>(keys.board(boardId))?.workspaceId;
      if (workspaceId !== undefined) markLost(workspaceId);
      else void client.invalidateQueries({ queryKey: keys.board(boardId) });
    },
  });

  return { refetchBoard, presence, status };
}
