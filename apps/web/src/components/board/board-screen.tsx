'use client';

import {
  type CollisionDetection,
  closestCorners,
  DndContext,
  type DragEndEvent,
  type DragOverEvent,
  type DragStartEvent,
  type KeyboardCoordinateGetter,
  KeyboardSensor,
  MeasuringStrategy,
  PointerSensor,
  TouchSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import {
  arrayMove,
  horizontalListSortingStrategy,
  SortableContext,
  sortableKeyboardCoordinates,
} from '@dnd-kit/sortable';
import { useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { type ReactNode, useCallback, useMemo, useRef, useState } from 'react';
import { NameForm } from '@/components/forms';
import { useToast, useUser } from '@/components/providers';
import { Avatar, displayName, ErrorState, Spinner } from '@/components/ui';
import { type Board, type CardType, canEdit, command, explain, type TaskSummary } from '@/lib/api';
import { useNames } from '@/lib/names';
import { neighbours } from '@/lib/positions';
import { fetchBoard, keys, useBoard, useWorkspace, wrote } from '@/lib/queries';
import { Column, cardSortId } from './column';
import { type BoardNotice, useBoardRealtime } from './realtime';

type Filters = {
  text: string;
  label: string;
  assignee: string;
  due: '' | 'overdue' | 'week' | 'none';
};
const noFilters: Filters = { text: '', label: '', assignee: '', due: '' };
const cardTypes: CardType[] = ['Backlog', 'ToDo', 'Doing', 'Done'];

function matches(task: TaskSummary, f: Filters, today: string, weekEnd: string): boolean {
  if (f.text && !task.title.toLowerCase().includes(f.text.toLowerCase())) return false;
  if (f.label && !task.labels.includes(f.label)) return false;
  if (f.assignee === 'none' && task.assigneeId !== null) return false;
  if (f.assignee && f.assignee !== 'none' && task.assigneeId !== f.assignee) return false;
  const due = task.dueDate?.slice(0, 10);
  if (f.due === 'none' && due) return false;
  if (f.due === 'overdue' && !(due && due < today)) return false;
  if (f.due === 'week' && !(due && due >= today && due <= weekEnd)) return false;
  return true;
}

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

/** Card of a droppable/sortable id in the current columns. */
function containerOf(columns: Record<string, string[]>, id: string): string | undefined {
  if (id.startsWith('col:') || id.startsWith('card:')) return id.slice(id.indexOf(':') + 1);
  return Object.keys(columns).find((cardId) => columns[cardId]?.includes(id));
}

const noColumns: Record<string, string[]> = {};
const noTasks: TaskSummary[] = [];

// Droppables are measured when a drag starts and while it runs, never on idle renders.
const measuring = { droppable: { strategy: MeasuringStrategy.WhileDragging } };

/** The board with its tasks laid out as `columns` says (optimistic placement). */
function withColumns(board: Board, columns: Record<string, string[]>): Board {
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

export function BoardScreen({ boardId, children }: { boardId: string; children?: ReactNode }) {
  const board = useBoard(boardId);
  const workspace = useWorkspace(board.data?.workspaceId);
  const user = useUser();
  const names = useNames();
  const client = useQueryClient();
  const toast = useToast();
  const [filters, setFilters] = useState<Filters>(noFilters);
  const [dragColumns, setDragColumns] = useState<Record<string, string[]> | null>(null);
  const [activeTaskId, setActiveTaskId] = useState<string | null>(null);
  const [showAddCard, setShowAddCard] = useState(false);
  const addQueue = useRef<Promise<unknown>>(Promise.resolve());

  const refetchBoard = useCallback(
    async (at?: number) => {
      await client.fetchQuery({
        queryKey: keys.board(boardId),
        queryFn: () => fetchBoard(boardId, at),
        staleTime: 0,
      });
    },
    [client, boardId],
  );

  const { presence, status } = useBoardRealtime(boardId, {
    onNotice: (notice: BoardNotice) => {
      const current = client.getQueryData<Board>(keys.board(boardId));
      if (current && notice.position <= current.globalPosition) return;
      void refetchBoard(notice.position);
      void client.invalidateQueries({ queryKey: keys.activity(boardId) });
      for (const taskId of notice.taskIds)
        void client.invalidateQueries({ queryKey: keys.task(taskId) });
    },
    onResync: () => {
      void client.invalidateQueries({ queryKey: keys.board(boardId) });
      void client.invalidateQueries({ queryKey: ['task'] });
    },
    onRevoked: () => void client.invalidateQueries({ queryKey: keys.board(boardId) }),
  });

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 200, tolerance: 8 } }),
    useSensor(KeyboardSensor, { coordinateGetter: keyboardCoordinates }),
  );

  const role = workspace.data?.role;
  const editor = canEdit(role);
  const filtering = filters !== noFilters && Object.values(filters).some(Boolean);

  const today = new Date().toISOString().slice(0, 10);
  const weekEnd = new Date(Date.now() + 7 * 864e5).toISOString().slice(0, 10);
  const data = board.data;
  const allLabels = useMemo(
    () => [...new Set(data?.cards.flatMap((c) => c.tasks.flatMap((t) => t.labels)) ?? [])].sort(),
    [data],
  );

  // Cards only collide with cards, tasks only with tasks and columns.
  const collisions: CollisionDetection = useCallback((args) => {
    const type = args.active.data.current?.type;
    const droppableContainers = args.droppableContainers.filter((c) =>
      sameKind(type, c.data.current?.type),
    );
    return closestCorners({ ...args, droppableContainers });
  }, []);

  // Derived once per board version (or drag step), not on every render: 5,000 tasks add up.
  const boardColumns = useMemo(
    () =>
      data
        ? Object.fromEntries(data.cards.map((c) => [c.cardId, c.tasks.map((t) => t.taskId)]))
        : noColumns,
    [data],
  );
  const taskById = useMemo(
    () => new Map(data?.cards.flatMap((c) => c.tasks).map((t) => [t.taskId, t]) ?? []),
    [data],
  );
  const columns = dragColumns ?? boardColumns;
  // A column's list is derived again only when its ids change (a drag step touches two columns).
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new cache whenever the inputs change
  const visibleCache = useMemo(
    () => new WeakMap<string[], TaskSummary[]>(),
    [taskById, filtering, filters, today, weekEnd],
  );
  const visibleByCard = useMemo(() => {
    const byCard = new Map<string, TaskSummary[]>();
    for (const [cardId, ids] of Object.entries(columns)) {
      const cached = visibleCache.get(ids);
      if (cached) {
        byCard.set(cardId, cached);
        continue;
      }
      const tasks: TaskSummary[] = [];
      for (const id of ids) {
        const task = taskById.get(id);
        if (task && (!filtering || matches(task, filters, today, weekEnd))) tasks.push(task);
      }
      visibleCache.set(ids, tasks);
      byCard.set(cardId, tasks);
    }
    return byCard;
  }, [columns, taskById, filtering, filters, today, weekEnd, visibleCache]);

  // Quick adds run one after another: each appends after the task the previous one created.
  const addTask = useCallback(
    (cardId: string, title: string): Promise<boolean> => {
      const temp: TaskSummary = {
        taskId: `pending-${Date.now()}-${Math.random()}`,
        title,
        position: '',
        assigneeId: null,
        labels: [],
        dueDate: null,
        checklist: { done: 0, total: 0 },
        commentCount: 0,
      };
      client.setQueryData<Board>(
        keys.board(boardId),
        (b) =>
          b && {
            ...b,
            cards: b.cards.map((c) =>
              c.cardId === cardId ? { ...c, tasks: [...c.tasks, temp] } : c,
            ),
          },
      );
      const dropTemp = () =>
        client.setQueryData<Board>(
          keys.board(boardId),
          (b) =>
            b && {
              ...b,
              cards: b.cards.map((c) =>
                c.tasks.some((t) => t.taskId === temp.taskId)
                  ? { ...c, tasks: c.tasks.filter((t) => t.taskId !== temp.taskId) }
                  : c,
              ),
            },
        );
      const run = async () => {
        const latest = client.getQueryData<Board>(keys.board(boardId));
        const card = latest?.cards.find((c) => c.cardId === cardId);
        const last = card?.tasks.filter((t) => t.position !== '').at(-1);
        try {
          wrote(
            await command('POST', `/boards/${boardId}/tasks`, {
              cardId,
              title,
              ...(last ? { after: last.position } : {}),
            }),
          );
          await refetchBoard();
          return true;
        } catch (error) {
          dropTemp();
          toast(explain(error));
          return false;
        }
      };
      const next = addQueue.current.then(run, run);
      addQueue.current = next;
      return next;
    },
    [client, boardId, refetchBoard, toast],
  );

  if (board.isPending) return <Spinner label="Loading board" />;
  if (board.isError) return <ErrorState error={board.error} retry={() => board.refetch()} />;
  const view = board.data;

  const rollbackWith = (snapshot: Board | undefined, error: unknown) => {
    if (snapshot) client.setQueryData(keys.board(boardId), snapshot);
    toast(explain(error));
  };

  const onDragStart = ({ active }: DragStartEvent) => {
    if (active.data.current?.type === 'task') {
      setDragColumns(columns);
      setActiveTaskId(String(active.id));
    }
  };

  const onDragOver = ({ active, over }: DragOverEvent) => {
    if (!over || active.data.current?.type !== 'task' || !dragColumns) return;
    const activeId = String(active.id);
    const from = containerOf(dragColumns, activeId);
    const to = containerOf(dragColumns, String(over.id));
    if (!from || !to || from === to) return;
    setDragColumns((cols) => {
      if (!cols) return cols;
      const source = (cols[from] ?? []).filter((id) => id !== activeId);
      const target = [...(cols[to] ?? [])];
      const overIndex = target.indexOf(String(over.id));
      target.splice(overIndex >= 0 ? overIndex : target.length, 0, activeId);
      return { ...cols, [from]: source, [to]: target };
    });
  };

  const onDragEnd = async ({ active, over }: DragEndEvent) => {
    const type = active.data.current?.type;
    if (type === 'card') {
      if (!over || over.id === active.id) return;
      const ids = view.cards.map((c) => cardSortId(c.cardId));
      const from = ids.indexOf(String(active.id));
      const to = ids.indexOf(String(over.id));
      if (from < 0 || to < 0) return;
      const ordered = arrayMove([...view.cards], from, to);
      const others = ordered.filter((c) => cardSortId(c.cardId) !== active.id);
      const cardId = String(active.id).slice('card:'.length);
      const snapshot = client.getQueryData<Board>(keys.board(boardId));
      client.setQueryData(keys.board(boardId), { ...view, cards: ordered });
      try {
        wrote(
          await command('POST', `/boards/${boardId}/cards/${cardId}/move`, neighbours(others, to)),
        );
        await refetchBoard();
      } catch (error) {
        rollbackWith(snapshot, error);
      }
      return;
    }
    const cols = dragColumns;
    setDragColumns(null);
    setActiveTaskId(null);
    if (!cols || !over) return;
    const taskId = String(active.id);
    const cardId = containerOf(cols, taskId);
    if (!cardId) return;
    let list = cols[cardId] ?? [];
    const overIndex = list.indexOf(String(over.id));
    const activeIndex = list.indexOf(taskId);
    if (overIndex >= 0 && overIndex !== activeIndex) list = arrayMove(list, activeIndex, overIndex);
    const final = { ...cols, [cardId]: list };
    const index = list.indexOf(taskId);
    const originalCard = view.cards.find((c) => c.tasks.some((t) => t.taskId === taskId));
    const originalIndex = originalCard?.tasks.findIndex((t) => t.taskId === taskId) ?? -1;
    if (originalCard?.cardId === cardId && originalIndex === index) return;
    const others = list.filter((id) => id !== taskId).flatMap((id) => taskById.get(id) ?? []);
    const snapshot = client.getQueryData<Board>(keys.board(boardId));
    client.setQueryData(keys.board(boardId), withColumns(view, final));
    try {
      wrote(
        await command('POST', `/tasks/${taskId}/move`, {
          toCardId: cardId,
          ...neighbours(others, index),
        }),
      );
      await refetchBoard();
    } catch (error) {
      rollbackWith(snapshot, error);
      await refetchBoard().catch(() => {});
    }
  };

  const presenceOthers = presence.filter((p) => p.id !== user.id);

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div className="border-b border-slate-200 px-3 py-3 sm:px-5 dark:border-slate-800">
        <nav className="text-xs text-slate-500" aria-label="Breadcrumb">
          <Link href={`/workspaces/${view.workspaceId}`} className="hover:underline">
            {workspace.data?.name ?? 'Workspace'}
          </Link>
        </nav>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-xl font-bold tracking-tight">{view.name}</h1>
          <span
            className={`inline-flex items-center gap-1 text-xs ${status === 'live' ? 'text-emerald-600' : 'text-slate-400'}`}
            data-testid="live-status"
            data-status={status}
          >
            <span
              className={`size-1.5 rounded-full ${status === 'live' ? 'bg-emerald-500' : 'bg-slate-400'}`}
            />
            {status === 'live' ? 'Live' : status === 'connecting' ? 'Connecting' : 'Offline'}
          </span>
          {role === 'viewer' ? (
            <span className="rounded-full bg-slate-200 px-2 py-0.5 text-xs dark:bg-slate-800">
              View only
            </span>
          ) : null}
          <span className="flex-1" />
          <ul className="flex -space-x-1.5" aria-label="On this board now" data-testid="presence">
            {presence.map((p) => (
              <li key={p.id}>
                <Avatar id={p.id} name={p.id === user.id ? `${p.name} (you)` : p.name} size="md" />
              </li>
            ))}
          </ul>
          {presenceOthers.length > 0 ? (
            <span className="text-xs text-slate-500">
              {presenceOthers.length} other{presenceOthers.length === 1 ? '' : 's'} here
            </span>
          ) : null}
        </div>
        <search className="mt-3 flex flex-wrap gap-2" aria-label="Filter tasks">
          <input
            className="input w-full sm:w-56"
            type="search"
            placeholder="Filter by text"
            aria-label="Filter by text"
            value={filters.text}
            onChange={(e) => setFilters({ ...filters, text: e.target.value })}
          />
          <select
            className="input w-auto"
            aria-label="Filter by label"
            value={filters.label}
            onChange={(e) => setFilters({ ...filters, label: e.target.value })}
          >
            <option value="">Any label</option>
            {allLabels.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
          <select
            className="input w-auto"
            aria-label="Filter by assignee"
            value={filters.assignee}
            onChange={(e) => setFilters({ ...filters, assignee: e.target.value })}
          >
            <option value="">Anyone</option>
            <option value="none">Unassigned</option>
            {(workspace.data?.members ?? []).map((m) => (
              <option key={m.ownerId} value={m.ownerId}>
                {displayName(m.ownerId, names, user.id)}
              </option>
            ))}
          </select>
          <select
            className="input w-auto"
            aria-label="Filter by due date"
            value={filters.due}
            onChange={(e) => setFilters({ ...filters, due: e.target.value as Filters['due'] })}
          >
            <option value="">Any due date</option>
            <option value="overdue">Overdue</option>
            <option value="week">Due this week</option>
            <option value="none">No due date</option>
          </select>
          {filtering ? (
            <button type="button" className="btn-ghost" onClick={() => setFilters(noFilters)}>
              Clear filters
            </button>
          ) : null}
          {filtering && editor ? (
            <span className="self-center text-xs text-slate-500">Clear filters to reorder.</span>
          ) : null}
        </search>
      </div>
      <DndContext
        sensors={sensors}
        collisionDetection={collisions}
        onDragStart={onDragStart}
        onDragOver={onDragOver}
        onDragEnd={(e) => void onDragEnd(e)}
        onDragCancel={() => {
          setDragColumns(null);
          setActiveTaskId(null);
        }}
        measuring={measuring}
        accessibility={{
          screenReaderInstructions: {
            draggable:
              'To pick up a task or card, press space or enter. Use the arrow keys to move it, space or enter to drop it, escape to cancel.',
          },
        }}
      >
        <div
          className="flex min-h-0 flex-1 snap-x gap-3 overflow-x-auto p-3 sm:px-5"
          data-testid="board"
        >
          <SortableContext
            items={view.cards.map((c) => cardSortId(c.cardId))}
            strategy={horizontalListSortingStrategy}
          >
            {view.cards.map((card) => (
              <Column
                key={card.cardId}
                boardId={boardId}
                card={card}
                tasks={visibleByCard.get(card.cardId) ?? noTasks}
                total={(columns[card.cardId] ?? []).length}
                editor={editor}
                dragTasks={editor && !filtering}
                names={names}
                me={user.id}
                activeId={
                  activeTaskId && columns[card.cardId]?.includes(activeTaskId) ? activeTaskId : null
                }
                onAdd={addTask}
              />
            ))}
          </SortableContext>
          {view.cards.length === 0 && !editor ? (
            <p className="p-6 text-sm text-slate-500">This board has no cards yet.</p>
          ) : null}
          {editor && view.cards.length < 10 ? (
            <div className="w-[85vw] shrink-0 sm:w-72">
              {showAddCard || view.cards.length === 0 ? (
                <div className="panel p-3">
                  <AddCardForm
                    onSubmit={async (name, type) => {
                      const last = view.cards.at(-1);
                      wrote(
                        await command('POST', `/boards/${boardId}/cards`, {
                          name,
                          type,
                          ...(last ? { after: last.position } : {}),
                        }),
                      );
                      await refetchBoard();
                    }}
                  />
                </div>
              ) : (
                <button
                  type="button"
                  className="btn-ghost w-full justify-start"
                  onClick={() => setShowAddCard(true)}
                >
                  + Add a card
                </button>
              )}
            </div>
          ) : null}
        </div>
      </DndContext>
      {children}
      <span hidden data-testid="board-position" data-position={view.globalPosition} />
    </div>
  );
}

function AddCardForm({ onSubmit }: { onSubmit: (name: string, type: CardType) => Promise<void> }) {
  const [type, setType] = useState<CardType>('ToDo');
  return (
    <NameForm
      label="Add card"
      placeholder="Card name, e.g. To do"
      submit={({ name }) => onSubmit(name, type)}
      extra={
        <select
          className="input w-auto"
          aria-label="Card type"
          value={type}
          onChange={(e) => setType(e.target.value as CardType)}
        >
          {cardTypes.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      }
    />
  );
}
