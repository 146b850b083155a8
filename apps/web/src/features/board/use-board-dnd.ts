'use client';

import {
  type CollisionDetection,
  closestCorners,
  type DndContextProps,
  type DragEndEvent,
  type DragOverEvent,
  type DragStartEvent,
  type KeyboardCoordinateGetter,
  KeyboardSensor,
  MeasuringStrategy,
  PointerSensor,
  TouchSensor,
  TraversalOrder,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useToast } from '@/components/providers';
import { type Board, explain } from '@/lib/api';
import { keys } from '@/lib/queries';
import { moveCard, moveTask } from './board-commands';
import { type Columns, cardDrop, dropMarker, landing, taskDrop, withColumns } from './board-moves';

/** Same kind of target as the dragged item: a card moves among cards, a task among tasks/columns. */
const sameKind = (activeType: unknown, targetType: unknown) =>
  activeType === 'card' ? targetType === 'card' : targetType !== 'card';

/** dnd-kit's sortable arrow keys, looking only at targets of the dragged item's kind. */
const keyboardCoordinates: KeyboardCoordinateGetter = (event, args) => {
  const { droppableContainers, active } = args.context;
  const type = active?.data.current?.type;
  // Only getEnabled() and get() are read by sortableKeyboardCoordinates.
  const filtered = {
    getEnabled: () =>
      droppableContainers.getEnabled().filter((c) => sameKind(type, c.data.current?.type)),
    get: (id: Parameters<typeof droppableContainers.get>[0]) => droppableContainers.get(id),
  } as unknown as typeof droppableContainers;
  return sortableKeyboardCoordinates(event, {
    ...args,
    context: { ...args.context, droppableContainers: filtered },
  });
};

// Cards only collide with cards, tasks only with tasks and columns.
const collisions: CollisionDetection = (args) => {
  const type = args.active.data.current?.type;
  const droppableContainers = args.droppableContainers.filter((c) =>
    sameKind(type, c.data.current?.type),
  );
  return closestCorners({ ...args, droppableContainers });
};

// Droppables are measured when a drag starts and while it runs, never on idle renders.
const measuring = { droppable: { strategy: MeasuringStrategy.WhileDragging } };

const accessibility = {
  screenReaderInstructions: {
    draggable:
      'To pick up a task or card, press space or enter. Use the arrow keys to move it, space or enter to drop it, escape to cancel.',
  },
};

// Near an edge the board (sideways) and the hovered column (up and down) scroll, faster closer in.
// Closest scroller first: dnd-kit's default tries the page first, which at phone widths can
// scroll sideways itself and would slide the whole page instead of the board.
const autoScroll = {
  threshold: { x: 0.15, y: 0.15 },
  acceleration: 12,
  order: TraversalOrder.ReversedTreeOrder,
};

/**
 * Dragging cards and tasks. A dragged task follows the pointer as an overlay; the tiles stay where
 * they are and a line shows where it will land. On drop the board is updated optimistically and
 * the move sent; a refused move rolls back and says why.
 */
export function useBoardDnd(
  boardId: string,
  board: Board | undefined,
  boardColumns: Columns,
  refetchBoard: () => Promise<void>,
) {
  const client = useQueryClient();
  const toast = useToast();
  const [activeTaskId, setActiveTaskId] = useState<string | null>(null);
  const [overId, setOverId] = useState<string | null>(null);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 200, tolerance: 8 } }),
    useSensor(KeyboardSensor, { coordinateGetter: keyboardCoordinates }),
  );
  const columns = boardColumns;
  const landed = useMemo(
    () => (activeTaskId && overId ? landing(columns, activeTaskId, overId) : null),
    [columns, activeTaskId, overId],
  );
  const marker = activeTaskId && landed ? dropMarker(landed, activeTaskId) : null;

  /** Shows `next` at once and sends the move; a refusal restores the board as it was. */
  const optimistic = async (next: Board, send: () => Promise<unknown>, refetchOnError = false) => {
    const snapshot = client.getQueryData<Board>(keys.board(boardId));
    client.setQueryData(keys.board(boardId), next);
    try {
      await send();
      await refetchBoard();
    } catch (error) {
      if (snapshot) client.setQueryData(keys.board(boardId), snapshot);
      toast(explain(error));
      if (refetchOnError) await refetchBoard().catch(() => {});
    }
  };

  const endDrag = () => {
    setActiveTaskId(null);
    setOverId(null);
  };

  const onDragStart = ({ active }: DragStartEvent) => {
    if (active.data.current?.type !== 'task') return;
    setActiveTaskId(String(active.id));
    setOverId(null);
  };

  const onDragOver = ({ active, over }: DragOverEvent) => {
    if (active.data.current?.type !== 'task') return;
    setOverId(over ? String(over.id) : null);
  };

  const onDragEnd = async ({ active, over }: DragEndEvent) => {
    if (!board) return;
    if (active.data.current?.type === 'card') {
      const drop = over && cardDrop(board.cards, String(active.id), String(over.id));
      if (!drop) return;
      await optimistic({ ...board, cards: drop.ordered }, () =>
        moveCard(boardId, drop.cardId, drop.between),
      );
      return;
    }
    endDrag();
    if (!over) return;
    const taskId = String(active.id);
    const cols: Columns | null = landing(columns, taskId, String(over.id));
    const drop = cols && taskDrop(board, cols, taskId, taskId);
    if (!drop) return;
    await optimistic(
      withColumns(board, drop.columns),
      () => moveTask(taskId, { toCardId: drop.cardId, ...drop.between }),
      true,
    );
  };

  const dndProps: DndContextProps = {
    sensors,
    collisionDetection: collisions,
    onDragStart,
    onDragOver,
    onDragEnd: (e) => void onDragEnd(e),
    onDragCancel: endDrag,
    measuring,
    accessibility,
    autoScroll,
  };
  return { columns, activeTaskId, marker, dndProps };
}
