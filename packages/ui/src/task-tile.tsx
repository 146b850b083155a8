import type { CSSProperties, HTMLAttributes, MouseEvent, Ref } from 'react';
import { Avatar } from './avatar';
import { DueDate } from './due-date';
import { LabelChip } from './label-chip';

/** What a tile shows of a task (the board's task summary fits it). */
export type TileTask = {
  taskId: string;
  title: string;
  labels: readonly string[];
  dueDate: string | null;
  assigneeId: string | null;
  checklist: { done: number; total: number };
  commentCount: number;
};

/** Which part of a tile took focus. */
export type TileFocus = 'handle' | 'link';

export type TaskTileProps = {
  task: TileTask;
  /** The task page; the title links there. */
  href: string;
  /** A task waiting for its id: neither opened nor moved, its title greyed. */
  pending?: boolean;
  /** Shows the move handle (and grab cursor) unless the task is pending. */
  draggable: boolean;
  /** The assignee's display name (the avatar's title and initials). */
  assigneeName?: string;
  /** Plain left clicks on the title, for client-side navigation. */
  onOpen?: (event: MouseEvent<HTMLAnchorElement>) => void;
  onFocusPart?: (part: TileFocus) => void;
  // Drag-and-drop wiring, supplied by whoever makes the tile sortable.
  nodeRef?: Ref<HTMLLIElement>;
  handleRef?: Ref<HTMLButtonElement>;
  style?: CSSProperties;
  isDragging?: boolean;
  handleProps?: HTMLAttributes<HTMLButtonElement>;
  tileProps?: HTMLAttributes<HTMLLIElement>;
  /** A dragged task would land just above this tile: a line shows it (nothing moves). */
  dropBefore?: boolean;
};

const titleLink =
  "min-w-0 flex-1 text-sm leading-snug font-medium break-words after:absolute after:inset-0 after:content-[''] hover:text-brand-700 dark:hover:text-brand-100";

function GripIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5" fill="currentColor">
      <path d="M3.7 3a1.3 1.3 0 1 0 2.6 0a1.3 1.3 0 1 0-2.6 0M9.7 3a1.3 1.3 0 1 0 2.6 0a1.3 1.3 0 1 0-2.6 0M3.7 8a1.3 1.3 0 1 0 2.6 0a1.3 1.3 0 1 0-2.6 0M9.7 8a1.3 1.3 0 1 0 2.6 0a1.3 1.3 0 1 0-2.6 0M3.7 13a1.3 1.3 0 1 0 2.6 0a1.3 1.3 0 1 0-2.6 0M9.7 13a1.3 1.3 0 1 0 2.6 0a1.3 1.3 0 1 0-2.6 0" />
    </svg>
  );
}

function CommentIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3" fill="currentColor">
      <path d="M2 3.5A1.5 1.5 0 0 1 3.5 2h9A1.5 1.5 0 0 1 14 3.5v6a1.5 1.5 0 0 1-1.5 1.5H7l-3 3v-3h-.5A1.5 1.5 0 0 1 2 9.5z" />
    </svg>
  );
}

/** Due date, checklist, comments and assignee, when the task has any of them. */
function TileFooter({ task, assigneeName }: { task: TileTask; assigneeName?: string }) {
  if (!(task.dueDate || task.assigneeId || task.checklist.total > 0 || task.commentCount > 0))
    return null;
  return (
    <div className="mt-2 flex items-center gap-2 text-[11px] text-slate-500 dark:text-slate-400">
      {task.dueDate ? <DueDate date={task.dueDate} /> : null}
      {task.checklist.total > 0 ? (
        <span title="Checklist">
          ☑ {task.checklist.done}/{task.checklist.total}
        </span>
      ) : null}
      {task.commentCount > 0 ? (
        <span title="Comments" className="inline-flex items-center gap-0.5">
          <CommentIcon />
          {task.commentCount}
        </span>
      ) : null}
      <span className="flex-1" />
      {task.assigneeId ? (
        <Avatar id={task.assigneeId} name={assigneeName ?? task.assigneeId} />
      ) : null}
    </div>
  );
}

/** Where a dragged task would land; absolutely placed, so no tile moves for it. */
export function DropLine({ className = '' }: { className?: string }) {
  return (
    <span
      aria-hidden="true"
      data-testid="drop-indicator"
      className={`pointer-events-none absolute inset-x-0 h-0.5 rounded-full bg-brand-500 ${className}`}
    />
  );
}

/** A task on the board: its title (a link), a move handle, labels and a footer line. */
export function TaskTile({
  task,
  href,
  pending = false,
  draggable: canDrag,
  assigneeName,
  onOpen,
  onFocusPart,
  nodeRef,
  handleRef,
  style,
  isDragging = false,
  handleProps,
  tileProps,
  dropBefore = false,
}: TaskTileProps) {
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
      {dropBefore ? <DropLine className="-top-[5px]" /> : null}
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
              <GripIcon />
            </button>
          ) : null}
          {pending ? (
            <span className="min-w-0 flex-1 text-sm leading-snug font-medium break-words text-slate-400">
              {task.title}
            </span>
          ) : (
            // A plain anchor: thousands of framework links cost too much to mount, and swapping
            // one for the other would replace a focused element.
            <a
              href={href}
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
        <TileFooter task={task} assigneeName={assigneeName} />
      </div>
    </li>
  );
}
