export type Role = 'owner' | 'admin' | 'member' | 'viewer';

export const roles: readonly Role[] = ['owner', 'admin', 'member', 'viewer'];

/** A board as its project's registry knows it: enough to keep board names unique per project. */
export type ProjectBoard = Readonly<{ boardId: string; name: string }>;

export type Project = Readonly<{
  projectId: string;
  name: string;
  description: string;
  boards: ReadonlyMap<string, ProjectBoard>;
}>;

/** A pending invitation by email; it leaves the map when accepted, declined or revoked. */
export type Invitation = Readonly<{
  invitationId: string;
  email: string;
  role: Role;
  invitedBy: string;
}>;

export type ActiveWorkspace = Readonly<{
  status: 'active';
  workspaceId: string;
  name: string;
  description: string;
  /** The creator: whose `owner-<id>` registry keeps this workspace's name unique. */
  ownerOfRecord: string;
  /** ownerId → role. */
  members: ReadonlyMap<string, Role>;
  /** Live projects only; a deleted project leaves the map. */
  projects: ReadonlyMap<string, Project>;
  /** invitationId → pending invitation. */
  invitations: ReadonlyMap<string, Invitation>;
}>;

export type WorkspaceState =
  | Readonly<{ status: 'initial' }>
  | ActiveWorkspace
  | Readonly<{ status: 'deleted'; workspaceId: string; ownerOfRecord: string }>;

export const initialWorkspaceState = (): WorkspaceState => ({ status: 'initial' });
