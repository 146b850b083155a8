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
import { useBoard, useTask, useWorkspace } from '@/lib/queries';
import { TaskBody } from './task-body';
import { deleteTask } from './task-commands';
import { useEscapeToClose } from './use-escape-to-close';
import { useTaskMutation } from './use-task-mutation';

/** A task over its board, at its own URL: closing goes back to the board. */
export function TaskDrawer({ boardId, taskId }: { boardId: string; taskId: string }) {
  const task = useTask(taskId);
  const board = useBoard(boardId);
  const workspace = useWorkspace(board.data?.workspaceId);
  const user = useUser();
  // Authors, actors and people named in activity by the task answer's own names (former members
  // too), members' names for the rest.
  const names = usePeopleNames(board.data?.workspaceId, task.data?.people);
  const router = useRouter();
  const close = useCallback(() => router.push(`/boards/${boardId}`), [router, boardId]);
  useEscapeToClose(close);
  const { mutate, patch } = useTaskMutation(boardId, taskId);
  const editor = canEdit(workspace.data?.role);

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
          <Link href={`/boards/${boardId}`} className="btn-ghost" aria-label="Close">
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
