'use client';

import { useSortable } from '@dnd-kit/sortable';
import type { Transform } from '@dnd-kit/utilities';
import { TaskTile, type TileFocus } from '@taskomask/ui/task-tile';
import { useRouter } from 'next/navigation';
import {
  type HTMLAttributes,
  type MouseEvent,
  memo,
  type RefObject,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import type { TaskSummary } from '@/lib/api';
import { displayName } from '@/lib/people';
import { useBoardMoment } from './board-history';

export const taskHref = (boardId: string, taskId: string) => `/boards/${boardId}/tasks/${taskId}`;

// A quick-added task waiting for its id can be neither opened nor moved yet.
const isPending = (taskId: string) => taskId.startsWith('pending-');

type Sortable = {
  attributes: HTMLAttributes<HTMLButtonElement>;
  listeners: HTMLAttributes<HTMLLIElement> | undefined;
  transform: string | undefined;
  transition: string | undefined;
  isDragging: boolean;
};

/**
 * dnd-kit's transform as a plain 2D translate: translate3d would give every tile its own
 * compositor layer, and a scale stretches a tile to another's size.
 */
function toTransform(t: Transform | null): string | undefined {
  if (!t) return undefined;
  return `translate(${Math.round(t.x)}px, ${Math.round(t.y)}px)`;
}

/**
 * The tile's dnd-kit sortable, as a sibling that renders nothing and hands its state up: a tile
 * becomes sortable (scrolled into view) or stops being one without its DOM being replaced.
 */
function SortableBinding({
  boardId,
  id,
  cardId,
  disabled,
  onState,
  node,
  handle,
}: {
  boardId: string;
  id: string;
  cardId: string;
  disabled: boolean;
  onState: (state: Sortable | null) => void;
  node: RefObject<HTMLLIElement | null>;
  handle: RefObject<HTMLButtonElement | null>;
}) {
  const sortable = useSortable({ id, data: { type: 'task', cardId }, disabled });
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transition, isDragging } =
    sortable;
  const css = toTransform(sortable.transform);
  // The tile's elements, handed to dnd-kit in the commit it registers them in (this renders after
  // the tile, so the tile's refs are attached already): dnd-kit never sees the sortable nodeless.
  useLayoutEffect(() => {
    setNodeRef(node.current);
    setActivatorNodeRef(handle.current);
  });
  // In view: prefetch the task's route, as next/link does for links in the viewport.
  const router = useRouter();
  useEffect(() => {
    if (!isPending(id)) router.prefetch(taskHref(boardId, id));
  }, [router, boardId, id]);
  useLayoutEffect(() => {
    onState({
      attributes: attributes as HTMLAttributes<HTMLButtonElement>,
      listeners: listeners as HTMLAttributes<HTMLLIElement> | undefined,
      transform: css,
      transition,
      isDragging,
    });
  }, [onState, attributes, listeners, css, transition, isDragging]);
  useLayoutEffect(() => () => onState(null), [onState]);
  return null;
}

/**
 * A task on the board. Every tile is in the DOM; only the ones in view (and the dragged or
 * focused one) are dnd-kit sortables, so dnd-kit measures and re-renders dozens, not thousands.
 * A tile that is not sortable yet asks to become one when part of it takes focus (Tab).
 */
export const SortableTaskTile = memo(function SortableTaskTile({
  boardId,
  cardId,
  task,
  draggable: canDrag,
  names,
  me,
  sortable,
  dropBefore = false,
  onFocusTile,
  onOpen,
}: {
  boardId: string;
  cardId: string;
  task: TaskSummary;
  draggable: boolean;
  names: ReadonlyMap<string, string>;
  me: string;
  sortable: boolean;
  /** The dragged task would land just above this one. */
  dropBefore?: boolean;
  onFocusTile?: (taskId: string, part: TileFocus) => void;
  /** Client-side navigation for the title link (as next/link does it). */
  onOpen: (event: MouseEvent<HTMLAnchorElement>) => void;
}) {
  const taskId = task.taskId;
  // On a board shown as it was (History), the task opens as it was then too.
  const { at } = useBoardMoment();
  const pending = isPending(taskId);
  const [state, setState] = useState<Sortable | null>(null);
  const s = sortable ? state : null;
  const node = useRef<HTMLLIElement | null>(null);
  const handle = useRef<HTMLButtonElement | null>(null);
  const assignee = task.assigneeId;
  return (
    <>
      <TaskTile
        task={task}
        href={at === null ? taskHref(boardId, taskId) : `${taskHref(boardId, taskId)}?at=${at}`}
        pending={pending}
        draggable={canDrag}
        assigneeName={
          assignee ? (names.get(assignee) ?? displayName(assignee, names, me)) : undefined
        }
        onOpen={onOpen}
        nodeRef={node}
        handleRef={handle}
        style={s ? { transform: s.transform, transition: s.transition } : undefined}
        isDragging={s?.isDragging ?? false}
        handleProps={s?.attributes}
        tileProps={s?.listeners}
        dropBefore={dropBefore}
        onFocusPart={!sortable && onFocusTile ? (part) => onFocusTile(taskId, part) : undefined}
      />
      {sortable ? (
        <SortableBinding
          boardId={boardId}
          id={taskId}
          cardId={cardId}
          disabled={!canDrag || pending}
          onState={setState}
          node={node}
          handle={handle}
        />
      ) : null}
    </>
  );
});
