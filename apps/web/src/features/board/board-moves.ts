import { arrayMove } from '@dnd-kit/sortable';
import type { Board, Card } from '@/lib/api';
// Relative, not `@/`: this module's unit test runs under vitest, which does not know the alias.
import { neighbours } from '../../lib/positions';

// What a drag means for the board's layout, apart from dnd-kit and React.

export type Columns = Record<string, string[]>;

export const columnId = (cardId: string) => `col:${cardId}`;
export const cardSortId = (cardId: string) => `card:${cardId}`;

/** Card of a droppable/sortable id in the current columns. */
export function containerOf(columns: Columns, id: string): string | undefined {
  if (id.startsWith('col:') || id.startsWith('card:')) return id.slice(id.indexOf(':') + 1);
  return Object.keys(columns).find((cardId) => columns[cardId]?.includes(id));
}

/** The board with its tasks laid out as `columns` says (optimistic placement). */
export function withColumns(board: Board, columns: Columns): Board {
  const byId = new Map(board.cards.flatMap((c) => c.tasks).map((t) => [t.taskId, t]));
  return {
    ...board,
    cards: board.cards.map((card) => ({
      ...card,
      tasks: (columns[card.cardId] ?? []).flatMap((id) => {
        const task = byId.get(id);
        return task ? [task] : [];
      }),
    })),
  };
}

/** A dragged task crossing into another column lands at the hovered task (or the end). */
export function crossColumns(cols: Columns, activeId: string, overId: string): Columns | null {
  const from = containerOf(cols, activeId);
  const to = containerOf(cols, overId);
  if (!from || !to || from === to) return null;
  const source = (cols[from] ?? []).filter((id) => id !== activeId);
  const target = [...(cols[to] ?? [])];
  const overIndex = target.indexOf(overId);
  target.splice(overIndex >= 0 ? overIndex : target.length, 0, activeId);
  return { ...cols, [from]: source, [to]: target };
}

/** Where a dropped card goes, or null if it stays. */
export function cardDrop(cards: readonly Card[], activeId: string, overId: string) {
  if (overId === activeId) return null;
  const ids = cards.map((c) => cardSortId(c.cardId));
  const from = ids.indexOf(activeId);
  const to = ids.indexOf(overId);
  if (from < 0 || to < 0) return null;
  const ordered = arrayMove([...cards], from, to);
  const others = ordered.filter((c) => cardSortId(c.cardId) !== activeId);
  return {
    cardId: activeId.slice('card:'.length),
    ordered,
    between: neighbours(others, to),
  };
}

/** Where a dropped task goes (its card, the new layout, its neighbours), or null if it stays. */
export function taskDrop(board: Board, cols: Columns, taskId: string, overId: string) {
  const cardId = containerOf(cols, taskId);
  if (!cardId) return null;
  let list = cols[cardId] ?? [];
  const overIndex = list.indexOf(overId);
  const activeIndex = list.indexOf(taskId);
  if (overIndex >= 0 && overIndex !== activeIndex) list = arrayMove(list, activeIndex, overIndex);
  const index = list.indexOf(taskId);
  const originalCard = board.cards.find((c) => c.tasks.some((t) => t.taskId === taskId));
  const originalIndex = originalCard?.tasks.findIndex((t) => t.taskId === taskId) ?? -1;
  if (originalCard?.cardId === cardId && originalIndex === index) return null;
  const byId = new Map(board.cards.flatMap((c) => c.tasks).map((t) => [t.taskId, t]));
  const others = list.filter((id) => id !== taskId).flatMap((id) => byId.get(id) ?? []);
  return {
    cardId,
    columns: { ...cols, [cardId]: list },
    between: neighbours(others, index),
  };
}
