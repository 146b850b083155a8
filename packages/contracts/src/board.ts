import {
  cardFlow,
  cardType,
  changesSomething,
  description,
  name,
  positionKey,
  timeZone,
  uuid,
} from './fields';
import { named } from './registry';
import { z } from './zod';

const atLeastOne = { error: 'must change at least one field' } as const;

export const BoardParams = z.strictObject({ boardId: uuid() });
export const CardParams = z.strictObject({ boardId: uuid(), cardId: uuid() });

export const CreateBoardBody = named(
  'CreateBoardBody',
  'A new board in a project; names are unique per project.',
  z.strictObject({ name: name(), description: description().optional() }),
);

export const UpdateBoardBody = named(
  'UpdateBoardBody',
  'Renames and/or describes a board; owners and admins may set its time zone (for its charts).',
  z
    .strictObject({
      name: name().optional(),
      description: description().optional(),
      timeZone: timeZone().optional(),
    })
    .refine(changesSomething, atLeastOne)
    .meta({ minProperties: 1 }),
);

const neighbours = {
  after: positionKey().describe('position key of the card or task to go after (null: first)'),
  before: positionKey().describe('position key of the card or task to go before (null: last)'),
};

export const AddCardBody = named(
  'AddCardBody',
  'A new column; at most 10 a board, names unique per board. Without neighbours it goes last.',
  z.strictObject({ name: name(), type: cardType(), ...neighbours }),
);

export const UpdateCardBody = named(
  'UpdateCardBody',
  'Renames a card and/or changes its type; owners and admins may set what it counts as in flow charts.',
  z
    .strictObject({
      name: name().optional(),
      type: cardType().optional(),
      flow: cardFlow().optional(),
    })
    .refine(changesSomething, atLeastOne)
    .meta({ minProperties: 1 }),
);

export const MoveCardBody = named(
  'MoveCardBody',
  'Moves a card between two neighbours (by their position keys); with neither it goes last.',
  z.strictObject(neighbours),
);

export type CreateBoardBody = z.infer<typeof CreateBoardBody>;
export type UpdateBoardBody = z.infer<typeof UpdateBoardBody>;
export type AddCardBody = z.infer<typeof AddCardBody>;
export type UpdateCardBody = z.infer<typeof UpdateCardBody>;
export type MoveCardBody = z.infer<typeof MoveCardBody>;
