'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useToast } from '@/components/providers';
import { type Board, explain } from '@/lib/api';
import { keys } from '@/lib/queries';
import { deleteCard, moveCard, renameCard } from './board-commands';
import { cardStep } from './board-moves';

/**
 * An editor's card actions from its menu and title: rename, step left/right, delete. Each shows
 * its result at once and rolls back with the reason when refused. The callbacks keep their
 * identity (they read the board through a ref), so memoised columns do not render again.
 */
export function useCardActions(
  boardId: string,
  board: Board | undefined,
  refetchBoard: () => Promise<void>,
) {
  const client = useQueryClient();
  const toast = useToast();
  const [renamingId, setRenamingId] = useState<string | null>(null);
  const latest = useRef(board);
  latest.current = board;

  const attempt = useCallback(
    async (next: Board | null, send: () => Promise<unknown>): Promise<boolean> => {
      const snapshot = client.getQueryData<Board>(keys.board(boardId));
      if (next) client.setQueryData(keys.board(boardId), next);
      try {
        await send();
        await refetchBoard();
        return true;
      } catch (error) {
        if (next && snapshot) client.setQueryData(keys.board(boardId), snapshot);
        toast(explain(error));
        return false;
      }
    },
    [client, boardId, refetchBoard, toast],
  );

  const rename = useCallback(
    (cardId: string, name: string) => {
      const now = latest.current;
      const next = now && {
        ...now,
        cards: now.cards.map((c) => (c.cardId === cardId ? { ...c, name } : c)),
      };
      return attempt(next ?? null, () => renameCard(boardId, cardId, name));
    },
    [attempt, boardId],
  );

  const step = useCallback(
    async (cardId: string, by: -1 | 1) => {
      const now = latest.current;
      const drop = now && cardStep(now.cards, cardId, by);
      if (!now || !drop) return;
      await attempt({ ...now, cards: drop.ordered }, () => moveCard(boardId, cardId, drop.between));
    },
    [attempt, boardId],
  );

  const remove = useCallback(
    async (cardId: string) => {
      const now = latest.current;
      const next = now && { ...now, cards: now.cards.filter((c) => c.cardId !== cardId) };
      await attempt(next ?? null, () => deleteCard(boardId, cardId));
    },
    [attempt, boardId],
  );

  return useMemo(
    () => ({ renamingId, setRenamingId, rename, step, remove }),
    [renamingId, rename, step, remove],
  );
}

export type CardActions = ReturnType<typeof useCardActions>;
