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

/**
 * The columns as they would be if the dragged task were dropped on `overId` (a task or a column):
 * within its column it takes the hovered task's place; in another column it goes before the
 * hovered task, or at the end. Null when it would not move. The board itself keeps its layout
 * while dragging; this only says where the drop indicator goes and what a drop sends.
 */
export function landing(cols: Columns, activeId: string, overId: string): Columns | null {
  const from = containerOf(cols, activeId);
  const to = containerOf(cols, overId);
  if (!from || !to) return null;
  if (from !== to) return crossColumns(cols, activeId, overId);
  const list = cols[from] ?? [];
  const activeIndex = list.indexOf(activeId);
  const overIndex = list.indexOf(overId);
  const target = overIndex >= 0 ? overIndex : list.length - 1;
  if (activeIndex < 0 || target === activeIndex) return null;
  return { ...cols, [from]: arrayMove(list, activeIndex, target) };
}

/**
 * Where the drop indicator goes for a landing: in which card, before which task there (as the
 * board shows it now, with the dragged task still in its place), or at the end (null).
 */
export function dropMarker(landed: Columns, activeId: string) {
  const cardId = containerOf(landed, activeId);
  if (!cardId) return null;
  const list = landed[cardId] ?? [];
  return { cardId, before: list[list.indexOf(activeId) + 1] ?? null };
}

/** A card one step left (-1) or right (+1) among the board's cards, or null at the edge. */
export function cardStep(cards: readonly Card[], cardId: string, step: -1 | 1) {
  const from = cards.findIndex((c) => c.cardId === cardId);
  const to = from + step;
  if (from < 0 || to < 0 || to >= cards.length) return null;
  return cardDrop(cards, cardSortId(cardId), cardSortId(cards[to]!.cardId));
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
