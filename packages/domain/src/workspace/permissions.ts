import { ForbiddenError, NotFoundError } from '../errors';
import type { ActiveWorkspace, Role, WorkspaceState } from './state';

export type Capability =
  | 'workspace:read'
  | 'workspace:manage'
  | 'workspace:delete'
  | 'members:manage'
  | 'projects:manage'
  | 'boards:write'
  | 'tasks:write'
  | 'comments:write'
  | 'comments:moderate'
  | 'webhooks:manage';

/**
 * Who may do what. Viewers only read; members work on boards, tasks and comments; admins also
 * manage members and projects and moderate comments; deleting the workspace is the owners' alone.
 * (Granting or revoking the `owner` role is further limited to owners, in the decider.)
 */
export const grants: Readonly<Record<Capability, readonly Role[]>> = {
  'workspace:read': ['owner', 'admin', 'member', 'viewer'],
  'workspace:manage': ['owner', 'admin'],
  'workspace:delete': ['owner'],
  'members:manage': ['owner', 'admin'],
  'projects:manage': ['owner', 'admin'],
  'boards:write': ['owner', 'admin', 'member'],
  'tasks:write': ['owner', 'admin', 'member'],
  'comments:write': ['owner', 'admin', 'member'],
  'comments:moderate': ['owner', 'admin'],
  'webhooks:manage': ['owner', 'admin'],
};

/** For the query side, which knows a role from its read model rather than a WorkspaceState. */
export function can(role: Role, capability: Capability): boolean {
  return grants[capability].includes(role);
}

export function roleOf(state: WorkspaceState, userId: string): Role | null {
  return state.status === 'active' ? (state.members.get(userId) ?? null) : null;
}

/** The live workspace, or NotFound: a deleted workspace is gone for every command. */
export function requireActiveWorkspace(state: WorkspaceState, workspaceId = ''): ActiveWorkspace {
  if (state.status !== 'active') {
    throw new NotFoundError(
      'workspace',
      state.status === 'deleted' ? state.workspaceId : workspaceId,
    );
  }
  return state;
}

/**
 * The actor's role when it grants `capability`. A non-member gets NotFound, exactly as for a
 * workspace that does not exist, so ids of other workspaces reveal nothing; a member whose role
 * is too weak gets Forbidden.
 */
export function authorize(state: WorkspaceState, userId: string, capability: Capability): Role {
  const workspace = requireActiveWorkspace(state);
  const role = workspace.members.get(userId);
  if (role === undefined) throw new NotFoundError('workspace', workspace.workspaceId);
  if (!can(role, capability)) {
    throw new ForbiddenError(`the ${role} role does not allow ${capability}`);
  }
  return role;
}
