import type { Command } from '../event';
import type { CardFlow, CardType } from './state';

export type CreateBoard = Command<
  'CreateBoard',
  { boardId: string; workspaceId: string; projectId: string; name: string; description?: string }
>;
export type RenameBoard = Command<'RenameBoard', { boardId: string; name: string }>;
export type DescribeBoard = Command<'DescribeBoard', { boardId: string; description: string }>;
export type DeleteBoard = Command<'DeleteBoard', { boardId: string }>;

/**
 * `after`/`before` are the position keys of the neighbours the card goes between (null or
 * missing = that end); with neither given the card goes last.
 */
export type AddCard = Command<
  'AddCard',
  {
    boardId: string;
    cardId: string;
    name: string;
    type: CardType;
    after?: string | null;
    before?: string | null;
  }
>;
export type RenameCard = Command<'RenameCard', { boardId: string; cardId: string; name: string }>;
export type ChangeCardType = Command<
  'ChangeCardType',
  { boardId: string; cardId: string; type: CardType }
>;
export type MoveCard = Command<
  'MoveCard',
  { boardId: string; cardId: string; after?: string | null; before?: string | null }
>;
export type DeleteCard = Command<'DeleteCard', { boardId: string; cardId: string }>;
/** Owners and admins: what the card counts as in flow charts (null: as its type says). */
export type SetCardFlow = Command<
  'SetCardFlow',
  { boardId: string; cardId: string; flow: CardFlow | null }
>;
/** Owners and admins: the IANA time zone the board's charts count days in. */
export type SetBoardTimeZone = Command<'SetBoardTimeZone', { boardId: string; timeZone: string }>;

export type BoardCommand =
  | CreateBoard
  | RenameBoard
  | DescribeBoard
  | DeleteBoard
  | AddCard
  | RenameCard
  | ChangeCardType
  | MoveCard
  | DeleteCard
  | SetCardFlow
  | SetBoardTimeZone;
