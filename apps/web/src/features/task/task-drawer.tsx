'use client';

import { DrawerFrame } from '@taskomask/ui/drawer';
import { Spinner } from '@taskomask/ui/states';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback } from 'react';
import { useUser } from '@/components/providers';
import { QueryError } from '@/features/shared/query-error';
import { canEdit } from '@/lib/api';
import { usePeopleNames } from '@/lib/people';
import { useBoard, useBoardAt, useTask, useTaskAt, useWorkspace } from '@/lib/queries';
import { useBoardMoment } from '../board/board-history';
import { TaskBody } from './task-body';
import { deleteTask } from './task-commands';
import { useEscapeToClose } from './use-escape-to-close';
import { useTaskMutation } from './use-task-mutation';

/**
 * A task over its board, at its own URL: closing goes back to the board. With `?at=` (opened from
 * the board's History) the task as it was then, read-only.
 */
export function TaskDrawer({ boardId, taskId }: { boardId: string; taskId: string }) {
  const { at } = useBoardMoment();
  const liveTask = useTask(taskId);
  const pastTask = useTaskAt(taskId, at);
  const task = at === null ? liveTask : pastTask;
  const liveBoard = useBoard(boardId);
  const pastBoard = useBoardAt(boardId, at);
  const board = at === null ? liveBoard : pastBoard;
  const workspace = useWorkspace(board.data?.workspaceId);
  const user = useUser();
  // Authors, actors and people named in activity by the task answer's own names (former members
  // too), members' names for the rest.
  const names = usePeopleNames(board.data?.workspaceId, task.data?.people);
  const router = useRouter();
  const back = at === null ? `/boards/${boardId}` : `/boards/${boardId}?at=${at}`;
  const close = useCallback(() => router.push(back), [router, back]);
  useEscapeToClose(close);
  const { mutate, patch } = useTaskMutation(boardId, taskId);
  const editor = canEdit(workspace.data?.role) && at === null;

  const remove = async () => {
    if (!window.confirm('Delete this task?')) return;
    if (
      await mutate(
        (t) => t,
        () => deleteTask(taskId),
      )
    )
      close();
  };

  return (
    <DrawerFrame
      label="Task"
      closeLabel="Close task"
      onClose={close}
      title={board.data?.cards.find((c) => c.cardId === task.data?.cardId)?.name ?? 'Task'}
      actions={
        <>
          {editor && task.data ? (
            <button
              type="button"
              className="btn-danger"
              data-action="delete-task"
              onClick={() => void remove()}
            >
              Delete
            </button>
          ) : null}
          <Link href={back} className="btn-ghost" aria-label="Close">
            ✕
          </Link>
        </>
      }
    >
      {task.isPending ? (
        <Spinner label="Loading task" />
      ) : task.isError ? (
        <QueryError error={task.error} retry={() => task.refetch()} />
      ) : (
        <TaskBody
          task={task.data}
          editor={editor}
          members={workspace.data?.members ?? []}
          names={names}
          me={user.id}
          patch={patch}
          mutate={mutate}
        />
      )}
    </DrawerFrame>
  );
}
