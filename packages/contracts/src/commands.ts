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
import { type CommandMethod, commandPaths } from './command-paths';
import { ReadInboxBody } from './inbox';
import {
  CreatePersonalTokenBody,
  OwnerPersonalTokenParams,
  PersonalTokenParams,
} from './personal-tokens';
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
  CreateWebhookBody,
  UpdateWebhookBody,
  WebhookDeliveryParams,
  WebhookParams,
} from './webhooks';
import {
  AddMemberBody,
  AddProjectBody,
  ChangeMemberRoleBody,
  CreateWorkspaceBody,
  InvitationParams,
  InviteeParams,
  InviteMemberBody,
  MemberParams,
  ProjectParams,
  UpdateProjectBody,
  UpdateWorkspaceBody,
  WorkspaceParams,
} from './workspace';
import { z } from './zod';

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
    ...commandPaths.createWorkspace,
    params: NoParams,
    body: CreateWorkspaceBody,
  },
  updateWorkspace: {
    ...commandPaths.updateWorkspace,
    params: WorkspaceParams,
    body: UpdateWorkspaceBody,
  },
  deleteWorkspace: { ...commandPaths.deleteWorkspace, params: WorkspaceParams },
  // invitations
  inviteMember: {
    ...commandPaths.inviteMember,
    params: WorkspaceParams,
    body: InviteMemberBody,
  },
  revokeInvitation: { ...commandPaths.revokeInvitation, params: InvitationParams },
  acceptInvitation: { ...commandPaths.acceptInvitation, params: InviteeParams },
  declineInvitation: { ...commandPaths.declineInvitation, params: InviteeParams },
  // members
  addMember: {
    ...commandPaths.addMember,
    params: WorkspaceParams,
    body: AddMemberBody,
  },
  changeMemberRole: {
    ...commandPaths.changeMemberRole,
    params: MemberParams,
    body: ChangeMemberRoleBody,
  },
  removeMember: {
    ...commandPaths.removeMember,
    params: MemberParams,
  },
  // projects
  addProject: {
    ...commandPaths.addProject,
    params: WorkspaceParams,
    body: AddProjectBody,
  },
  updateProject: {
    ...commandPaths.updateProject,
    params: ProjectParams,
    body: UpdateProjectBody,
  },
  deleteProject: {
    ...commandPaths.deleteProject,
    params: ProjectParams,
  },
  // boards
  createBoard: {
    ...commandPaths.createBoard,
    params: ProjectParams,
    body: CreateBoardBody,
  },
  updateBoard: {
    ...commandPaths.updateBoard,
    params: BoardParams,
    body: UpdateBoardBody,
  },
  deleteBoard: { ...commandPaths.deleteBoard, params: BoardParams },
  // cards
  addCard: {
    ...commandPaths.addCard,
    params: BoardParams,
    body: AddCardBody,
  },
  updateCard: {
    ...commandPaths.updateCard,
    params: CardParams,
    body: UpdateCardBody,
  },
  moveCard: {
    ...commandPaths.moveCard,
    params: CardParams,
    body: MoveCardBody,
  },
  deleteCard: { ...commandPaths.deleteCard, params: CardParams },
  // tasks
  createTask: {
    ...commandPaths.createTask,
    params: BoardParams,
    body: CreateTaskBody,
  },
  updateTask: { ...commandPaths.updateTask, params: TaskParams, body: UpdateTaskBody },
  moveTask: { ...commandPaths.moveTask, params: TaskParams, body: MoveTaskBody },
  deleteTask: { ...commandPaths.deleteTask, params: TaskParams },
  addLabel: {
    ...commandPaths.addLabel,
    params: TaskParams,
    body: AddLabelBody,
  },
  removeLabel: { ...commandPaths.removeLabel, params: LabelParams },
  addChecklistItem: {
    ...commandPaths.addChecklistItem,
    params: TaskParams,
    body: AddChecklistItemBody,
  },
  updateChecklistItem: {
    ...commandPaths.updateChecklistItem,
    params: ChecklistItemParams,
    body: UpdateChecklistItemBody,
  },
  removeChecklistItem: {
    ...commandPaths.removeChecklistItem,
    params: ChecklistItemParams,
  },
  // comments
  addComment: {
    ...commandPaths.addComment,
    params: TaskParams,
    body: AddCommentBody,
  },
  editComment: {
    ...commandPaths.editComment,
    params: CommentParams,
    body: EditCommentBody,
  },
  deleteComment: {
    ...commandPaths.deleteComment,
    params: CommentParams,
  },
  // account admins
  adminDeactivateOwner: {
    ...commandPaths.adminDeactivateOwner,
    params: OwnerParams,
  },
  adminReactivateOwner: {
    ...commandPaths.adminReactivateOwner,
    params: OwnerParams,
  },
  adminGrantAdmin: { ...commandPaths.adminGrantAdmin, params: OwnerParams },
  adminRevokeAdmin: { ...commandPaths.adminRevokeAdmin, params: OwnerParams },
  adminAddMember: {
    ...commandPaths.adminAddMember,
    params: WorkspaceParams,
    body: AddMemberBody,
  },
  adminChangeMemberRole: {
    ...commandPaths.adminChangeMemberRole,
    params: MemberParams,
    body: ChangeMemberRoleBody,
  },
  adminRemoveMember: {
    ...commandPaths.adminRemoveMember,
    params: MemberParams,
  },
  // inbox
  readInbox: { ...commandPaths.readInbox, params: NoParams, body: ReadInboxBody },
  // personal API tokens
  createPersonalToken: {
    ...commandPaths.createPersonalToken,
    params: NoParams,
    body: CreatePersonalTokenBody,
  },
  revokePersonalToken: { ...commandPaths.revokePersonalToken, params: PersonalTokenParams },
  adminRevokePersonalToken: {
    ...commandPaths.adminRevokePersonalToken,
    params: OwnerPersonalTokenParams,
  },
  // webhooks
  createWebhook: {
    ...commandPaths.createWebhook,
    params: WorkspaceParams,
    body: CreateWebhookBody,
  },
  updateWebhook: { ...commandPaths.updateWebhook, params: WebhookParams, body: UpdateWebhookBody },
  deleteWebhook: { ...commandPaths.deleteWebhook, params: WebhookParams },
  redeliverWebhook: { ...commandPaths.redeliverWebhook, params: WebhookDeliveryParams },
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

export { type CommandMethod, commandPaths, commandRequest } from './command-paths';
