import { ForbiddenError } from '../errors';
import { accountOf, type OwnerState } from '../owner/state';
import type { AddMember, ChangeMemberRole, RemoveMember } from './commands';
import type { WorkspaceEvent } from './events';
import { addMemberWith, changeMemberRoleWith, removeMemberWith } from './members';
import { requireActiveWorkspace } from './permissions';
import type { Role, WorkspaceState } from './state';

/** The member-list commands an account admin may issue on any workspace. */
export type AccountAdminMemberCommand = AddMember | ChangeMemberRole | RemoveMember;

/**
 * The authority an account admin manages a workspace's members with: an owner's. So they can
 * also grant and revoke the owner role — what rescues a workspace whose owners left or were
 * deactivated — and, like any owner, they cannot remove or demote the last owner.
 */
export const accountAdminAuthority: Role = 'owner';

/**
 * Decides a member-list command of an account admin, who need not be a member of the workspace.
 * The rule is checked here, not trusted from the token: the shell loads `workspace-<id>` and, as
 * `actor`, `owner-<metadata.userId>`, and only an **active** account whose role is `admin` in its
 * own event stream passes (ForbiddenError otherwise — also for a demoted admin whose access token
 * still says admin). This check comes first, so a non-admin learns nothing about the workspace.
 * Then the usual member rules apply with `accountAdminAuthority`; only the workspace stream is
 * written.
 *
 * Nothing else an account admin does on a workspace bypasses membership: the ordinary commands
 * (decideWorkspace, boards, tasks) still answer NotFound to an admin who is not a member.
 */
export function decideMembersAsAccountAdmin(
  command: AccountAdminMemberCommand,
  states: Readonly<{ workspace: WorkspaceState; actor: OwnerState }>,
): WorkspaceEvent[] {
  const actorId = command.metadata.userId;
  if (states.actor.status === 'recorded' && states.actor.ownerId !== actorId) {
    throw new Error(`owner stream of ${states.actor.ownerId} given as actor ${actorId}`);
  }
  const actor = accountOf(states.actor);
  if (actor === null || actor.status !== 'active' || actor.role !== 'admin') {
    throw new ForbiddenError('only an account admin can do this');
  }
  const workspace = requireActiveWorkspace(states.workspace, command.data.workspaceId);
  switch (command.type) {
    case 'AddMember':
      return addMemberWith(command, workspace, accountAdminAuthority);
    case 'ChangeMemberRole':
      return changeMemberRoleWith(command, workspace, accountAdminAuthority);
    case 'RemoveMember':
      return removeMemberWith(command, workspace, accountAdminAuthority);
    default: {
      const unknown: never = command;
      throw new Error(`not a member command: ${(unknown as { type: string }).type}`);
    }
  }
}
