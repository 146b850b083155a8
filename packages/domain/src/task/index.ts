import type { Decider } from '../event';
import type { TaskCommand } from './commands';
import { decideTask, type TaskContext } from './decide';
import type { TaskEvent } from './events';
import { evolveTask } from './evolve';
import { initialTaskState, type TaskState } from './state';

export type * from './commands';
export { decideTask, type TaskContext } from './decide';
export { requireDueDate } from './due-date';
export type * from './events';
export { evolveTask } from './evolve';
export * from './state';
export * from './task-on-board';

/**
 * Decides the task stream alone. Prefer decideTaskOnBoard in the shell: for CreateTask,
 * RenameTask, MoveTask and DeleteTask the board's registry must be written too.
 */
export const taskDecider: Decider<TaskCommand, TaskEvent, TaskState, TaskContext> = {
  initialState: initialTaskState,
  decide: decideTask,
  evolve: evolveTask,
};
