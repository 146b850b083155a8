import {
  AddCardBody,
  AddChecklistItemBody,
  AddCommentBody,
  AddLabelBody,
  AddMemberBody,
  AddProjectBody,
  BoardParams,
  CardParams,
  ChangeMemberRoleBody,
  ChecklistItemParams,
  CommentParams,
  CreateBoardBody,
  CreateTaskBody,
  CreateWorkspaceBody,
  EditCommentBody,
  LabelParams,
  MemberParams,
  MoveCardBody,
  MoveTaskBody,
  ProjectParams,
  type Scope,
  TaskParams,
  UpdateBoardBody,
  UpdateCardBody,
  UpdateChecklistItemBody,
  UpdateProjectBody,
  UpdateTaskBody,
  UpdateWorkspaceBody,
  WorkspaceParams,
} from '@taskomask/contracts';
import type { BoardCommand, EntityKind, TaskCommand, WorkspaceCommand } from '@taskomask/domain';
import { z } from 'zod';
import type { Intent, Plan } from './aggregates';

/**
 * The resource a URL names. A 404 about it, or about anything above it (its board, its
 * workspace — which is also what a non-member gets), reads the same whether the id is unknown or
 * another workspace's: `<entity> <id from the URL> not found`.
 */
export type NamedResource = Readonly<{
  entity: EntityKind;
  param: string;
  hides: readonly EntityKind[];
}>;

const workspaceResource: NamedResource = {
  entity: 'workspace',
  param: 'workspaceId',
  hides: ['workspace'],
};
const boardResource: NamedResource = {
  entity: 'board',
  param: 'boardId',
  hides: ['workspace', 'board'],
};
const taskResource: NamedResource = {
  entity: 'task',
  param: 'taskId',
  hides: ['workspace', 'board', 'task'],
};

export type CommandRoute = Readonly<{
  method: 'POST' | 'PATCH' | 'DELETE';
  url: string;
  operationId: string;
  summary: string;
  tag: 'workspaces' | 'members' | 'projects' | 'boards' | 'cards' | 'tasks' | 'comments';
  scope: Scope;
  params: z.ZodObject;
  body?: z.ZodType;
  /** 'id': the server makes an id and answers 201 with it; 'entry': 201 without one; else 200. */
  creates?: 'id' | 'entry';
  resource: NamedResource | null;
  plan: (params: unknown, body: unknown, newId: string) => Plan;
}>;

type Definition<P extends z.ZodObject, B extends z.ZodType | undefined> = Omit<
  CommandRoute,
  'params' | 'body' | 'plan'
> & {
  params: P;
  body?: B;
  plan: (
    params: z.infer<P>,
    body: B extends z.ZodType ? z.infer<B> : undefined,
    newId: string,
  ) => Plan;
};

// Typed where it is written, erased in the table: the handler parses with the same schemas.
function command<P extends z.ZodObject, B extends z.ZodType | undefined = undefined>(
  definition: Definition<P, B>,
): CommandRoute {
  return definition as unknown as CommandRoute;
}

const noParams = z.strictObject({});

type PlanOf<A extends Plan['aggregate']> = Extract<Plan, { aggregate: A }>;

const workspace = (
  workspaceId: string,
  ...commands: Intent<WorkspaceCommand>[]
): PlanOf<'workspace'> => ({ aggregate: 'workspace', workspaceId, commands });

const board = (boardId: string, ...commands: Intent<BoardCommand>[]): PlanOf<'board'> => ({
  aggregate: 'board',
  boardId,
  commands,
});

const task = (taskId: string, ...commands: Intent<TaskCommand>[]): PlanOf<'task'> => ({
  aggregate: 'task',
  taskId,
  commands,
});

/** Only the fields a PATCH names; each becomes one command, decided in this order. */
function present<T>(value: T | undefined): value is T {
  return value !== undefined;
}

export const commandRoutes: readonly CommandRoute[] = [
  // ── workspaces ────────────────────────────────────────────────────────────────────────────
  command({
    method: 'POST',
    url: '/workspaces',
    operationId: 'createWorkspace',
    summary: 'Create a workspace (the caller becomes its owner)',
    tag: 'workspaces',
    scope: 'workspaces:write',
    params: noParams,
    body: CreateWorkspaceBody,
    creates: 'id',
    resource: null,
    plan: (_, body, workspaceId) =>
      workspace(workspaceId, {
        type: 'CreateWorkspace',
        data: { workspaceId, name: body.name, description: body.description },
      }),
  }),
  command({
    method: 'PATCH',
    url: '/workspaces/:workspaceId',
    operationId: 'updateWorkspace',
    summary: 'Rename and/or describe a workspace',
    tag: 'workspaces',
    scope: 'workspaces:write',
    params: WorkspaceParams,
    body: UpdateWorkspaceBody,
    resource: workspaceResource,
    plan: ({ workspaceId }, body) =>
      workspace(
        workspaceId,
        ...[
          present(body.name)
            ? { type: 'RenameWorkspace' as const, data: { workspaceId, name: body.name } }
            : undefined,
          present(body.description)
            ? {
                type: 'DescribeWorkspace' as const,
                data: { workspaceId, description: body.description },
              }
            : undefined,
        ].filter(present),
      ),
  }),
  command({
    method: 'DELETE',
    url: '/workspaces/:workspaceId',
    operationId: 'deleteWorkspace',
    summary: 'Delete a workspace (owners only)',
    tag: 'workspaces',
    scope: 'workspaces:write',
    params: WorkspaceParams,
    resource: workspaceResource,
    plan: ({ workspaceId }) =>
      workspace(workspaceId, { type: 'DeleteWorkspace', data: { workspaceId } }),
  }),
  // ── members ───────────────────────────────────────────────────────────────────────────────
  command({
    method: 'POST',
    url: '/workspaces/:workspaceId/members',
    operationId: 'addMember',
    summary: 'Add a member with a role',
    tag: 'members',
    scope: 'workspaces:write',
    params: WorkspaceParams,
    body: AddMemberBody,
    creates: 'entry',
    resource: workspaceResource,
    plan: ({ workspaceId }, body) =>
      workspace(workspaceId, {
        type: 'AddMember',
        data: { workspaceId, ownerId: body.ownerId, role: body.role },
      }),
  }),
  command({
    method: 'PATCH',
    url: '/workspaces/:workspaceId/members/:ownerId',
    operationId: 'changeMemberRole',
    summary: "Change a member's role",
    tag: 'members',
    scope: 'workspaces:write',
    params: MemberParams,
    body: ChangeMemberRoleBody,
    resource: workspaceResource,
    plan: ({ workspaceId, ownerId }, body) =>
      workspace(workspaceId, {
        type: 'ChangeMemberRole',
        data: { workspaceId, ownerId, role: body.role },
      }),
  }),
  command({
    method: 'DELETE',
    url: '/workspaces/:workspaceId/members/:ownerId',
    operationId: 'removeMember',
    summary: 'Remove a member (or leave, with your own id)',
    tag: 'members',
    scope: 'workspaces:write',
    params: MemberParams,
    resource: workspaceResource,
    plan: ({ workspaceId, ownerId }) =>
      workspace(workspaceId, { type: 'RemoveMember', data: { workspaceId, ownerId } }),
  }),
  // ── projects ──────────────────────────────────────────────────────────────────────────────
  command({
    method: 'POST',
    url: '/workspaces/:workspaceId/projects',
    operationId: 'addProject',
    summary: 'Add a project to a workspace',
    tag: 'projects',
    scope: 'workspaces:write',
    params: WorkspaceParams,
    body: AddProjectBody,
    creates: 'id',
    resource: workspaceResource,
    plan: ({ workspaceId }, body, projectId) =>
      workspace(workspaceId, {
        type: 'AddProject',
        data: { workspaceId, projectId, name: body.name, description: body.description },
      }),
  }),
  command({
    method: 'PATCH',
    url: '/workspaces/:workspaceId/projects/:projectId',
    operationId: 'updateProject',
    summary: 'Rename and/or describe a project',
    tag: 'projects',
    scope: 'workspaces:write',
    params: ProjectParams,
    body: UpdateProjectBody,
    resource: workspaceResource,
    plan: ({ workspaceId, projectId }, body) =>
      workspace(
        workspaceId,
        ...[
          present(body.name)
            ? { type: 'RenameProject' as const, data: { workspaceId, projectId, name: body.name } }
            : undefined,
          present(body.description)
            ? {
                type: 'DescribeProject' as const,
                data: { workspaceId, projectId, description: body.description },
              }
            : undefined,
        ].filter(present),
      ),
  }),
  command({
    method: 'DELETE',
    url: '/workspaces/:workspaceId/projects/:projectId',
    operationId: 'deleteProject',
    summary: 'Delete a project without boards',
    tag: 'projects',
    scope: 'workspaces:write',
    params: ProjectParams,
    resource: workspaceResource,
    plan: ({ workspaceId, projectId }) =>
      workspace(workspaceId, { type: 'DeleteProject', data: { workspaceId, projectId } }),
  }),
  // ── boards ────────────────────────────────────────────────────────────────────────────────
  command({
    method: 'POST',
    url: '/workspaces/:workspaceId/projects/:projectId/boards',
    operationId: 'createBoard',
    summary: 'Create a board in a project (If-Match: the workspace version)',
    tag: 'boards',
    scope: 'boards:write',
    params: ProjectParams,
    body: CreateBoardBody,
    creates: 'id',
    resource: workspaceResource,
    plan: ({ workspaceId, projectId }, body, boardId) => ({
      ...board(boardId, {
        type: 'CreateBoard',
        data: { boardId, workspaceId, projectId, name: body.name, description: body.description },
      }),
      ifMatchOn: 'workspace',
    }),
  }),
  command({
    method: 'PATCH',
    url: '/boards/:boardId',
    operationId: 'updateBoard',
    summary: 'Rename and/or describe a board',
    tag: 'boards',
    scope: 'boards:write',
    params: BoardParams,
    body: UpdateBoardBody,
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
        ].filter(present),
      ),
  }),
  command({
    method: 'DELETE',
    url: '/boards/:boardId',
    operationId: 'deleteBoard',
    summary: 'Delete (archive) a board',
    tag: 'boards',
    scope: 'boards:write',
    params: BoardParams,
    resource: boardResource,
    plan: ({ boardId }) => board(boardId, { type: 'DeleteBoard', data: { boardId } }),
  }),
  // ── cards ─────────────────────────────────────────────────────────────────────────────────
  command({
    method: 'POST',
    url: '/boards/:boardId/cards',
    operationId: 'addCard',
    summary: 'Add a card (column) to a board',
    tag: 'cards',
    scope: 'boards:write',
    params: BoardParams,
    body: AddCardBody,
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
  command({
    method: 'PATCH',
    url: '/boards/:boardId/cards/:cardId',
    operationId: 'updateCard',
    summary: 'Rename a card and/or change its type',
    tag: 'cards',
    scope: 'boards:write',
    params: CardParams,
    body: UpdateCardBody,
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
        ].filter(present),
      ),
  }),
  command({
    method: 'POST',
    url: '/boards/:boardId/cards/:cardId/move',
    operationId: 'moveCard',
    summary: 'Move a card between two others',
    tag: 'cards',
    scope: 'boards:write',
    params: CardParams,
    body: MoveCardBody,
    resource: boardResource,
    plan: ({ boardId, cardId }, body) =>
      board(boardId, {
        type: 'MoveCard',
        data: { boardId, cardId, after: body.after, before: body.before },
      }),
  }),
  command({
    method: 'DELETE',
    url: '/boards/:boardId/cards/:cardId',
    operationId: 'deleteCard',
    summary: 'Delete a card without tasks',
    tag: 'cards',
    scope: 'boards:write',
    params: CardParams,
    resource: boardResource,
    plan: ({ boardId, cardId }) =>
      board(boardId, { type: 'DeleteCard', data: { boardId, cardId } }),
  }),
  // ── tasks ─────────────────────────────────────────────────────────────────────────────────
  command({
    method: 'POST',
    url: '/boards/:boardId/tasks',
    operationId: 'createTask',
    summary: 'Create a task on a card of the board (If-Match: the board version)',
    tag: 'tasks',
    scope: 'tasks:write',
    params: BoardParams,
    body: CreateTaskBody,
    creates: 'id',
    resource: boardResource,
    plan: ({ boardId }, body, taskId) => ({
      ...task(taskId, {
        type: 'CreateTask',
        data: {
          taskId,
          boardId,
          cardId: body.cardId,
          title: body.title,
          description: body.description,
          after: body.after,
          before: body.before,
        },
      }),
      ifMatchOn: 'board',
    }),
  }),
  command({
    method: 'PATCH',
    url: '/tasks/:taskId',
    operationId: 'updateTask',
    summary: 'Change title, description, assignee and/or due date',
    tag: 'tasks',
    scope: 'tasks:write',
    params: TaskParams,
    body: UpdateTaskBody,
    resource: taskResource,
    plan: ({ taskId }, body) =>
      task(
        taskId,
        ...[
          present(body.title)
            ? { type: 'RenameTask' as const, data: { taskId, title: body.title } }
            : undefined,
          present(body.description)
            ? { type: 'DescribeTask' as const, data: { taskId, description: body.description } }
            : undefined,
          body.assigneeId === null
            ? { type: 'UnassignTask' as const, data: { taskId } }
            : present(body.assigneeId)
              ? { type: 'AssignTask' as const, data: { taskId, assigneeId: body.assigneeId } }
              : undefined,
          body.dueDate === null
            ? { type: 'ClearDueDate' as const, data: { taskId } }
            : present(body.dueDate)
              ? { type: 'SetDueDate' as const, data: { taskId, dueDate: body.dueDate } }
              : undefined,
        ].filter(present),
      ),
  }),
  command({
    method: 'POST',
    url: '/tasks/:taskId/move',
    operationId: 'moveTask',
    summary: 'Move a task to a card, between two tasks',
    tag: 'tasks',
    scope: 'tasks:write',
    params: TaskParams,
    body: MoveTaskBody,
    resource: taskResource,
    plan: ({ taskId }, body) =>
      task(taskId, {
        type: 'MoveTask',
        data: { taskId, toCardId: body.toCardId, after: body.after, before: body.before },
      }),
  }),
  command({
    method: 'DELETE',
    url: '/tasks/:taskId',
    operationId: 'deleteTask',
    summary: 'Delete a task',
    tag: 'tasks',
    scope: 'tasks:write',
    params: TaskParams,
    resource: taskResource,
    plan: ({ taskId }) => task(taskId, { type: 'DeleteTask', data: { taskId } }),
  }),
  command({
    method: 'POST',
    url: '/tasks/:taskId/labels',
    operationId: 'addLabel',
    summary: 'Add a label to a task',
    tag: 'tasks',
    scope: 'tasks:write',
    params: TaskParams,
    body: AddLabelBody,
    creates: 'entry',
    resource: taskResource,
    plan: ({ taskId }, body) =>
      task(taskId, { type: 'AddLabel', data: { taskId, label: body.label } }),
  }),
  command({
    method: 'DELETE',
    url: '/tasks/:taskId/labels/:label',
    operationId: 'removeLabel',
    summary: 'Remove a label from a task (case-insensitive; URL-encode it)',
    tag: 'tasks',
    scope: 'tasks:write',
    params: LabelParams,
    resource: taskResource,
    plan: ({ taskId, label }) => task(taskId, { type: 'RemoveLabel', data: { taskId, label } }),
  }),
  command({
    method: 'POST',
    url: '/tasks/:taskId/checklist',
    operationId: 'addChecklistItem',
    summary: 'Add a checklist item',
    tag: 'tasks',
    scope: 'tasks:write',
    params: TaskParams,
    body: AddChecklistItemBody,
    creates: 'id',
    resource: taskResource,
    plan: ({ taskId }, body, itemId) =>
      task(taskId, { type: 'AddChecklistItem', data: { taskId, itemId, text: body.text } }),
  }),
  command({
    method: 'PATCH',
    url: '/tasks/:taskId/checklist/:itemId',
    operationId: 'updateChecklistItem',
    summary: 'Check or uncheck a checklist item',
    tag: 'tasks',
    scope: 'tasks:write',
    params: ChecklistItemParams,
    body: UpdateChecklistItemBody,
    resource: taskResource,
    plan: ({ taskId, itemId }, body) =>
      task(taskId, {
        type: body.done ? 'CheckChecklistItem' : 'UncheckChecklistItem',
        data: { taskId, itemId },
      }),
  }),
  command({
    method: 'DELETE',
    url: '/tasks/:taskId/checklist/:itemId',
    operationId: 'removeChecklistItem',
    summary: 'Remove a checklist item',
    tag: 'tasks',
    scope: 'tasks:write',
    params: ChecklistItemParams,
    resource: taskResource,
    plan: ({ taskId, itemId }) =>
      task(taskId, { type: 'RemoveChecklistItem', data: { taskId, itemId } }),
  }),
  // ── comments ──────────────────────────────────────────────────────────────────────────────
  command({
    method: 'POST',
    url: '/tasks/:taskId/comments',
    operationId: 'addComment',
    summary: 'Comment on a task',
    tag: 'comments',
    scope: 'tasks:write',
    params: TaskParams,
    body: AddCommentBody,
    creates: 'id',
    resource: taskResource,
    plan: ({ taskId }, body, commentId) =>
      task(taskId, { type: 'AddComment', data: { taskId, commentId, text: body.text } }),
  }),
  command({
    method: 'PATCH',
    url: '/tasks/:taskId/comments/:commentId',
    operationId: 'editComment',
    summary: 'Edit your comment',
    tag: 'comments',
    scope: 'tasks:write',
    params: CommentParams,
    body: EditCommentBody,
    resource: taskResource,
    plan: ({ taskId, commentId }, body) =>
      task(taskId, { type: 'EditComment', data: { taskId, commentId, text: body.text } }),
  }),
  command({
    method: 'DELETE',
    url: '/tasks/:taskId/comments/:commentId',
    operationId: 'deleteComment',
    summary: 'Delete a comment (its author, or an owner/admin)',
    tag: 'comments',
    scope: 'tasks:write',
    params: CommentParams,
    resource: taskResource,
    plan: ({ taskId, commentId }) =>
      task(taskId, { type: 'DeleteComment', data: { taskId, commentId } }),
  }),
];
