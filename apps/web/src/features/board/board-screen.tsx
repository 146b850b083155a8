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
import { useBoard, useWorkspace } from '@/lib/queries';
import { AddCardSlot } from './add-card';
import { BoardColumn } from './board-column';
import { addCard } from './board-commands';
import { BoardFilterBar } from './board-filter-bar';
import { type Filters, isFiltering, noFilters } from './board-filters';
import { BoardHeader } from './board-header';
import { cardSortId } from './board-moves';
import { useBoardDnd } from './use-board-dnd';
import { useBoardSync } from './use-board-sync';
import { useQuickAdd } from './use-quick-add';
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

/** A board: header, filters and its cards of tasks, live; `children` is the task drawer route. */
export function BoardScreen({ boardId, children }: { boardId: string; children?: ReactNode }) {
  const board = useBoard(boardId);
  const workspace = useWorkspace(board.data?.workspaceId);
  const user = useUser();
  const names = useMemberNames(board.data?.workspaceId);
  const [filters, setFilters] = useState<Filters>(noFilters);
  const { refetchBoard, presence, status } = useBoardSync(boardId);
  const index = useBoardIndex(board.data);
  const dnd = useBoardDnd(boardId, board.data, index.columns, refetchBoard);
  const visibleByCard = useVisibleTasks(dnd.columns, index.taskById, filters);
  const addTask = useQuickAdd(boardId, refetchBoard);
  const lost = useLostWorkspace(board.data?.workspaceId);

  if (lost) return <LostWorkspace workspaceName={workspace.data?.name} />;
  if (board.isPending) return <Spinner label="Loading board" />;
  if (board.isError) return <QueryError error={board.error} retry={() => board.refetch()} />;
  const view = board.data;
  const role = workspace.data?.role;
  const editor = canEdit(role);
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
          workspaceId={view.workspaceId}
          workspaceName={workspace.data?.name}
          boardName={view.name}
          status={status}
          role={role}
          presence={presence.map((p) => ({ ...p, name: names.get(p.id) ?? p.name }))}
          me={user.id}
        />
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
          <SortableContext
            items={view.cards.map((c) => cardSortId(c.cardId))}
            strategy={horizontalListSortingStrategy}
          >
            {view.cards.map((card) => (
              <BoardColumn
                key={card.cardId}
                boardId={boardId}
                card={card}
                tasks={visibleByCard.get(card.cardId) ?? noTasks}
                total={(dnd.columns[card.cardId] ?? []).length}
                editor={editor}
                dragTasks={editor && !filtering}
                names={names}
                me={user.id}
                activeId={
                  dnd.activeTaskId && dnd.columns[card.cardId]?.includes(dnd.activeTaskId)
                    ? dnd.activeTaskId
                    : null
                }
                onAdd={addTask}
              />
            ))}
          </SortableContext>
          {view.cards.length === 0 && !editor ? (
            <p className="p-6 text-sm text-slate-500">This board has no cards yet.</p>
          ) : null}
          {editor && view.cards.length < 10 ? (
            <AddCardSlot openAtFirst={view.cards.length === 0} onSubmit={onAddCard} />
          ) : null}
        </div>
      </DndContext>
      {children}
      <span hidden data-testid="board-position" data-position={view.globalPosition} />
    </div>
  );
}
