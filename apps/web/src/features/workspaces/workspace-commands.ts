import { type Role, sendCommand, type WebhookEventKind } from '@/lib/api';
import { wrote } from '@/lib/queries';

// Workspace, project, board and membership writes, in one place, named after the commands in
// the contracts' table. Each records its answer's position (see `wrote`).

export async function createWorkspace(body: { name: string; description?: string }) {
  return wrote(await sendCommand('createWorkspace', {}, body));
}

export async function createProject(
  workspaceId: string,
  body: { name: string; description?: string },
) {
  return wrote(await sendCommand('addProject', { workspaceId }, body));
}

export async function createBoard(workspaceId: string, projectId: string, name: string) {
  return wrote(await sendCommand('createBoard', { workspaceId, projectId }, { name }));
}

export async function addMember(workspaceId: string, body: { ownerId: string; role: Role }) {
  return wrote(await sendCommand('addMember', { workspaceId }, body));
}

export async function changeMemberRole(workspaceId: string, ownerId: string, role: Role) {
  return wrote(await sendCommand('changeMemberRole', { workspaceId, ownerId }, { role }));
}

export async function removeMember(workspaceId: string, ownerId: string) {
  return wrote(await sendCommand('removeMember', { workspaceId, ownerId }, undefined));
}

export async function inviteMember(workspaceId: string, body: { email: string; role: Role }) {
  return wrote(await sendCommand('inviteMember', { workspaceId }, body));
}

export async function revokeInvitation(workspaceId: string, invitationId: string) {
  return wrote(await sendCommand('revokeInvitation', { workspaceId, invitationId }, undefined));
}

export async function acceptInvitation(invitationId: string) {
  return wrote(await sendCommand('acceptInvitation', { invitationId }, undefined));
}

export async function declineInvitation(invitationId: string) {
  return wrote(await sendCommand('declineInvitation', { invitationId }, undefined));
}

export async function createWebhook(
  workspaceId: string,
  body: { url: string; secret: string; eventKinds: WebhookEventKind[] },
) {
  return wrote(await sendCommand('createWebhook', { workspaceId }, body));
}

export async function deleteWebhook(workspaceId: string, webhookId: string) {
  return wrote(await sendCommand('deleteWebhook', { workspaceId, webhookId }, undefined));
}

export async function redeliverWebhook(workspaceId: string, webhookId: string, deliveryId: string) {
  return wrote(
    await sendCommand('redeliverWebhook', { workspaceId, webhookId, deliveryId }, undefined),
  );
}
