'use client';

import { useSortable } from '@dnd-kit/sortable';
import type { Transform } from '@dnd-kit/utilities';
import { useRouter } from 'next/navigation';
import {
  type CSSProperties,
  type HTMLAttributes,
  type MouseEvent,
  memo,
  type Ref,
  type RefObject,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import { Avatar, displayName, dueTone, LabelChip } from '@/components/ui';
import type { TaskSummary } from '@/lib/api';

/** Which part of a not-yet-sortable tile took focus. */
export type TileFocus = 'handle' | 'link';

type Props = {
  boardId: string;
  cardId: string;
  task: TaskSummary;
  draggable: boolean;
  names: ReadonlyMap<string, string>;
  me: string;
  /** Client-side navigation for the title link (as next/link does it). */
  onOpen: (event: MouseEvent<HTMLAnchorElement>) => void;
};

type ViewProps = Props & {
  nodeRef?: Ref<HTMLLIElement>;
  handleRef?: Ref<HTMLButtonElement>;
  style?: CSSProperties;
  isDragging?: boolean;
  handleProps?: HTMLAttributes<HTMLButtonElement>;
  tileProps?: HTMLAttributes<HTMLLIElement>;
  onFocusPart?: (part: TileFocus) => void;
};

export const taskHref = (boardId: string, taskId: string) => `/boards/${boardId}/tasks/${taskId}`;

const titleLink =
  "min-w-0 flex-1 text-sm leading-snug font-medium break-words after:absolute after:inset-0 after:content-[''] hover:text-brand-700 dark:hover:text-brand-100";

// A quick-added task waiting for its id can be neither opened nor moved yet.
const isPending = (task: TaskSummary) => task.taskId.startsWith('pending-');

/** The tile's markup, the same whether dnd-kit tracks it (in view) or not (scrolled away). */
function TaskTileView({
  boardId,
  task,
  draggable: canDrag,
  names,
  me,
  nodeRef,
  handleRef,
  style,
  isDragging = false,
  onOpen,
  handleProps,
  tileProps,
  onFocusPart,
}: ViewProps) {
  const pending = isPending(task);
  const draggable = canDrag && !pending;
  return (
    <li
      ref={nodeRef}
      style={style}
      data-task-id={task.taskId}
      data-testid="task"
      className={`group relative rounded-lg border border-slate-200 bg-white p-2.5 shadow-xs transition-shadow hover:border-brand-500/60 hover:shadow-md dark:border-slate-700 dark:bg-slate-800 ${
        isDragging ? 'z-10 opacity-60 shadow-lg ring-2 ring-brand-500 will-change-transform' : ''
      } ${draggable ? 'cursor-grab active:cursor-grabbing' : ''}`}
      {...(draggable ? tileProps : {})}
    >
      {/* Off-screen tiles skip style, layout and paint: thousands of them stay in the DOM. The
          containment sits inside the rounded tile so its clip stays a plain rectangle. */}
      <div className="[contain-intrinsic-size:auto_3.25rem] [content-visibility:auto]">
        <div className="flex items-start gap-1.5">
          {draggable ? (
            <button
              type="button"
              ref={handleRef}
              {...handleProps}
              onFocus={onFocusPart ? () => onFocusPart('handle') : undefined}
              aria-label={`Move task ${task.title}`}
              className="relative z-[1] -ml-1 mt-0.5 shrink-0 rounded px-0.5 text-slate-400 hover:text-slate-700 focus-visible:outline-2 focus-visible:outline-brand-500 dark:hover:text-slate-200"
            >
              <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5" fill="currentColor">
                <path d="M3.7 3a1.3 1.3 0 1 0 2.6 0a1.3 1.3 0 1 0-2.6 0M9.7 3a1.3 1.3 0 1 0 2.6 0a1.3 1.3 0 1 0-2.6 0M3.7 8a1.3 1.3 0 1 0 2.6 0a1.3 1.3 0 1 0-2.6 0M9.7 8a1.3 1.3 0 1 0 2.6 0a1.3 1.3 0 1 0-2.6 0M3.7 13a1.3 1.3 0 1 0 2.6 0a1.3 1.3 0 1 0-2.6 0M9.7 13a1.3 1.3 0 1 0 2.6 0a1.3 1.3 0 1 0-2.6 0" />
              </svg>
            </button>
          ) : null}
          {pending ? (
            <span className="min-w-0 flex-1 text-sm leading-snug font-medium break-words text-slate-400">
              {task.title}
            </span>
          ) : (
            // A plain anchor that navigates like next/link (see onOpen): thousands of Links cost
            // too much to mount, and swapping one for the other would replace a focused element.
            <a
              href={taskHref(boardId, task.taskId)}
              className={titleLink}
              draggable={false}
              onClick={onOpen}
              onFocus={onFocusPart ? () => onFocusPart('link') : undefined}
            >
              {task.title}
            </a>
          )}
        </div>
        {task.labels.length > 0 ? (
          <div className="mt-2 flex flex-wrap gap-1">
            {task.labels.map((label) => (
              <LabelChip key={label} label={label} />
            ))}
          </div>
        ) : null}
        {task.dueDate || task.assigneeId || task.checklist.total > 0 || task.commentCount > 0 ? (
          <div className="mt-2 flex items-center gap-2 text-[11px] text-slate-500 dark:text-slate-400">
            {task.dueDate ? (
              <span
                className={`rounded px-1.5 py-0.5 font-medium ${dueTone(task.dueDate.slice(0, 10))}`}
              >
                {task.dueDate.slice(0, 10)}
              </span>
            ) : null}
            {task.checklist.total > 0 ? (
              <span title="Checklist">
                ☑ {task.checklist.done}/{task.checklist.total}
              </span>
            ) : null}
            {task.commentCount > 0 ? (
              <span title="Comments" className="inline-flex items-center gap-0.5">
                <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3" fill="currentColor">
                  <path d="M2 3.5A1.5 1.5 0 0 1 3.5 2h9A1.5 1.5 0 0 1 14 3.5v6a1.5 1.5 0 0 1-1.5 1.5H7l-3 3v-3h-.5A1.5 1.5 0 0 1 2 9.5z" />
                </svg>
                {task.commentCount}
              </span>
            ) : null}
            <span className="flex-1" />
            {task.assigneeId ? (
              <Avatar
                id={task.assigneeId}
                name={names.get(task.assigneeId) ?? displayName(task.assigneeId, names, me)}
              />
            ) : null}
          </div>
        ) : null}
      </div>
    </li>
  );
}

type Sortable = {
  attributes: HTMLAttributes<HTMLButtonElement>;
  listeners: HTMLAttributes<HTMLLIElement> | undefined;
  transform: string | undefined;
  transition: string | undefined;
  isDragging: boolean;
};

/**
 * dnd-kit's transform as a 2D one: CSS.Transform writes translate3d, which gives every shifted
 * tile its own compositor layer.
 */
function toTransform(t: Transform | null): string | undefined {
  if (!t) return undefined;
  return `translate(${Math.round(t.x)}px, ${Math.round(t.y)}px) scale(${t.scaleX}, ${t.scaleY})`;
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
  const {
    attributes,
    listeners,
    setNodeRef,
    setActivatorNodeRef,
    transform,
    transition,
    isDragging,
  } = useSortable({ id, data: { type: 'task', cardId }, disabled });
  const css = toTransform(transform);
  // The tile's elements, handed to dnd-kit in the commit it registers them in (this renders after
  // the tile, so the tile's refs are attached already): dnd-kit never sees the sortable nodeless.
  useLayoutEffect(() => {
    setNodeRef(node.current);
    setActivatorNodeRef(handle.current);
  });
  // In view: prefetch the task's route, as next/link does for links in the viewport.
  const router = useRouter();
  useEffect(() => {
    if (!id.startsWith('pending-')) router.prefetch(taskHref(boardId, id));
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
export const TaskTile = memo(function TaskTile(
  props: Props & {
    sortable: boolean;
    onFocusTile?: (taskId: string, part: TileFocus) => void;
  },
) {
  const { task, cardId, draggable: canDrag, sortable, onFocusTile } = props;
  const draggable = canDrag && !isPending(task);
  const [state, setState] = useState<Sortable | null>(null);
  const s = sortable ? state : null;
  const taskId = task.taskId;
  const node = useRef<HTMLLIElement | null>(null);
  const handle = useRef<HTMLButtonElement | null>(null);
  return (
    <>
      <TaskTileView
        {...props}
        nodeRef={node}
        handleRef={handle}
        style={s ? { transform: s.transform, transition: s.transition } : undefined}
        isDragging={s?.isDragging ?? false}
        handleProps={s?.attributes}
        tileProps={s?.listeners}
        onFocusPart={!sortable && onFocusTile ? (part) => onFocusTile(taskId, part) : undefined}
      />
      {sortable ? (
        <SortableBinding
          boardId={props.boardId}
          id={taskId}
          cardId={cardId}
          disabled={!draggable}
          onState={setState}
          node={node}
          handle={handle}
        />
      ) : null}
    </>
  );
});
