import type { Condition } from '../conditions';
import type { WorkspaceCommand } from '../workspace/commands';
import { decideWorkspace } from '../workspace/decide';
import type { WorkspaceEvent } from '../workspace/events';
import type { WorkspaceState } from '../workspace/state';
import type { BoardCommand } from './commands';
import { decideBoard } from './decide';
import type { BoardEvent } from './events';
import type { BoardState } from './state';
import { cardIsEmpty, withSeed } from './task-registry';

export type BoardInProjectEvents = Readonly<{
  workspace: WorkspaceEvent[];
  board: BoardEvent[];
  /** CardDeleted: the card's task count must be 0 at the append (card_not_empty). */
  conditions: Condition[];
}>;

/**
 * Decides any board command against the board and its workspace, plus the events of the
 * project's board registry (ProjectBoardAdded/Renamed/Removed) that keep board names unique per
 * project. The shell appends both lists in one atomic multi-stream append, each with its stream's
 * expected version; an empty list means that stream is untouched (card commands touch only the
 * board). Load order: `board-<id>` first, then `workspace-<board.workspaceId>` (for CreateBoard,
 * `workspace-<command.data.workspaceId>`).
 */
export function decideBoardInProject(
  command: BoardCommand,
  states: Readonly<{ workspace: WorkspaceState; board: BoardState }>,
): BoardInProjectEvents {
  const boardEvents = decideBoard(command, states.board, { workspace: states.workspace });
  // A board command yields at most one event, so each registry command sees the loaded workspace.
  const workspaceEvents = boardEvents.flatMap((event) => {
    const registryCommand = registryCommandFor(event, states.board, command.metadata);
    return registryCommand === null ? [] : decideWorkspace(registryCommand, states.workspace);
  });
  const conditions = withSeed(
    states.board,
    boardEvents.flatMap((event) =>
      event.type === 'CardDeleted' ? [cardIsEmpty(event.data.boardId, event.data.cardId)] : [],
    ),
  );
  return { workspace: workspaceEvents, board: boardEvents, conditions };
}

function registryCommandFor(
  event: BoardEvent,
  board: BoardState,
  metadata: BoardCommand['metadata'],
): WorkspaceCommand | null {
  switch (event.type) {
    case 'BoardCreated': {
      const { workspaceId, projectId, boardId, name } = event.data;
      return {
        type: 'AddBoardToProject',
        data: { workspaceId, projectId, boardId, name },
        metadata,
      };
    }
    case 'BoardRenamed': {
      if (board.status === 'initial') return null;
      const { workspaceId, projectId } = board;
      const { boardId, name } = event.data;
      return {
        type: 'RenameBoardInProject',
        data: { workspaceId, projectId, boardId, name },
        metadata,
      };
    }
    case 'BoardDeleted': {
      const { workspaceId, projectId, boardId } = event.data;
      return {
        type: 'RemoveBoardFromProject',
        data: { workspaceId, projectId, boardId },
        metadata,
      };
    }
    default:
      return null;
  }
}
