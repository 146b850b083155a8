'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef } from 'react';
import { useToast } from '@/components/providers';
import { type Board, explain, type TaskSummary } from '@/lib/api';
import { keys } from '@/lib/queries';
import { addTask } from './board-commands';

type Edit = (board: Board) => Board;

/**
 * The column's quick add: a pending tile shows at once, and adds run one after another, each
 * appended after the task the previous one created. Answers false (and drops the tile) on failure.
 */
export function useQuickAdd(boardId: string, refetchBoard: () => Promise<void>) {
  const client = useQueryClient();
  const toast = useToast();
  const queue = useRef<Promise<unknown>>(Promise.resolve());

  return useCallback(
    (cardId: string, title: string): Promise<boolean> => {
      const temp = pendingTask(title);
      const edit = (change: Edit) =>
        client.setQueryData<Board>(keys.board(boardId), (b) => b && change(b));
      edit((b) => ({
        ...b,
        cards: b.cards.map((c) => (c.cardId === cardId ? { ...c, tasks: [...c.tasks, temp] } : c)),
      }));
      const run = async () => {
        const latest = client.getQueryData<Board>(keys.board(boardId));
        const card = latest?.cards.find((c) => c.cardId === cardId);
        const last = card?.tasks.filter((t) => t.position !== '').at(-1);
        try {
          await addTask(boardId, { cardId, title, ...(last ? { after: last.position } : {}) });
          await refetchBoard();
          return true;
        } catch (error) {
          edit((b) => withoutTask(b, temp.taskId));
          toast(explain(error));
          return false;
        }
      };
      const next = queue.current.then(run, run);
      queue.current = next;
      return next;
    },
    [client, boardId, refetchBoard, toast],
  );
}

/** A tile for a task the API has not answered yet: it can be neither opened nor moved. */
function pendingTask(title: string): TaskSummary {
  return {
    taskId: `pending-${Date.now()}-${Math.random()}`,
    title,
    position: '',
    assigneeId: null,
    labels: [],
    dueDate: null,
    checklist: { done: 0, total: 0 },
    commentCount: 0,
  };
}

function withoutTask(board: Board, taskId: string): Board {
  return {
    ...board,
    cards: board.cards.map((c) =>
      c.tasks.some((t) => t.taskId === taskId)
        ? { ...c, tasks: c.tasks.filter((t) => t.taskId !== taskId) }
        : c,
    ),
  };
}
