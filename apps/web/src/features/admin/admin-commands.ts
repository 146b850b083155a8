import { type Role, sendCommand } from '@/lib/api';
import { wrote } from '@/lib/queries';

// The administration writes, in one place, named after the commands in the contracts' table.
// Each records its answer's position (see `wrote`).

export type OwnerAction = 'deactivate' | 'reactivate' | 'grant' | 'revoke';

const ownerCommands = {
  deactivate: 'adminDeactivateOwner',
  reactivate: 'adminReactivateOwner',
  grant: 'adminGrantAdmin',
  revoke: 'adminRevokeAdmin',
} as const satisfies Record<OwnerAction, string>;

export async function actOnOwner(action: OwnerAction, ownerId: string) {
  return wrote(await sendCommand(ownerCommands[action], { ownerId }, undefined));
}

export async function adminChangeRole(workspaceId: string, ownerId: string, role: Role) {
  return wrote(await sendCommand('adminChangeMemberRole', { workspaceId, ownerId }, { role }));
}

export async function adminRemoveMember(workspaceId: string, ownerId: string) {
  return wrote(await sendCommand('adminRemoveMember', { workspaceId, ownerId }, undefined));
}

export async function adminAddMember(workspaceId: string, ownerId: string, role: Role) {
  return wrote(await sendCommand('adminAddMember', { workspaceId }, { ownerId, role }));
}
