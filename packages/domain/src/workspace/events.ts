import type { Event } from '../event';
import type { Role } from './state';

export type WorkspaceCreated = Event<
  'WorkspaceCreated',
  { workspaceId: string; name: string; description: string; ownerId: string }
>;
export type WorkspaceRenamed = Event<
  'WorkspaceRenamed',
  { workspaceId: string; name: string; previousName: string }
>;
export type WorkspaceDescribed = Event<
  'WorkspaceDescribed',
  { workspaceId: string; description: string }
>;
export type WorkspaceDeleted = Event<'WorkspaceDeleted', { workspaceId: string; name: string }>;

export type MemberAdded = Event<
  'MemberAdded',
  { workspaceId: string; ownerId: string; role: Role }
>;
export type MemberRemoved = Event<
  'MemberRemoved',
  { workspaceId: string; ownerId: string; role: Role }
>;
export type MemberRoleChanged = Event<
  'MemberRoleChanged',
  { workspaceId: string; ownerId: string; role: Role; previousRole: Role }
>;

// Invitations by email (issue #13). `email` is normalised (trimmed, NFC, lower case). Only owners
// and admins of the workspace see invitations; the activity feed never mentions them.
export type MemberInvited = Event<
  'MemberInvited',
  { workspaceId: string; invitationId: string; email: string; role: Role; invitedBy: string }
>;
export type InvitationRevoked = Event<
  'InvitationRevoked',
  { workspaceId: string; invitationId: string; email: string }
>;
/** Appended together with the MemberAdded that makes the invitee a member. */
export type InvitationAccepted = Event<
  'InvitationAccepted',
  { workspaceId: string; invitationId: string; email: string; ownerId: string; role: Role }
>;
export type InvitationDeclined = Event<
  'InvitationDeclined',
  { workspaceId: string; invitationId: string; email: string; ownerId: string }
>;

export type ProjectAdded = Event<
  'ProjectAdded',
  { workspaceId: string; projectId: string; name: string; description: string }
>;
export type ProjectRenamed = Event<
  'ProjectRenamed',
  { workspaceId: string; projectId: string; name: string; previousName: string }
>;
export type ProjectDescribed = Event<
  'ProjectDescribed',
  { workspaceId: string; projectId: string; description: string }
>;
export type ProjectDeleted = Event<
  'ProjectDeleted',
  { workspaceId: string; projectId: string; name: string }
>;

export type ProjectBoardAdded = Event<
  'ProjectBoardAdded',
  { workspaceId: string; projectId: string; boardId: string; name: string }
>;
export type ProjectBoardRenamed = Event<
  'ProjectBoardRenamed',
  { workspaceId: string; projectId: string; boardId: string; name: string }
>;
export type ProjectBoardRemoved = Event<
  'ProjectBoardRemoved',
  { workspaceId: string; projectId: string; boardId: string }
>;

export type WorkspaceEvent =
  | WorkspaceCreated
  | WorkspaceRenamed
  | WorkspaceDescribed
  | WorkspaceDeleted
  | MemberAdded
  | MemberRemoved
  | MemberRoleChanged
  | MemberInvited
  | InvitationRevoked
  | InvitationAccepted
  | InvitationDeclined
  | ProjectAdded
  | ProjectRenamed
  | ProjectDescribed
  | ProjectDeleted
  | ProjectBoardAdded
  | ProjectBoardRenamed
  | ProjectBoardRemoved;
