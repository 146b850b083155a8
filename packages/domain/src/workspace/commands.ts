import type { Command } from '../event';
import type { Role } from './state';

export type CreateWorkspace = Command<
  'CreateWorkspace',
  { workspaceId: string; name: string; description?: string }
>;
export type RenameWorkspace = Command<'RenameWorkspace', { workspaceId: string; name: string }>;
export type DescribeWorkspace = Command<
  'DescribeWorkspace',
  { workspaceId: string; description: string }
>;
export type DeleteWorkspace = Command<'DeleteWorkspace', { workspaceId: string }>;

export type AddMember = Command<'AddMember', { workspaceId: string; ownerId: string; role: Role }>;
export type RemoveMember = Command<'RemoveMember', { workspaceId: string; ownerId: string }>;
export type ChangeMemberRole = Command<
  'ChangeMemberRole',
  { workspaceId: string; ownerId: string; role: Role }
>;

export type AddProject = Command<
  'AddProject',
  { workspaceId: string; projectId: string; name: string; description?: string }
>;
export type RenameProject = Command<
  'RenameProject',
  { workspaceId: string; projectId: string; name: string }
>;
export type DescribeProject = Command<
  'DescribeProject',
  { workspaceId: string; projectId: string; description: string }
>;
export type DeleteProject = Command<'DeleteProject', { workspaceId: string; projectId: string }>;

// The project's board registry: decided together with the board's own event (see
// decideBoardInProject) and appended to both streams atomically.
export type AddBoardToProject = Command<
  'AddBoardToProject',
  { workspaceId: string; projectId: string; boardId: string; name: string }
>;
export type RenameBoardInProject = Command<
  'RenameBoardInProject',
  { workspaceId: string; projectId: string; boardId: string; name: string }
>;
export type RemoveBoardFromProject = Command<
  'RemoveBoardFromProject',
  { workspaceId: string; projectId: string; boardId: string }
>;

export type WorkspaceCommand =
  | CreateWorkspace
  | RenameWorkspace
  | DescribeWorkspace
  | DeleteWorkspace
  | AddMember
  | RemoveMember
  | ChangeMemberRole
  | AddProject
  | RenameProject
  | DescribeProject
  | DeleteProject
  | AddBoardToProject
  | RenameBoardInProject
  | RemoveBoardFromProject;
