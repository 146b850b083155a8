import type { InvitationView, WorkspaceView } from '@taskomask/domain';
import type { DocCache } from './doc-cache';

/**
 * One per pending invitation, found by the invited `email`: what "my invitations" lists. Mirrors
 * the workspace document's invitations; a deleted workspace keeps none.
 */
export type InvitationDoc = InvitationView & { workspaceId: string };

export function mirrorInvitations(
  before: WorkspaceView,
  after: WorkspaceView,
  position: number,
  docs: DocCache,
): void {
  const was = before.invitations ?? [];
  const now = after.status === 'deleted' ? [] : (after.invitations ?? []);
  for (const invitation of was) {
    if (!now.some((n) => n.invitationId === invitation.invitationId)) {
      docs.delete('invitations', invitation.invitationId);
    }
  }
  for (const invitation of now) {
    if (was.includes(invitation) && before.status === after.status) continue;
    const doc: InvitationDoc = { ...invitation, workspaceId: after.workspaceId };
    docs.put('invitations', invitation.invitationId, doc, position, {
      email: invitation.email,
      workspaceId: after.workspaceId,
    });
  }
}
