import { command, type Role } from '@/lib/api';
import { wrote } from '@/lib/queries';

// The administration writes, in one place. Each records its answer's position (see `wrote`).

export type OwnerAction = 'deactivate' | 'reactivate' | 'grant' | 'revoke';

const ownerRequests: Record<
  OwnerAction,
  { method: 'POST' | 'DELETE'; path: (id: string) => string }
> = {
  deactivate: { method: 'POST', path: (id) => `/admin/owners/${id}/deactivate` },
  reactivate: { method: 'POST', path: (id) => `/admin/owners/${id}/reactivate` },
  grant: { method: 'POST', path: (id) => `/admin/owners/${id}/admin` },
  revoke: { method: 'DELETE', path: (id) => `/admin/owners/${id}/admin` },
};

export async function actOnOwner(action: OwnerAction, ownerId: string) {
  const request = ownerRequests[action];
  return wrote(await command(request.method, request.path(ownerId)));
}

const membersPath = (workspaceId: string) => `/admin/workspaces/${workspaceId}/members`;

export async function adminChangeRole(workspaceId: string, ownerId: string, role: Role) {
  return wrote(await command('PATCH', `${membersPath(workspaceId)}/${ownerId}`, { role }));
}

export async function adminRemoveMember(workspaceId: string, ownerId: string) {
  return wrote(await command('DELETE', `${membersPath(workspaceId)}/${ownerId}`));
}

export async function adminAddMember(workspaceId: string, ownerId: string, role: Role) {
  return wrote(await command('POST', membersPath(workspaceId), { ownerId, role }));
}
