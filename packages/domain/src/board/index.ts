import type { Decider } from '../event';
import type { BoardCommand } from './commands';
import { type BoardContext, decideBoard } from './decide';
import type { BoardEvent } from './events';
import { evolveBoard } from './evolve';
import { type BoardState, initialBoardState } from './state';

export * from './board-in-project';
export type * from './commands';
export { type BoardContext, decideBoard, isTimeZone } from './decide';
export type * from './events';
export { evolveBoard } from './evolve';
export * from './state';
export * from './task-registry';

export const boardDecider: Decider<BoardCommand, BoardEvent, BoardState, BoardContext> = {
  initialState: initialBoardState,
  decide: decideBoard,
  evolve: evolveBoard,
};
