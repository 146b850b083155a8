'use client';

import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import Link from 'next/link';
import { Avatar, displayName, dueTone, LabelChip } from '@/components/ui';
import type { TaskSummary } from '@/lib/api';

type Props = {
  boardId: string;
  cardId: string;
  task: TaskSummary;
  draggable: boolean;
  names: ReadonlyMap<string, string>;
  me: string;
};

export function TaskTile({ boardId, cardId, task, draggable: canDrag, names, me }: Props) {
  // A quick-added task waiting for its id can be neither opened nor moved yet.
  const pending = task.taskId.startsWith('pending-');
  const draggable = canDrag && !pending;
  const {
    attributes,
    listeners,
    setNodeRef,
    setActivatorNodeRef,
    transform,
    transition,
    isDragging,
  } = useSortable({ id: task.taskId, data: { type: 'task', cardId }, disabled: !draggable });
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Transform.toString(transform), transition }}
      data-task-id={task.taskId}
      data-testid="task"
      className={`group relative rounded-lg border border-slate-200 bg-white p-2.5 shadow-xs transition-shadow hover:border-brand-500/60 hover:shadow-md dark:border-slate-700 dark:bg-slate-800 ${
        isDragging ? 'z-10 opacity-60 shadow-lg ring-2 ring-brand-500' : ''
      } ${draggable ? 'cursor-grab active:cursor-grabbing' : ''}`}
      {...(draggable ? listeners : {})}
    >
      <div className="flex items-start gap-1.5">
        {draggable ? (
          <button
            type="button"
            ref={setActivatorNodeRef}
            {...attributes}
            aria-label={`Move task ${task.title}`}
            className="relative z-[1] -ml-1 mt-0.5 shrink-0 rounded px-0.5 text-slate-400 hover:text-slate-700 focus-visible:outline-2 focus-visible:outline-brand-500 dark:hover:text-slate-200"
          >
            <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5" fill="currentColor">
              <circle cx="5" cy="3" r="1.3" />
              <circle cx="11" cy="3" r="1.3" />
              <circle cx="5" cy="8" r="1.3" />
              <circle cx="11" cy="8" r="1.3" />
              <circle cx="5" cy="13" r="1.3" />
              <circle cx="11" cy="13" r="1.3" />
            </svg>
          </button>
        ) : null}
        {pending ? (
          <span className="min-w-0 flex-1 text-sm leading-snug font-medium break-words text-slate-400">
            {task.title}
          </span>
        ) : (
          <Link
            href={`/boards/${boardId}/tasks/${task.taskId}`}
            className="min-w-0 flex-1 text-sm leading-snug font-medium break-words after:absolute after:inset-0 after:content-[''] hover:text-brand-700 dark:hover:text-brand-100"
            draggable={false}
          >
            {task.title}
          </Link>
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
    </li>
  );
}
