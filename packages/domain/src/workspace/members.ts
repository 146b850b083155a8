import {
  AlreadyExists,
  ForbiddenError,
  NotFoundError,
  RuleViolation,
  ValidationError,
} from '../errors';
import { requireId } from '../validation';
import type { AddMember, ChangeMemberRole, RemoveMember } from './commands';
import type { WorkspaceEvent } from './events';
import { type ActiveWorkspace, type Role, roles } from './state';

// The rules of a workspace's member list, given the authority the actor acts with: their own role
// in the workspace (decideWorkspace, after `authorize`), or an owner's authority for an account
// admin (decideMembersAsAccountAdmin). Whoever acts, a workspace keeps at least one owner.

function requireRole(value: unknown): Role {
  if (!roles.includes(value as Role)) {
    throw new ValidationError('role', `must be one of ${roles.join(', ')}`);
  }
  return value as Role;
}

function requireMember(workspace: ActiveWorkspace, ownerId: string): Role {
  const role = workspace.members.get(ownerId);
  if (role === undefined) throw new NotFoundError('member', ownerId);
  return role;
}

function ownerCount(workspace: ActiveWorkspace): number {
  let count = 0;
  for (const role of workspace.members.values()) if (role === 'owner') count++;
  return count;
}

const onlyOwnersTouchOwners = 'only an owner may grant or revoke the owner role';

const lastOwner = () => new RuleViolation('last_owner', 'a workspace must keep at least one owner');

export function addMemberWith(
  command: AddMember,
  workspace: ActiveWorkspace,
  authority: Role,
): WorkspaceEvent[] {
  const ownerId = requireId('ownerId', command.data.ownerId);
  const role = requireRole(command.data.role);
  if (role === 'owner' && authority !== 'owner') throw new ForbiddenError(onlyOwnersTouchOwners);
  if (workspace.members.has(ownerId)) throw new AlreadyExists('member', ownerId);
  return [{ type: 'MemberAdded', data: { workspaceId: workspace.workspaceId, ownerId, role } }];
}

/** `leaving`: the actor removes themselves, which any member may do (but not the last owner). */
export function removeMemberWith(
  command: RemoveMember,
  workspace: ActiveWorkspace,
  authority: Role,
): WorkspaceEvent[] {
  const { ownerId } = command.data;
  const leaving = ownerId === command.metadata.userId;
  const role = requireMember(workspace, ownerId);
  if (role === 'owner') {
    if (!leaving && authority !== 'owner') throw new ForbiddenError(onlyOwnersTouchOwners);
    if (ownerCount(workspace) === 1) throw lastOwner();
  }
  return [{ type: 'MemberRemoved', data: { workspaceId: workspace.workspaceId, ownerId, role } }];
}

export function changeMemberRoleWith(
  command: ChangeMemberRole,
  workspace: ActiveWorkspace,
  authority: Role,
): WorkspaceEvent[] {
  const { ownerId } = command.data;
  const role = requireRole(command.data.role);
  const previousRole = requireMember(workspace, ownerId);
  if (role === previousRole) return [];
  if ((role === 'owner' || previousRole === 'owner') && authority !== 'owner') {
    throw new ForbiddenError(onlyOwnersTouchOwners);
  }
  if (previousRole === 'owner' && ownerCount(workspace) === 1) throw lastOwner();
  return [
    {
      type: 'MemberRoleChanged',
      data: { workspaceId: workspace.workspaceId, ownerId, role, previousRole },
    },
  ];
}
