'use client';

import { useDroppable } from '@dnd-kit/core';
import { SortableContext, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { type FormEvent, useState } from 'react';
import type { Card, TaskSummary } from '@/lib/api';
import { TaskTile } from './task-tile';

const typeTone: Record<string, string> = {
  Backlog: 'bg-slate-400',
  ToDo: 'bg-sky-500',
  Doing: 'bg-amber-500',
  Done: 'bg-emerald-500',
};

type Props = {
  boardId: string;
  card: Card;
  tasks: TaskSummary[];
  total: number;
  editor: boolean;
  dragTasks: boolean;
  names: ReadonlyMap<string, string>;
  me: string;
  onAdd: (title: string) => Promise<boolean>;
};

export const columnId = (cardId: string) => `col:${cardId}`;
export const cardSortId = (cardId: string) => `card:${cardId}`;

export function Column({
  boardId,
  card,
  tasks,
  total,
  editor,
  dragTasks,
  names,
  me,
  onAdd,
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
  const [title, setTitle] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = title.trim();
    if (!text) return;
    setTitle('');
    if (!(await onAdd(text))) setTitle(text);
  };
  return (
    <section
      ref={sortable.setNodeRef}
      style={{
        transform: CSS.Translate.toString(sortable.transform),
        transition: sortable.transition,
      }}
      aria-label={`Card ${card.name}`}
      data-testid="card"
      data-card-id={card.cardId}
      className={`flex max-h-full w-[85vw] shrink-0 snap-start flex-col rounded-xl bg-slate-100 sm:w-72 dark:bg-slate-900 ${
        sortable.isDragging ? 'opacity-60 ring-2 ring-brand-500' : ''
      }`}
    >
      <header className="flex items-center gap-2 px-3 pt-3 pb-2">
        <span
          className={`size-2 rounded-full ${typeTone[card.type] ?? 'bg-slate-400'}`}
          title={card.type}
        />
        <h2 className="min-w-0 flex-1 truncate text-sm font-semibold">{card.name}</h2>
        <span
          className="rounded-full bg-slate-200 px-2 py-0.5 text-xs font-medium text-slate-600 tabular-nums dark:bg-slate-800 dark:text-slate-300"
          title={`${total} tasks on this card`}
          data-testid="wip"
        >
          {tasks.length === total ? total : `${tasks.length}/${total}`}
        </span>
        {editor ? (
          <button
            type="button"
            ref={sortable.setActivatorNodeRef}
            {...sortable.attributes}
            {...sortable.listeners}
            aria-label={`Move card ${card.name}`}
            className="cursor-grab rounded px-1 text-slate-400 hover:text-slate-700 focus-visible:outline-2 focus-visible:outline-brand-500 dark:hover:text-slate-200"
          >
            ⠿
          </button>
        ) : null}
      </header>
      <SortableContext items={tasks.map((t) => t.taskId)} strategy={verticalListSortingStrategy}>
        <ol
          ref={drop.setNodeRef}
          className={`flex min-h-16 flex-1 flex-col gap-2 overflow-y-auto px-2 pb-2 ${
            drop.isOver ? 'rounded-lg bg-brand-50 dark:bg-brand-700/20' : ''
          }`}
        >
          {tasks.map((task) => (
            <TaskTile
              key={task.taskId}
              boardId={boardId}
              cardId={card.cardId}
              task={task}
              draggable={dragTasks}
              names={names}
              me={me}
            />
          ))}
          {tasks.length === 0 ? (
            <li className="rounded-lg border border-dashed border-slate-300 p-3 text-center text-xs text-slate-400 dark:border-slate-700">
              {total === 0 ? 'No tasks' : 'No task matches the filter'}
            </li>
          ) : null}
        </ol>
      </SortableContext>
      {editor ? (
        <form onSubmit={submit} className="p-2 pt-0">
          <input
            className="input bg-white/70 dark:bg-slate-800/70"
            placeholder="+ Add a task"
            aria-label={`Add a task to ${card.name}`}
            maxLength={50}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
          />
        </form>
      ) : null}
    </section>
  );
}
