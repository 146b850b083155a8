import { NotFoundError } from '../errors';
import type { WorkspaceState } from '../workspace/state';

export type CardType = 'Backlog' | 'ToDo' | 'Doing' | 'Done';

export const cardTypes: readonly CardType[] = ['Backlog', 'ToDo', 'Doing', 'Done'];

/**
 * What a card counts as in the board's flow charts: not started yet, in progress, or done. By
 * default a card's type says it (`defaultFlow`); owners and admins may set it per card.
 */
export type CardFlow = 'waiting' | 'started' | 'done';

export const cardFlows: readonly CardFlow[] = ['waiting', 'started', 'done'];

export function defaultFlow(type: CardType): CardFlow {
  return type === 'Done' ? 'done' : type === 'Doing' ? 'started' : 'waiting';
}

export type Card = Readonly<{
  cardId: string;
  name: string;
  type: CardType;
  position: string;
  /** Set only when an owner or admin chose it; absent, the card's type decides. */
  flow?: CardFlow;
}>;

/** A task as the board's registry knows it: enough for unique titles, the limit and DeleteCard. */
export type BoardTask = Readonly<{ taskId: string; cardId: string; title: string }>;

export type ActiveBoard = Readonly<{
  status: 'active';
  boardId: string;
  workspaceId: string;
  projectId: string;
  name: string;
  description: string;
  cards: ReadonlyMap<string, Card>;
  tasks: ReadonlyMap<string, BoardTask>;
  /** IANA zone the board's charts count days in; absent: UTC. */
  timeZone?: string;
}>;

export type BoardState =
  | Readonly<{ status: 'initial' }>
  | ActiveBoard
  | Readonly<{ status: 'deleted'; boardId: string; workspaceId: string; projectId: string }>;

export const initialBoardState = (): BoardState => ({ status: 'initial' });

/** The live board, or NotFound: a deleted board is gone for its cards and tasks too. */
export function requireActiveBoard(state: BoardState, boardId = ''): ActiveBoard {
  if (state.status !== 'active') {
    throw new NotFoundError('board', state.status === 'deleted' ? state.boardId : boardId);
  }
  return state;
}

/** A shell that loaded another workspace than the board's has a bug; refuse to decide on it. */
export function requireSameWorkspace(
  board: Readonly<{ boardId: string; workspaceId: string }>,
  workspace: WorkspaceState,
): void {
  if (workspace.status !== 'initial' && workspace.workspaceId !== board.workspaceId) {
    throw new Error(
      `board ${board.boardId} belongs to workspace ${board.workspaceId}, not ${workspace.workspaceId}`,
    );
  }
}

export function requireCard(board: ActiveBoard, cardId: string): Card {
  const card = board.cards.get(cardId);
  if (card === undefined) throw new NotFoundError('card', cardId);
  return card;
}
