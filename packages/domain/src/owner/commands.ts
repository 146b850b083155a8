import type { Command } from '../event';
import type { AccountRole } from './state';

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

export type OwnerRegistryCommand = AddOwnerWorkspace | RenameOwnerWorkspace | RemoveOwnerWorkspace;

// The account: issued by the identity service (registration, profile, password) and by account
// admins (roles, deactivation). Passwords never appear here: the identity service keeps them.

/**
 * `role` is only set by trusted shell code (the create-admin CLI); the first account of an empty
 * system is admin whatever it says (see decideRegistration).
 */
export type RegisterOwner = Command<
  'RegisterOwner',
  { ownerId: string; displayName: string; email: string; role?: AccountRole }
>;
export type UpdateOwnerProfile = Command<
  'UpdateOwnerProfile',
  { ownerId: string; displayName: string; email: string }
>;
/** Records that the owner changed their password; the hash stays in identity's credential store. */
export type ChangeOwnerPassword = Command<'ChangeOwnerPassword', { ownerId: string }>;
export type GrantAdmin = Command<'GrantAdmin', { ownerId: string }>;
export type RevokeAdmin = Command<'RevokeAdmin', { ownerId: string }>;
export type DeactivateOwner = Command<'DeactivateOwner', { ownerId: string }>;
export type ReactivateOwner = Command<'ReactivateOwner', { ownerId: string }>;

/** Account commands an existing account receives (registration has its own decision). */
export type OwnerAccountCommand =
  | UpdateOwnerProfile
  | ChangeOwnerPassword
  | GrantAdmin
  | RevokeAdmin
  | DeactivateOwner
  | ReactivateOwner;

export type OwnerCommand = OwnerRegistryCommand | RegisterOwner | OwnerAccountCommand;
