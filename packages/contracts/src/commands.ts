import { z } from 'zod';
import { OwnerParams } from './admin';
import {
  AddCardBody,
  BoardParams,
  CardParams,
  CreateBoardBody,
  MoveCardBody,
  UpdateBoardBody,
  UpdateCardBody,
} from './board';
import {
  AddChecklistItemBody,
  AddCommentBody,
  AddLabelBody,
  ChecklistItemParams,
  CommentParams,
  CreateTaskBody,
  EditCommentBody,
  LabelParams,
  MoveTaskBody,
  TaskParams,
  UpdateChecklistItemBody,
  UpdateTaskBody,
} from './task';
import {
  AddMemberBody,
  AddProjectBody,
  ChangeMemberRoleBody,
  CreateWorkspaceBody,
  MemberParams,
  ProjectParams,
  UpdateProjectBody,
  UpdateWorkspaceBody,
  WorkspaceParams,
} from './workspace';

export type CommandMethod = 'POST' | 'PATCH' | 'DELETE';

/** One command endpoint of the command API: where it is, and what its path and body hold. */
export type CommandEndpoint = Readonly<{
  method: CommandMethod;
  /** Path template: `:name` segments are filled from the params. */
  path: string;
  params: z.ZodObject;
  body?: z.ZodType;
}>;

const NoParams = z.strictObject({});

/**
 * Every command of the command API, keyed by its name (the OpenAPI operationId). The API
 * registers its routes from this table and the web client builds its requests from it, so a
 * path or body is said once.
 */
export const commandEndpoints = {
  // workspaces
  createWorkspace: {
    method: 'POST',
    path: '/workspaces',
    params: NoParams,
    body: CreateWorkspaceBody,
  },
  updateWorkspace: {
    method: 'PATCH',
    path: '/workspaces/:workspaceId',
    params: WorkspaceParams,
    body: UpdateWorkspaceBody,
  },
  deleteWorkspace: { method: 'DELETE', path: '/workspaces/:workspaceId', params: WorkspaceParams },
  // members
  addMember: {
    method: 'POST',
    path: '/workspaces/:workspaceId/members',
    params: WorkspaceParams,
    body: AddMemberBody,
  },
  changeMemberRole: {
    method: 'PATCH',
    path: '/workspaces/:workspaceId/members/:ownerId',
    params: MemberParams,
    body: ChangeMemberRoleBody,
  },
  removeMember: {
    method: 'DELETE',
    path: '/workspaces/:workspaceId/members/:ownerId',
    params: MemberParams,
  },
  // projects
  addProject: {
    method: 'POST',
    path: '/workspaces/:workspaceId/projects',
    params: WorkspaceParams,
    body: AddProjectBody,
  },
  updateProject: {
    method: 'PATCH',
    path: '/workspaces/:workspaceId/projects/:projectId',
    params: ProjectParams,
    body: UpdateProjectBody,
  },
  deleteProject: {
    method: 'DELETE',
    path: '/workspaces/:workspaceId/projects/:projectId',
    params: ProjectParams,
  },
  // boards
  createBoard: {
    method: 'POST',
    path: '/workspaces/:workspaceId/projects/:projectId/boards',
    params: ProjectParams,
    body: CreateBoardBody,
  },
  updateBoard: {
    method: 'PATCH',
    path: '/boards/:boardId',
    params: BoardParams,
    body: UpdateBoardBody,
  },
  deleteBoard: { method: 'DELETE', path: '/boards/:boardId', params: BoardParams },
  // cards
  addCard: {
    method: 'POST',
    path: '/boards/:boardId/cards',
    params: BoardParams,
    body: AddCardBody,
  },
  updateCard: {
    method: 'PATCH',
    path: '/boards/:boardId/cards/:cardId',
    params: CardParams,
    body: UpdateCardBody,
  },
  moveCard: {
    method: 'POST',
    path: '/boards/:boardId/cards/:cardId/move',
    params: CardParams,
    body: MoveCardBody,
  },
  deleteCard: { method: 'DELETE', path: '/boards/:boardId/cards/:cardId', params: CardParams },
  // tasks
  createTask: {
    method: 'POST',
    path: '/boards/:boardId/tasks',
    params: BoardParams,
    body: CreateTaskBody,
  },
  updateTask: { method: 'PATCH', path: '/tasks/:taskId', params: TaskParams, body: UpdateTaskBody },
  moveTask: { method: 'POST', path: '/tasks/:taskId/move', params: TaskParams, body: MoveTaskBody },
  deleteTask: { method: 'DELETE', path: '/tasks/:taskId', params: TaskParams },
  addLabel: {
    method: 'POST',
    path: '/tasks/:taskId/labels',
    params: TaskParams,
    body: AddLabelBody,
  },
  removeLabel: { method: 'DELETE', path: '/tasks/:taskId/labels/:label', params: LabelParams },
  addChecklistItem: {
    method: 'POST',
    path: '/tasks/:taskId/checklist',
    params: TaskParams,
    body: AddChecklistItemBody,
  },
  updateChecklistItem: {
    method: 'PATCH',
    path: '/tasks/:taskId/checklist/:itemId',
    params: ChecklistItemParams,
    body: UpdateChecklistItemBody,
  },
  removeChecklistItem: {
    method: 'DELETE',
    path: '/tasks/:taskId/checklist/:itemId',
    params: ChecklistItemParams,
  },
  // comments
  addComment: {
    method: 'POST',
    path: '/tasks/:taskId/comments',
    params: TaskParams,
    body: AddCommentBody,
  },
  editComment: {
    method: 'PATCH',
    path: '/tasks/:taskId/comments/:commentId',
    params: CommentParams,
    body: EditCommentBody,
  },
  deleteComment: {
    method: 'DELETE',
    path: '/tasks/:taskId/comments/:commentId',
    params: CommentParams,
  },
  // account admins
  adminDeactivateOwner: {
    method: 'POST',
    path: '/admin/owners/:ownerId/deactivate',
    params: OwnerParams,
  },
  adminReactivateOwner: {
    method: 'POST',
    path: '/admin/owners/:ownerId/reactivate',
    params: OwnerParams,
  },
  adminGrantAdmin: { method: 'POST', path: '/admin/owners/:ownerId/admin', params: OwnerParams },
  adminRevokeAdmin: { method: 'DELETE', path: '/admin/owners/:ownerId/admin', params: OwnerParams },
  adminAddMember: {
    method: 'POST',
    path: '/admin/workspaces/:workspaceId/members',
    params: WorkspaceParams,
    body: AddMemberBody,
  },
  adminChangeMemberRole: {
    method: 'PATCH',
    path: '/admin/workspaces/:workspaceId/members/:ownerId',
    params: MemberParams,
    body: ChangeMemberRoleBody,
  },
  adminRemoveMember: {
    method: 'DELETE',
    path: '/admin/workspaces/:workspaceId/members/:ownerId',
    params: MemberParams,
  },
} as const satisfies Record<string, CommandEndpoint>;

export type CommandEndpoints = typeof commandEndpoints;
export type CommandName = keyof CommandEndpoints;

/** What a command's path needs, as the caller writes it. */
export type CommandParams<N extends CommandName> = z.input<CommandEndpoints[N]['params']>;

/** What a command's body holds, as the caller writes it; undefined for a command without one. */
export type CommandBody<N extends CommandName> = CommandEndpoints[N] extends {
  body: infer B extends z.ZodType;
}
  ? z.input<B>
  : undefined;

/** The method and path of a command request; each param is URL-encoded into its segment. */
export function commandRequest<N extends CommandName>(
  name: N,
  params: CommandParams<N>,
): Readonly<{ method: CommandMethod; path: string }> {
  const endpoint: CommandEndpoint = commandEndpoints[name];
  const values = params as Record<string, string>;
  const path = endpoint.path.replace(/:(\w+)/g, (_, param: string) => {
    const value = values[param];
    if (value === undefined) throw new Error(`${name} needs the path parameter ${param}`);
    return encodeURIComponent(value);
  });
  return { method: endpoint.method, path };
}
