import type { Event } from '../event';
import type { AccountRole } from './state';

export type OwnerWorkspaceAdded = Event<
  'OwnerWorkspaceAdded',
  { ownerId: string; workspaceId: string; name: string }
>;
export type OwnerWorkspaceRenamed = Event<
  'OwnerWorkspaceRenamed',
  { ownerId: string; workspaceId: string; name: string }
>;
export type OwnerWorkspaceRemoved = Event<
  'OwnerWorkspaceRemoved',
  { ownerId: string; workspaceId: string }
>;

export type OwnerRegistryEvent =
  | OwnerWorkspaceAdded
  | OwnerWorkspaceRenamed
  | OwnerWorkspaceRemoved;

// Account events travel to the bus and the read models: they never carry a password, a hash or
// any other secret. `email` is normalised (trimmed, lower case).
export type OwnerRegistered = Event<
  'OwnerRegistered',
  { ownerId: string; displayName: string; email: string; role: AccountRole }
>;
export type OwnerProfileUpdated = Event<
  'OwnerProfileUpdated',
  { ownerId: string; displayName: string; email: string }
>;
export type OwnerPasswordChanged = Event<'OwnerPasswordChanged', { ownerId: string }>;
export type OwnerAdminGranted = Event<'OwnerAdminGranted', { ownerId: string }>;
export type OwnerAdminRevoked = Event<'OwnerAdminRevoked', { ownerId: string }>;
export type OwnerDeactivated = Event<'OwnerDeactivated', { ownerId: string }>;
export type OwnerReactivated = Event<'OwnerReactivated', { ownerId: string }>;

export type OwnerAccountEvent =
  | OwnerRegistered
  | OwnerProfileUpdated
  | OwnerPasswordChanged
  | OwnerAdminGranted
  | OwnerAdminRevoked
  | OwnerDeactivated
  | OwnerReactivated;

export type OwnerEvent = OwnerRegistryEvent | OwnerAccountEvent;
