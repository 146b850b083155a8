import type { BoardEvent } from '../board/events';
import type { BoardState } from '../board/state';
import type { WorkspaceState } from '../workspace/state';
import type { TaskCommand } from './commands';
import { decideTask } from './decide';
import type { TaskEvent } from './events';
import type { TaskState } from './state';

export type TaskOnBoardEvents = Readonly<{ board: BoardEvent[]; task: TaskEvent[] }>;

/**
 * Decides any task command against the task, its board and the board's workspace, plus the
 * board's task-registry events that keep titles unique per board and count tasks:
 * CreateTask → BoardTaskAdded, RenameTask → BoardTaskRenamed, MoveTask to another card →
 * BoardTaskMoved, DeleteTask → BoardTaskRemoved. The shell appends both lists in one atomic
 * multi-stream append with each stream's expected version; an empty list means that stream is
 * untouched (so most task commands write `task-<id>` only, but must still read the board).
 * Load order: `task-<id>`, then `board-<boardIdForTaskCommand(...)>`, then
 * `workspace-<board.workspaceId>`.
 */
export function decideTaskOnBoard(
  command: TaskCommand,
  states: Readonly<{ workspace: WorkspaceState; board: BoardState; task: TaskState }>,
): TaskOnBoardEvents {
  const taskEvents = decideTask(command, states.task, {
    workspace: states.workspace,
    board: states.board,
  });
  return { board: taskEvents.flatMap(boardEventsFor), task: taskEvents };
}

/** The board a task command needs: the one named by CreateTask, else the task's own. */
export function boardIdForTaskCommand(command: TaskCommand, task: TaskState): string | null {
  if (command.type === 'CreateTask') return command.data.boardId;
  return task.status === 'initial' ? null : task.boardId;
}

function boardEventsFor(event: TaskEvent): BoardEvent[] {
  const { taskId, boardId } = event.data;
  switch (event.type) {
    case 'TaskCreated':
      return [
        {
          type: 'BoardTaskAdded',
          data: { boardId, taskId, cardId: event.data.cardId, title: event.data.title },
        },
      ];
    case 'TaskRenamed':
      return [{ type: 'BoardTaskRenamed', data: { boardId, taskId, title: event.data.title } }];
    case 'TaskMoved':
      return event.data.fromCardId === event.data.toCardId
        ? []
        : [{ type: 'BoardTaskMoved', data: { boardId, taskId, cardId: event.data.toCardId } }];
    case 'TaskDeleted':
      return [{ type: 'BoardTaskRemoved', data: { boardId, taskId } }];
    default:
      return [];
  }
}
