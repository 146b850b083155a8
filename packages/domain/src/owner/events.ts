import type { Event } from '../event';

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

export type OwnerEvent = OwnerWorkspaceAdded | OwnerWorkspaceRenamed | OwnerWorkspaceRemoved;
