'use client';

import { useDroppable } from '@dnd-kit/core';
import { SortableContext, type SortingStrategy, useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { AddTaskForm, ColumnFrame, TaskListFrame } from '@taskomask/ui/column';
import type { TileFocus } from '@taskomask/ui/task-tile';
import { memo, useCallback, useMemo, useRef, useState } from 'react';
import type { Card, TaskSummary } from '@/lib/api';
import { cardSortId, columnId } from './board-moves';
import { ColumnMenu } from './column-menu';
import { ColumnTitle } from './column-title';
import { SortableTaskTile } from './sortable-task-tile';
import type { CardActions } from './use-card-actions';
import { useOpenLink } from './use-open-link';
import { useTileWindow } from './use-tile-window';

// Tiles stay where they are while a task is dragged over them; a drop line shows the landing.
const keepInPlace: SortingStrategy = () => null;

type Props = {
  boardId: string;
  card: Card;
  tasks: TaskSummary[];
  total: number;
  editor: boolean;
  dragTasks: boolean;
  names: ReadonlyMap<string, string>;
  me: string;
  /** The task being dragged, if any: it stays sortable wherever it is scrolled to. */
  activeId: string | null;
  /** Where a dragged task would land in this card: before a task, at the end (null), or not here. */
  dropBefore: string | null | undefined;
  onAdd: (cardId: string, title: string) => Promise<boolean>;
  /** An editor's card actions (none for viewers). */
  actions: CardActions | null;
  atStart: boolean;
  atEnd: boolean;
};

/** An editor's name (click to rename) and menu for a card. */
function cardControls({
  card,
  total,
  actions,
  atStart,
  atEnd,
}: {
  card: Card;
  total: number;
  actions: CardActions;
  atStart: boolean;
  atEnd: boolean;
}) {
  const { cardId, name } = card;
  const editing = actions.renamingId === cardId;
  return {
    heading: (
      <ColumnTitle
        name={name}
        editing={editing}
        onEdit={() => actions.setRenamingId(cardId)}
        onDone={() => actions.setRenamingId(null)}
        onRename={(next) => actions.rename(cardId, next)}
      />
    ),
    menu: (
      <ColumnMenu
        name={name}
        tasks={total}
        actions={{
          rename: () => actions.setRenamingId(cardId),
          moveLeft: atStart ? null : () => void actions.step(cardId, -1),
          moveRight: atEnd ? null : () => void actions.step(cardId, 1),
          remove: () => actions.remove(cardId),
        }}
      />
    ),
  };
}

/** A card of the board: sortable among cards (editors), a drop target for tasks. */
export const BoardColumn = memo(function BoardColumn({
  boardId,
  card,
  tasks,
  total,
  editor,
  dragTasks,
  names,
  me,
  activeId,
  dropBefore,
  onAdd,
  actions,
  atStart,
  atEnd,
}: Props) {
  const sortable = useSortable({
    id: cardSortId(card.cardId),
    data: { type: 'card' },
    disabled: !editor,
  });
  const drop = useDroppable({
    id: columnId(card.cardId),
    data: { type: 'column', cardId: card.cardId },
  });
  const controls = actions ? cardControls({ card, total, actions, atStart, atEnd }) : null;
  return (
    <ColumnFrame
      heading={controls?.heading}
      menu={controls?.menu}
      cardId={card.cardId}
      name={card.name}
      type={card.type}
      shown={tasks.length}
      total={total}
      sectionRef={sortable.setNodeRef}
      style={{
        transform: CSS.Translate.toString(sortable.transform),
        transition: sortable.transition,
      }}
      isDragging={sortable.isDragging}
      moveHandle={
        editor
          ? {
              ref: sortable.setActivatorNodeRef,
              props: { ...sortable.attributes, ...sortable.listeners },
            }
          : undefined
      }
      footer={
        editor ? (
          <AddTaskForm cardName={card.name} onAdd={(title) => onAdd(card.cardId, title)} />
        ) : null
      }
    >
      <TaskList
        boardId={boardId}
        cardId={card.cardId}
        tasks={tasks}
        total={total}
        dragTasks={dragTasks}
        names={names}
        me={me}
        activeId={activeId}
        dropBefore={dropBefore}
        setDropRef={drop.setNodeRef}
        isOver={drop.isOver}
      />
    </ColumnFrame>
  );
});

type ListProps = {
  boardId: string;
  cardId: string;
  tasks: TaskSummary[];
  total: number;
  dragTasks: boolean;
  names: ReadonlyMap<string, string>;
  me: string;
  activeId: string | null;
  dropBefore: string | null | undefined;
  setDropRef: (element: HTMLElement | null) => void;
  isOver: boolean;
};

/**
 * A column's tasks. Every task is in the DOM, but only the ones in view (plus an overscan, the
 * dragged one and one that took focus) are dnd-kit sortables: dnd-kit measures, collides and
 * re-renders only those, so a column of thousands stays as cheap as a column of dozens.
 */
const TaskList = memo(function TaskList({
  boardId,
  cardId,
  tasks,
  total,
  dragTasks,
  names,
  me,
  activeId,
  dropBefore,
  setDropRef,
  isOver,
}: ListProps) {
  const listRef = useRef<HTMLOListElement | null>(null);
  const [focused, setFocused] = useState<{ taskId: string; part: TileFocus } | null>(null);
  const count = tasks.length;
  const { start, end } = useTileWindow(listRef, count, tasks);
  const onOpen = useOpenLink();
  const onFocusTile = useCallback(
    (taskId: string, part: TileFocus) => setFocused({ taskId, part }),
    [],
  );
  const setRefs = useCallback(
    (element: HTMLOListElement | null) => {
      listRef.current = element;
      setDropRef(element);
    },
    [setDropRef],
  );
  const isSortable = useCallback(
    (task: TaskSummary, index: number) =>
      (index >= start && index < end) ||
      task.taskId === activeId ||
      task.taskId === focused?.taskId,
    [start, end, activeId, focused],
  );
  const items = useMemo(() => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) if (isSortable(tasks[i]!, i)) ids.push(tasks[i]!.taskId);
    return ids;
  }, [tasks, count, isSortable]);

  return (
    <SortableContext items={items} strategy={keepInPlace}>
      <TaskListFrame
        listRef={setRefs}
        isOver={isOver}
        dropAtEnd={dropBefore === null}
        empty={tasks.length > 0 ? undefined : total === 0 ? 'none' : 'filtered'}
      >
        {tasks.map((task, index) => (
          <SortableTaskTile
            key={task.taskId}
            boardId={boardId}
            cardId={cardId}
            task={task}
            draggable={dragTasks}
            names={names}
            me={me}
            sortable={isSortable(task, index)}
            dropBefore={dropBefore === task.taskId}
            onFocusTile={onFocusTile}
            onOpen={onOpen}
          />
        ))}
      </TaskListFrame>
    </SortableContext>
  );
});
