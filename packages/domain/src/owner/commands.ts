import type { Command } from '../event';

// Issued by decideWorkspaceOfOwner alongside the workspace's own command, never by a client.
export type AddOwnerWorkspace = Command<
  'AddOwnerWorkspace',
  { ownerId: string; workspaceId: string; name: string }
>;
export type RenameOwnerWorkspace = Command<
  'RenameOwnerWorkspace',
  { ownerId: string; workspaceId: string; name: string }
>;
export type RemoveOwnerWorkspace = Command<
  'RemoveOwnerWorkspace',
  { ownerId: string; workspaceId: string }
>;

export type OwnerCommand = AddOwnerWorkspace | RenameOwnerWorkspace | RemoveOwnerWorkspace;
