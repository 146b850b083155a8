import type { BoardState } from '../board/state';
import {
  claimTitle,
  countOnCard,
  countTaskIn,
  countTaskOut,
  releaseTitle,
  withSeed,
} from '../board/task-registry';
import type { Condition } from '../conditions';
import type { WorkspaceState } from '../workspace/state';
import type { TaskCommand } from './commands';
import { decideTask } from './decide';
import type { TaskEvent } from './events';
import type { TaskState } from './state';

export type TaskOnBoardDecision = Readonly<{
  task: TaskEvent[];
  /** The board registry's conditions (titles, counts), empty for most commands. */
  conditions: Condition[];
  /** `['board']` when there are conditions: they were decided on the board read at a version. */
  checked: 'board'[];
}>;

/**
 * Decides any task command against the task, its board and the board's workspace, plus the
 * conditions that keep titles unique per board and count tasks (see board/task-registry.ts):
 * CreateTask claims its title and counts itself on the board and its card, RenameTask moves its
 * claim, MoveTask to another card moves its count, DeleteTask gives both back. Only
 * `task-<id>` is written; with conditions the append also checks the board's version, so a
 * card deleted meanwhile makes the command re-decide (the board changes only by its own
 * commands now, rarely). Load order: `task-<id>`, then `board-<boardIdForTaskCommand(...)>`,
 * then `workspace-<board.workspaceId>`.
 */
export function decideTaskOnBoard(
  command: TaskCommand,
  states: Readonly<{ workspace: WorkspaceState; board: BoardState; task: TaskState }>,
): TaskOnBoardDecision {
  const taskEvents = decideTask(command, states.task, {
    workspace: states.workspace,
    board: states.board,
  });
  const conditions = withSeed(states.board, taskEvents.flatMap(registryConditions));
  return { task: taskEvents, conditions, checked: conditions.length === 0 ? [] : ['board'] };
}

/** The board a task command needs: the one named by CreateTask, else the task's own. */
export function boardIdForTaskCommand(command: TaskCommand, task: TaskState): string | null {
  if (command.type === 'CreateTask') return command.data.boardId;
  return task.status === 'initial' ? null : task.boardId;
}

function registryConditions(event: TaskEvent): Condition[] {
  const { taskId, boardId } = event.data;
  switch (event.type) {
    case 'TaskCreated':
      return [
        claimTitle(boardId, taskId, event.data.title),
        countTaskIn(boardId),
        countOnCard(boardId, event.data.cardId, 1),
      ];
    case 'TaskRenamed':
      // Released first: a new title that differs only in case keeps the same claim.
      return [
        releaseTitle(boardId, taskId, event.data.previousTitle),
        claimTitle(boardId, taskId, event.data.title),
      ];
    case 'TaskMoved':
      return event.data.fromCardId === event.data.toCardId
        ? []
        : [
            countOnCard(boardId, event.data.fromCardId, -1),
            countOnCard(boardId, event.data.toCardId, 1),
          ];
    case 'TaskDeleted':
      return [
        releaseTitle(boardId, taskId, event.data.title),
        countTaskOut(boardId),
        countOnCard(boardId, event.data.cardId, -1),
      ];
    default:
      return [];
  }
}
