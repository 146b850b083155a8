'use client';

import { DndContext } from '@dnd-kit/core';
import { horizontalListSortingStrategy, SortableContext } from '@dnd-kit/sortable';
import { Spinner } from '@taskomask/ui/states';
import { type ReactNode, useMemo, useState } from 'react';
import { useUser } from '@/components/providers';
import { LostWorkspace } from '@/features/membership/lost-workspace';
import { QueryError } from '@/features/shared/query-error';
import { type Board, type CardType, canEdit, type TaskSummary } from '@/lib/api';
import { useLostWorkspace } from '@/lib/membership';
import { useMemberNames } from '@/lib/people';
import { useBoard, useBoardAt, useWorkspace } from '@/lib/queries';
import { AddCardSlot } from './add-card';
import { BoardColumn } from './board-column';
import { addCard } from './board-commands';
import { BoardFilterBar } from './board-filter-bar';
import { type Filters, isFiltering, noFilters } from './board-filters';
import { BoardHeader } from './board-header';
import { HistoryBanner, HistoryPanel, useBoardMoment } from './board-history';
import { cardSortId } from './board-moves';
import { ShortcutsDialog } from './shortcuts-dialog';
import { TaskDragOverlay } from './task-drag-overlay';
import { useBoardDnd } from './use-board-dnd';
import { useBoardShortcuts } from './use-board-shortcuts';
import { useBoardSync } from './use-board-sync';
import { type CardActions, useCardActions } from './use-card-actions';
import { useQuickAdd } from './use-quick-add';
import { useTextHits } from './use-text-hits';
import { useVisibleTasks } from './use-visible-tasks';

const noColumns: Record<string, string[]> = {};
const noTasks: TaskSummary[] = [];

/** The board's columns (card id → task ids) and its tasks by id, derived once per version. */
function useBoardIndex(data: Board | undefined) {
  const columns = useMemo(
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
  const labels = useMemo(
    () => [...new Set(data?.cards.flatMap((c) => c.tasks.flatMap((t) => t.labels)) ?? [])].sort(),
    [data],
  );
  return { columns, taskById, labels };
}

type Index = ReturnType<typeof useBoardIndex>;
type Dnd = ReturnType<typeof useBoardDnd>;

/** The board's columns in order, the drop line, the add-card slot and the dragged task. */
function BoardColumns({
  boardId,
  view,
  index,
  dnd,
  visibleByCard,
  editor,
  filtering,
  names,
  me,
  onAddTask,
  cardActions,
}: {
  boardId: string;
  view: Board;
  index: Index;
  dnd: Dnd;
  visibleByCard: Map<string, TaskSummary[]>;
  editor: boolean;
  filtering: boolean;
  names: ReadonlyMap<string, string>;
  me: string;
  onAddTask: (cardId: string, title: string) => Promise<boolean>;
  cardActions: CardActions;
}) {
  const active = dnd.activeTaskId ? index.taskById.get(dnd.activeTaskId) : undefined;
  const count = view.cards.length;
  return (
    <>
      <SortableContext
        items={view.cards.map((c) => cardSortId(c.cardId))}
        strategy={horizontalListSortingStrategy}
      >
        {view.cards.map((card, at) => (
          <BoardColumn
            key={card.cardId}
            boardId={boardId}
            card={card}
            tasks={visibleByCard.get(card.cardId) ?? noTasks}
            total={(dnd.columns[card.cardId] ?? []).length}
            editor={editor}
            dragTasks={editor && !filtering}
            names={names}
            me={me}
            activeId={
              dnd.activeTaskId && dnd.columns[card.cardId]?.includes(dnd.activeTaskId)
                ? dnd.activeTaskId
                : null
            }
            dropBefore={dnd.marker?.cardId === card.cardId ? dnd.marker.before : undefined}
            onAdd={onAddTask}
            actions={editor ? cardActions : null}
            atStart={at === 0}
            atEnd={at === count - 1}
          />
        ))}
      </SortableContext>
      <TaskDragOverlay
        task={active}
        assigneeName={active?.assigneeId ? names.get(active.assigneeId) : undefined}
      />
    </>
  );
}

/** An empty board: editors get the add-card form at once, viewers a line saying so. */
function EmptyBoardHint({ editor }: { editor: boolean }) {
  return (
    <p className="w-full max-w-xs shrink-0 p-3 text-sm text-slate-500" data-testid="empty-board">
      {editor
        ? 'No columns yet — add your first column.'
        : 'No columns yet. Someone who can edit this board adds them.'}
    </p>
  );
}

/** A board: header, filters and its cards of tasks, live; `children` is the task drawer route. */
export function BoardScreen({ boardId, children }: { boardId: string; children?: ReactNode }) {
  // With `?at=` in the URL the board shows as it was then, read-only.
  const { at, setAt } = useBoardMoment();
  const live = useBoard(boardId);
  const past = useBoardAt(boardId, at);
  const board = at === null ? live : past;
  const [historyShown, setHistoryShown] = useState(false);
  const historyOpen = historyShown || at !== null;
  const workspace = useWorkspace(board.data?.workspaceId);
  const user = useUser();
  const names = useMemberNames(board.data?.workspaceId);
  const [filters, setFilters] = useState<Filters>(noFilters);
  const { refetchBoard, presence, status } = useBoardSync(boardId);
  const index = useBoardIndex(board.data);
  const dnd = useBoardDnd(boardId, board.data, index.columns, refetchBoard);
  const textHits = useTextHits(boardId, filters.text, board.data?.globalPosition);
  const visibleByCard = useVisibleTasks(dnd.columns, index.taskById, filters, textHits);
  const addTask = useQuickAdd(boardId, refetchBoard);
  const lost = useLostWorkspace(board.data?.workspaceId);
  const cardActions = useCardActions(boardId, board.data, refetchBoard);
  const role = workspace.data?.role;
  const editor = canEdit(role) && at === null;
  const shortcuts = useBoardShortcuts(boardId, editor, () => void refetchBoard());

  if (lost) return <LostWorkspace workspaceName={workspace.data?.name} />;
  if (board.isPending) return <Spinner label="Loading board" />;
  if (board.isError && at === null) {
    return <QueryError error={board.error} retry={() => board.refetch()} />;
  }
  if (board.isError || board.data === undefined) {
    return (
      <div className="p-5">
        <HistoryBanner time={undefined} onBack={() => setAt(null)} />
        <p className="mt-3 text-sm text-slate-500">The board did not exist at that moment.</p>
      </div>
    );
  }
  const view = board.data;
  const filtering = isFiltering(filters);
  const onAddCard = async (name: string, type: CardType) => {
    const last = view.cards.at(-1);
    await addCard(boardId, { name, type, ...(last ? { after: last.position } : {}) });
    await refetchBoard();
  };

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div className="border-b border-slate-200 px-3 py-3 sm:px-5 dark:border-slate-800">
        <BoardHeader
          boardId={boardId}
          workspaceId={view.workspaceId}
          workspaceName={workspace.data?.name}
          boardName={view.name}
          status={status}
          role={role}
          presence={presence.map((p) => ({ ...p, name: names.get(p.id) ?? p.name }))}
          me={user.id}
          historyOpen={historyOpen}
          onToggleHistory={() => {
            if (historyOpen) {
              setHistoryShown(false);
              setAt(null);
            } else setHistoryShown(true);
          }}
        />
        {at !== null ? <HistoryBanner time={view.asOf?.time} onBack={() => setAt(null)} /> : null}
        {historyOpen ? (
          <HistoryPanel
            boardId={boardId}
            at={at}
            onPick={setAt}
            onClose={() => {
              setHistoryShown(false);
              setAt(null);
            }}
            names={names}
            me={user.id}
            livePosition={live.data?.globalPosition}
          />
        ) : null}
        <BoardFilterBar
          filters={filters}
          onChange={setFilters}
          filtering={filtering}
          editor={editor}
          labels={index.labels}
          memberIds={(workspace.data?.members ?? []).map((m) => m.ownerId)}
          names={names}
          me={user.id}
        />
      </div>
      <DndContext {...dnd.dndProps}>
        <div
          className="flex min-h-0 flex-1 snap-x gap-3 overflow-x-auto p-3 sm:px-5"
          data-testid="board"
        >
          <BoardColumns
            boardId={boardId}
            view={view}
            index={index}
            dnd={dnd}
            visibleByCard={visibleByCard}
            editor={editor}
            filtering={filtering}
            names={names}
            me={user.id}
            onAddTask={addTask}
            cardActions={cardActions}
          />
          {view.cards.length === 0 ? <EmptyBoardHint editor={editor} /> : null}
          {editor && view.cards.length < 10 ? (
            <AddCardSlot openAtFirst={view.cards.length === 0} onSubmit={onAddCard} />
          ) : null}
        </div>
      </DndContext>
      <ShortcutsDialog open={shortcuts.help} editor={editor} onClose={shortcuts.closeHelp} />
      {children}
      <span
        hidden
        data-testid="board-position"
        data-position={view.globalPosition}
        data-moment={at ?? 'live'}
      />
    </div>
  );
}
