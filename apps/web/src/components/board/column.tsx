'use client';

import { useDroppable } from '@dnd-kit/core';
import { SortableContext, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useRouter } from 'next/navigation';
import {
  type FormEvent,
  type MouseEvent,
  memo,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { Card, TaskSummary } from '@/lib/api';
import { TaskTile, type TileFocus } from './task-tile';

const typeTone: Record<string, string> = {
  Backlog: 'bg-slate-400',
  ToDo: 'bg-sky-500',
  Doing: 'bg-amber-500',
  Done: 'bg-emerald-500',
};

/** Tiles kept sortable above and below the ones in view. */
const OVERSCAN = 8;
/** The window moves in steps of this many tiles, so scrolling re-renders rarely. */
const STEP = 8;
/** Columns this far left or right of the viewport count as in view. */
const SIDE_MARGIN = 200;

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
  onAdd: (cardId: string, title: string) => Promise<boolean>;
};

export const columnId = (cardId: string) => `col:${cardId}`;
export const cardSortId = (cardId: string) => `card:${cardId}`;

export const Column = memo(function Column({
  boardId,
  card,
  tasks,
  total,
  editor,
  dragTasks,
  names,
  me,
  activeId,
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
    if (!(await onAdd(card.cardId, text))) setTitle(text);
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
      <TaskList
        boardId={boardId}
        cardId={card.cardId}
        tasks={tasks}
        total={total}
        dragTasks={dragTasks}
        names={names}
        me={me}
        activeId={activeId}
        setDropRef={drop.setNodeRef}
        isOver={drop.isOver}
      />
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
});

type Range = { start: number; end: number };

/** First index whose tile ends below `y` (tiles are in order, positioned in the list). */
function firstEndingBelow(items: HTMLCollection, count: number, y: number): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const el = items[mid] as HTMLElement | undefined;
    if (el && el.offsetTop + el.offsetHeight < y) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The tiles in view plus an overscan, measured from the list's own scroll position. */
function windowOf(list: HTMLElement, count: number): Range {
  // A column scrolled sideways out of view has no sortable tiles (its own droppable remains).
  const box = list.getBoundingClientRect();
  if (box.right < -SIDE_MARGIN || box.left > window.innerWidth + SIDE_MARGIN)
    return { start: 0, end: 0 };
  const top = list.scrollTop;
  const bottom = top + list.clientHeight;
  const first = firstEndingBelow(list.children, count, top);
  const last = firstEndingBelow(list.children, count, bottom);
  const start = Math.max(0, Math.floor((first - OVERSCAN) / STEP) * STEP);
  const end = Math.min(count, Math.ceil((last + 1 + OVERSCAN) / STEP) * STEP);
  return { start, end };
}

type ListProps = {
  boardId: string;
  cardId: string;
  tasks: TaskSummary[];
  total: number;
  dragTasks: boolean;
  names: ReadonlyMap<string, string>;
  me: string;
  activeId: string | null;
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
  setDropRef,
  isOver,
}: ListProps) {
  const listRef = useRef<HTMLOListElement | null>(null);
  // Measured before the first paint (layout effect below).
  const [range, setRange] = useState<Range>({ start: 0, end: 0 });
  const [focused, setFocused] = useState<{ taskId: string; part: TileFocus } | null>(null);
  const count = tasks.length;

  const measure = useCallback(() => {
    const list = listRef.current;
    if (!list) return;
    const next = windowOf(list, count);
    setRange((r) => (r.start === next.start && r.end === next.end ? r : next));
  }, [count]);

  // Tasks added, moved or filtered: the window is measured again before paint.
  useLayoutEffect(() => {
    if (tasks) measure();
  }, [tasks, measure]);

  useEffect(() => {
    const list = listRef.current;
    if (!list) return;
    let frame = 0;
    const schedule = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        measure();
      });
    };
    list.addEventListener('scroll', schedule, { passive: true });
    const resize = new ResizeObserver(schedule);
    resize.observe(list);
    // The board scrolls sideways: columns come into view and leave it.
    const sideways = new IntersectionObserver(schedule, {
      rootMargin: `0px ${SIDE_MARGIN}px`,
    });
    sideways.observe(list);
    return () => {
      list.removeEventListener('scroll', schedule);
      resize.disconnect();
      sideways.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [measure]);

  // What next/link does on a click: plain left clicks navigate in the app, others are the browser's.
  const router = useRouter();
  const onOpen = useCallback(
    (event: MouseEvent<HTMLAnchorElement>) => {
      if (
        event.defaultPrevented ||
        event.button !== 0 ||
        event.metaKey ||
        event.ctrlKey ||
        event.shiftKey ||
        event.altKey
      )
        return;
      event.preventDefault();
      router.push(event.currentTarget.getAttribute('href') ?? '');
    },
    [router],
  );

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

  const start = Math.min(range.start, count);
  const end = Math.min(range.end, count);
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
    <SortableContext items={items} strategy={verticalListSortingStrategy}>
      <ol
        ref={setRefs}
        className={`relative flex min-h-16 flex-1 flex-col gap-2 overflow-y-auto px-2 pb-2 ${
          isOver ? 'rounded-lg bg-brand-50 dark:bg-brand-700/20' : ''
        }`}
      >
        {tasks.map((task, index) => (
          <TaskTile
            key={task.taskId}
            boardId={boardId}
            cardId={cardId}
            task={task}
            draggable={dragTasks}
            names={names}
            me={me}
            sortable={isSortable(task, index)}
            onFocusTile={onFocusTile}
            onOpen={onOpen}
          />
        ))}
        {tasks.length === 0 ? (
          <li className="rounded-lg border border-dashed border-slate-300 p-3 text-center text-xs text-slate-400 dark:border-slate-700">
            {total === 0 ? 'No tasks' : 'No task matches the filter'}
          </li>
        ) : null}
      </ol>
    </SortableContext>
  );
});
