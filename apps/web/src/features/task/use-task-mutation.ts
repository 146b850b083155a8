'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useToast } from '@/components/providers';
import { type CommandAnswer, explain, type Task } from '@/lib/api';
import { keys, wrote } from '@/lib/queries';
import { patchTask, type TaskPatch } from './task-commands';

/** Shows `optimistic(task)` at once, sends the command; answers whether it was accepted. */
export type Mutate = (
  optimistic: (t: Task) => Task,
  send: () => Promise<CommandAnswer>,
) => Promise<boolean>;
export type Patch = (fields: TaskPatch) => Promise<boolean>;

/**
 * A task's writes: optimistic in the cached task, rolled back with a toast when refused, and
 * followed by a fresh read of the task and its board either way.
 */
export function useTaskMutation(boardId: string, taskId: string): { mutate: Mutate; patch: Patch } {
  const client = useQueryClient();
  const toast = useToast();
  const mutate: Mutate = async (optimistic, send) => {
    const snapshot = client.getQueryData<Task>(keys.task(taskId));
    if (snapshot) client.setQueryData(keys.task(taskId), optimistic(snapshot));
    try {
      wrote(await send());
      return true;
    } catch (error) {
      if (snapshot) client.setQueryData(keys.task(taskId), snapshot);
      toast(explain(error));
      return false;
    } finally {
      await Promise.all([
        client.invalidateQueries({ queryKey: keys.task(taskId) }),
        client.invalidateQueries({ queryKey: keys.board(boardId) }),
      ]);
    }
  };
  const patch: Patch = (fields) =>
    mutate(
      (t) => ({ ...t, ...fields }),
      () => patchTask(taskId, fields),
    );
  return { mutate, patch };
}
