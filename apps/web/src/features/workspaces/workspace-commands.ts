import { command, type Role } from '@/lib/api';
import { wrote } from '@/lib/queries';

// Workspace, project, board and membership writes, in one place. Each records its answer's
// position (see `wrote`).

export async function createWorkspace(body: { name: string; description?: string }) {
  return wrote(await command('POST', '/workspaces', body));
}

export async function createProject(
  workspaceId: string,
  body: { name: string; description?: string },
) {
  return wrote(await command('POST', `/workspaces/${workspaceId}/projects`, body));
}

export async function createBoard(workspaceId: string, projectId: string, name: string) {
  return wrote(
    await command('POST', `/workspaces/${workspaceId}/projects/${projectId}/boards`, { name }),
  );
}

export async function addMember(workspaceId: string, body: { ownerId: string; role: Role }) {
  return wrote(await command('POST', `/workspaces/${workspaceId}/members`, body));
}

export async function changeMemberRole(workspaceId: string, ownerId: string, role: string) {
  return wrote(await command('PATCH', `/workspaces/${workspaceId}/members/${ownerId}`, { role }));
}

export async function removeMember(workspaceId: string, ownerId: string) {
  return wrote(await command('DELETE', `/workspaces/${workspaceId}/members/${ownerId}`));
}
