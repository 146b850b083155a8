'use client';

import {
  type CSSProperties,
  type FormEvent,
  type HTMLAttributes,
  type ReactNode,
  type Ref,
  useState,
} from 'react';
import { DropLine } from './task-tile';

const typeTone: Record<string, string> = {
  Backlog: 'bg-slate-400',
  ToDo: 'bg-sky-500',
  Doing: 'bg-amber-500',
  Done: 'bg-emerald-500',
};

/** The card's move handle: its ref and the drag library's attributes and listeners. */
export type MoveHandle = {
  ref?: Ref<HTMLButtonElement>;
  props?: HTMLAttributes<HTMLButtonElement>;
};

/**
 * A card (column) of the board: a header with its type dot, name, task count and, with
 * `moveHandle`, a handle to move it; then `children` (the task list) and `footer`.
 */
export function ColumnFrame({
  cardId,
  name,
  type,
  shown,
  total,
  moveHandle,
  sectionRef,
  style,
  isDragging = false,
  children,
  footer,
  heading,
  menu,
}: {
  cardId: string;
  name: string;
  type: string;
  /** Tasks shown (a filter may hide some). */
  shown: number;
  total: number;
  moveHandle?: MoveHandle;
  sectionRef?: Ref<HTMLElement>;
  style?: CSSProperties;
  isDragging?: boolean;
  children: ReactNode;
  footer?: ReactNode;
  /** Stands in for the plain name, e.g. a name editors can click to rename. */
  heading?: ReactNode;
  /** The card's actions, after the move handle. */
  menu?: ReactNode;
}) {
  return (
    <section
      ref={sectionRef}
      style={style}
      aria-label={`Card ${name}`}
      data-testid="card"
      data-card-id={cardId}
      className={`flex max-h-full w-[85vw] shrink-0 snap-start flex-col rounded-xl bg-slate-100 sm:w-72 dark:bg-slate-900 ${
        isDragging ? 'opacity-60 ring-2 ring-brand-500' : ''
      }`}
    >
      <header className="relative flex items-center gap-2 px-3 pt-3 pb-2">
        <span className={`size-2 rounded-full ${typeTone[type] ?? 'bg-slate-400'}`} title={type} />
        <h2 className="min-w-0 flex-1 truncate text-sm font-semibold">{heading ?? name}</h2>
        <span
          className="rounded-full bg-slate-200 px-2 py-0.5 text-xs font-medium text-slate-600 tabular-nums dark:bg-slate-800 dark:text-slate-300"
          title={`${total} tasks on this card`}
          data-testid="wip"
        >
          {shown === total ? total : `${shown}/${total}`}
        </span>
        {moveHandle ? (
          <button
            type="button"
            ref={moveHandle.ref}
            {...moveHandle.props}
            aria-label={`Move card ${name}`}
            className="cursor-grab rounded px-1 text-slate-400 hover:text-slate-700 focus-visible:outline-2 focus-visible:outline-brand-500 dark:hover:text-slate-200"
          >
            ⠿
          </button>
        ) : null}
        {menu}
      </header>
      {children}
      {footer}
    </section>
  );
}

/**
 * A column's task list. `isOver` highlights it as a drop target; with no tasks it says whether
 * the card is empty or the filter hides them all.
 */
export function TaskListFrame({
  listRef,
  isOver = false,
  empty,
  dropAtEnd = false,
  children,
}: {
  listRef?: Ref<HTMLOListElement>;
  isOver?: boolean;
  /** A dragged task would land after the last tile. */
  dropAtEnd?: boolean;
  /** Shown instead of tasks: 'none' (the card has none) or 'filtered' (none matches). */
  empty?: 'none' | 'filtered';
  children?: ReactNode;
}) {
  return (
    <ol
      ref={listRef}
      className={`relative flex min-h-16 flex-1 flex-col gap-2 overflow-y-auto px-2 pb-2 ${
        isOver ? 'rounded-lg bg-brand-50 dark:bg-brand-700/20' : ''
      }`}
    >
      {children}
      {dropAtEnd ? (
        <li aria-hidden="true" className="relative -mt-2 h-0 shrink-0">
          <DropLine className="top-[3px]" />
        </li>
      ) : null}
      {empty ? (
        <li className="rounded-lg border border-dashed border-slate-300 p-3 text-center text-xs text-slate-400 dark:border-slate-700">
          {empty === 'none' ? 'No tasks' : 'No task matches the filter'}
        </li>
      ) : null}
    </ol>
  );
}

/**
 * The quick-add line under a column. The field empties at once; `onAdd` answers false when the
 * task could not be added, and the title comes back.
 */
export function AddTaskForm({
  cardName,
  onAdd,
}: {
  cardName: string;
  onAdd: (title: string) => Promise<boolean>;
}) {
  const [title, setTitle] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = title.trim();
    if (!text) return;
    setTitle('');
    if (!(await onAdd(text))) setTitle(text);
  };
  return (
    <form onSubmit={submit} className="p-2 pt-0">
      <input
        className="input bg-white/70 dark:bg-slate-800/70"
        placeholder="+ Add a task"
        aria-label={`Add a task to ${cardName}`}
        maxLength={50}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
      />
    </form>
  );
}
