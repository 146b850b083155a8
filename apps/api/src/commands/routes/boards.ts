import { type BoardCommand, boardInProject } from '@taskomask/domain';
import { type Intent, planOf } from '../aggregates';
import { boardResource, type CommandRoute, command, present, workspaceResource } from './route';

const board = (boardId: string, ...commands: Intent<BoardCommand>[]) =>
  planOf(boardInProject, boardId, commands);

/** Boards and their cards: decided on `board-<id>` (and the project's board registry). */
export const boardRoutes: readonly CommandRoute[] = [
  command('createBoard', {
    summary: 'Create a board in a project (If-Match: the workspace version)',
    tag: 'boards',
    scope: 'boards:write',
    creates: 'id',
    resource: workspaceResource,
    plan: ({ workspaceId, projectId }, body, boardId) =>
      planOf(
        boardInProject,
        boardId,
        [
          {
            type: 'CreateBoard',
            data: {
              boardId,
              workspaceId,
              projectId,
              name: body.name,
              description: body.description,
            },
          },
        ],
        'workspace',
      ),
  }),
  command('updateBoard', {
    summary: 'Rename and/or describe a board, or set its time zone (owners and admins)',
    tag: 'boards',
    scope: 'boards:write',
    resource: boardResource,
    plan: ({ boardId }, body) =>
      board(
        boardId,
        ...[
          present(body.name)
            ? { type: 'RenameBoard' as const, data: { boardId, name: body.name } }
            : undefined,
          present(body.description)
            ? { type: 'DescribeBoard' as const, data: { boardId, description: body.description } }
            : undefined,
          present(body.timeZone)
            ? { type: 'SetBoardTimeZone' as const, data: { boardId, timeZone: body.timeZone } }
            : undefined,
        ].filter(present),
      ),
  }),
  command('deleteBoard', {
    summary: 'Delete (archive) a board',
    tag: 'boards',
    scope: 'boards:write',
    resource: boardResource,
    plan: ({ boardId }) => board(boardId, { type: 'DeleteBoard', data: { boardId } }),
  }),
  command('addCard', {
    summary: 'Add a card (column) to a board',
    tag: 'cards',
    scope: 'boards:write',
    creates: 'id',
    resource: boardResource,
    plan: ({ boardId }, body, cardId) =>
      board(boardId, {
        type: 'AddCard',
        data: {
          boardId,
          cardId,
          name: body.name,
          type: body.type,
          after: body.after,
          before: body.before,
        },
      }),
  }),
  command('updateCard', {
    summary:
      'Rename a card, change its type, or set what it counts as in charts (owners and admins)',
    tag: 'cards',
    scope: 'boards:write',
    resource: boardResource,
    plan: ({ boardId, cardId }, body) =>
      board(
        boardId,
        ...[
          present(body.name)
            ? { type: 'RenameCard' as const, data: { boardId, cardId, name: body.name } }
            : undefined,
          present(body.type)
            ? { type: 'ChangeCardType' as const, data: { boardId, cardId, type: body.type } }
            : undefined,
          body.flow !== undefined
            ? { type: 'SetCardFlow' as const, data: { boardId, cardId, flow: body.flow } }
            : undefined,
        ].filter(present),
      ),
  }),
  command('moveCard', {
    summary: 'Move a card between two others',
    tag: 'cards',
    scope: 'boards:write',
    resource: boardResource,
    plan: ({ boardId, cardId }, body) =>
      board(boardId, {
        type: 'MoveCard',
        data: { boardId, cardId, after: body.after, before: body.before },
      }),
  }),
  command('deleteCard', {
    summary: 'Delete a card without tasks',
    tag: 'cards',
    scope: 'boards:write',
    resource: boardResource,
    plan: ({ boardId, cardId }) =>
      board(boardId, { type: 'DeleteCard', data: { boardId, cardId } }),
  }),
];
