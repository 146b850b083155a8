import { AlreadyExists, NotFoundError, RuleViolation, ValidationError } from '../errors';
import { limits } from '../limits';
import { positionAfterAll, positionBetween } from '../position';
import {
  isNameTaken,
  requireDescription,
  requireDistinct,
  requireId,
  requireName,
} from '../validation';
import { authorize, requireActiveWorkspace } from '../workspace/permissions';
import type { ActiveWorkspace, WorkspaceState } from '../workspace/state';
import type {
  AddCard,
  BoardCommand,
  ChangeCardType,
  CreateBoard,
  DeleteBoard,
  DeleteCard,
  DescribeBoard,
  MoveCard,
  RenameBoard,
  RenameCard,
  SetBoardTimeZone,
  SetCardFlow,
} from './commands';
import type { BoardEvent } from './events';
import {
  type ActiveBoard,
  type BoardState,
  type CardFlow,
  type CardType,
  cardFlows,
  cardTypes,
  requireActiveBoard,
  requireCard,
  requireSameWorkspace,
} from './state';

/** The board's workspace: who may act, and the project registry that keeps board names unique. */
export type BoardContext = Readonly<{ workspace: WorkspaceState }>;

export function decideBoard(
  command: BoardCommand,
  state: BoardState,
  context: BoardContext,
): BoardEvent[] {
  switch (command.type) {
    case 'CreateBoard':
      return createBoard(command, state, context);
    case 'RenameBoard':
      return renameBoard(command, state, context);
    case 'DescribeBoard':
      return describeBoard(command, state, context);
    case 'DeleteBoard':
      return deleteBoard(command, state, context);
    case 'AddCard':
      return addCard(command, state, context);
    case 'RenameCard':
      return renameCard(command, state, context);
    case 'ChangeCardType':
      return changeCardType(command, state, context);
    case 'MoveCard':
      return moveCard(command, state, context);
    case 'DeleteCard':
      return deleteCard(command, state, context);
    case 'SetCardFlow':
      return setCardFlow(command, state, context);
    case 'SetBoardTimeZone':
      return setBoardTimeZone(command, state, context);
    default: {
      const unknown: never = command;
      throw new Error(`unknown board command ${(unknown as { type: string }).type}`);
    }
  }
}

/** The live board whose workspace lets the actor write boards. */
function writableBoard(
  state: BoardState,
  command: BoardCommand,
  context: BoardContext,
): ActiveBoard {
  const board = requireActiveBoard(state, command.data.boardId);
  requireSameWorkspace(board, context.workspace);
  authorize(context.workspace, command.metadata.userId, 'boards:write');
  return board;
}

function requireCardType(value: unknown): CardType {
  if (!cardTypes.includes(value as CardType)) {
    throw new ValidationError('type', `must be one of ${cardTypes.join(', ')}`);
  }
  return value as CardType;
}

function boardNameTaken(
  workspace: ActiveWorkspace,
  projectId: string,
  name: string,
  exceptId?: string,
): boolean {
  const project = workspace.projects.get(projectId);
  if (project === undefined) throw new NotFoundError('project', projectId);
  const siblings = [...project.boards.values()].map((b) => ({ id: b.boardId, name: b.name }));
  return isNameTaken(siblings, name, exceptId);
}

function nameTaken(kind: string, name: string): RuleViolation {
  return new RuleViolation('name_taken', `a ${kind} named "${name}" already exists here`);
}

function createBoard(command: CreateBoard, state: BoardState, context: BoardContext): BoardEvent[] {
  const { workspaceId, projectId } = command.data;
  const workspace = requireActiveWorkspace(context.workspace, workspaceId);
  const boardId = requireId('boardId', command.data.boardId);
  requireSameWorkspace({ boardId, workspaceId }, workspace);
  authorize(workspace, command.metadata.userId, 'boards:write');
  if (state.status !== 'initial') throw new AlreadyExists('board', boardId);
  const name = requireName('name', command.data.name);
  const description = requireDescription('description', command.data.description);
  requireDistinct(name, description);
  if (boardNameTaken(workspace, projectId, name)) throw nameTaken('board', name);
  return [{ type: 'BoardCreated', data: { boardId, workspaceId, projectId, name, description } }];
}

function renameBoard(command: RenameBoard, state: BoardState, context: BoardContext): BoardEvent[] {
  const board = writableBoard(state, command, context);
  const name = requireName('name', command.data.name);
  if (name === board.name) return [];
  requireDistinct(name, board.description, 'name');
  const workspace = requireActiveWorkspace(context.workspace);
  if (boardNameTaken(workspace, board.projectId, name, board.boardId)) {
    throw nameTaken('board', name);
  }
  return [
    { type: 'BoardRenamed', data: { boardId: board.boardId, name, previousName: board.name } },
  ];
}

function describeBoard(
  command: DescribeBoard,
  state: BoardState,
  context: BoardContext,
): BoardEvent[] {
  const board = writableBoard(state, command, context);
  const description = requireDescription('description', command.data.description);
  if (description === board.description) return [];
  requireDistinct(board.name, description);
  return [{ type: 'BoardDescribed', data: { boardId: board.boardId, description } }];
}

function deleteBoard(command: DeleteBoard, state: BoardState, context: BoardContext): BoardEvent[] {
  const board = writableBoard(state, command, context);
  // An archive: task streams stay as they are, and every task command then finds no board.
  return [
    {
      type: 'BoardDeleted',
      data: {
        boardId: board.boardId,
        workspaceId: board.workspaceId,
        projectId: board.projectId,
        name: board.name,
      },
    },
  ];
}

function cardNameTaken(board: ActiveBoard, name: string, exceptId?: string): boolean {
  const siblings = [...board.cards.values()].map((c) => ({ id: c.cardId, name: c.name }));
  return isNameTaken(siblings, name, exceptId);
}

/** Between the given neighbours, or after every other card when none is given. */
function cardPosition(
  board: ActiveBoard,
  cardId: string,
  after: string | null | undefined,
  before: string | null | undefined,
): string {
  if ((after ?? null) === null && (before ?? null) === null) {
    const others = [...board.cards.values()].filter((c) => c.cardId !== cardId);
    return positionAfterAll(
      others.map((c) => c.position),
      cardId,
    );
  }
  return positionBetween(after, before, cardId);
}

function addCard(command: AddCard, state: BoardState, context: BoardContext): BoardEvent[] {
  const board = writableBoard(state, command, context);
  const cardId = requireId('cardId', command.data.cardId);
  if (board.cards.has(cardId)) throw new AlreadyExists('card', cardId);
  const name = requireName('name', command.data.name);
  const type = requireCardType(command.data.type);
  if (board.cards.size >= limits.cardsPerBoard) {
    throw new RuleViolation('card_limit', `a board holds at most ${limits.cardsPerBoard} cards`);
  }
  if (cardNameTaken(board, name)) throw nameTaken('card', name);
  const position = cardPosition(board, cardId, command.data.after, command.data.before);
  return [{ type: 'CardAdded', data: { boardId: board.boardId, cardId, name, type, position } }];
}

function renameCard(command: RenameCard, state: BoardState, context: BoardContext): BoardEvent[] {
  const board = writableBoard(state, command, context);
  const card = requireCard(board, command.data.cardId);
  const name = requireName('name', command.data.name);
  if (name === card.name) return [];
  if (cardNameTaken(board, name, card.cardId)) throw nameTaken('card', name);
  return [
    {
      type: 'CardRenamed',
      data: { boardId: board.boardId, cardId: card.cardId, name, previousName: card.name },
    },
  ];
}

function changeCardType(
  command: ChangeCardType,
  state: BoardState,
  context: BoardContext,
): BoardEvent[] {
  const board = writableBoard(state, command, context);
  const card = requireCard(board, command.data.cardId);
  const type = requireCardType(command.data.type);
  if (type === card.type) return [];
  return [
    {
      type: 'CardTypeChanged',
      data: {
        boardId: board.boardId,
        cardId: card.cardId,
        name: card.name,
        type,
        previousType: card.type,
      },
    },
  ];
}

function moveCard(command: MoveCard, state: BoardState, context: BoardContext): BoardEvent[] {
  const board = writableBoard(state, command, context);
  const card = requireCard(board, command.data.cardId);
  const position = cardPosition(board, card.cardId, command.data.after, command.data.before);
  return [
    {
      type: 'CardMoved',
      data: { boardId: board.boardId, cardId: card.cardId, name: card.name, position },
    },
  ];
}

function deleteCard(command: DeleteCard, state: BoardState, context: BoardContext): BoardEvent[] {
  const board = writableBoard(state, command, context);
  const card = requireCard(board, command.data.cardId);
  // That no task is on the card is checked at the append (decideBoardInProject's condition).
  return [
    { type: 'CardDeleted', data: { boardId: board.boardId, cardId: card.cardId, name: card.name } },
  ];
}

/** The live board whose workspace lets the actor manage it (owners and admins). */
function managedBoard(
  state: BoardState,
  command: BoardCommand,
  context: BoardContext,
): ActiveBoard {
  const board = requireActiveBoard(state, command.data.boardId);
  requireSameWorkspace(board, context.workspace);
  authorize(context.workspace, command.metadata.userId, 'workspace:manage');
  return board;
}

function requireFlow(value: unknown): CardFlow | null {
  if (value === null) return null;
  if (!cardFlows.includes(value as CardFlow)) {
    throw new ValidationError('flow', `must be null or one of ${cardFlows.join(', ')}`);
  }
  return value as CardFlow;
}

function setCardFlow(command: SetCardFlow, state: BoardState, context: BoardContext): BoardEvent[] {
  const board = managedBoard(state, command, context);
  const card = requireCard(board, command.data.cardId);
  const flow = requireFlow(command.data.flow);
  const previousFlow = card.flow ?? null;
  if (flow === previousFlow) return [];
  return [
    {
      type: 'CardFlowSet',
      data: { boardId: board.boardId, cardId: card.cardId, name: card.name, flow, previousFlow },
    },
  ];
}

/** An IANA zone name the runtime knows (Intl refuses the rest). */
export function isTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

function setBoardTimeZone(
  command: SetBoardTimeZone,
  state: BoardState,
  context: BoardContext,
): BoardEvent[] {
  const board = managedBoard(state, command, context);
  const { timeZone } = command.data;
  if (!isTimeZone(timeZone)) throw new ValidationError('timeZone', 'must be an IANA time zone');
  const previousTimeZone = board.timeZone ?? null;
  if (timeZone === previousTimeZone) return [];
  return [
    { type: 'BoardTimeZoneSet', data: { boardId: board.boardId, timeZone, previousTimeZone } },
  ];
}
