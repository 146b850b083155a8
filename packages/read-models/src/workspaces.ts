import {
  evolveWorkspaceView,
  initialWorkspaceView,
  type RecordedEvent,
  type WorkspaceView,
} from '@taskomask/domain';
import type { DocCache } from './doc-cache';
import { mirrorInvitations } from './invitations';
import { type Membership, membershipId } from './memberships';

/** The `workspaces` document, and the `memberships` that mirror its member list. */
export async function projectWorkspace(id: string, event: RecordedEvent, docs: DocCache) {
  const before = (await docs.get<WorkspaceView>('workspaces', id)) ?? initialWorkspaceView(id);
  const after = evolveWorkspaceView(before, event);
  if (after === before) return;
  docs.put('workspaces', id, after, event.globalPosition);
  mirrorInvitations(before, after, event.globalPosition, docs);
  // Memberships mirror the member list; a deleted workspace keeps none.
  const members = after.status === 'deleted' ? [] : after.members;
  for (const m of before.members) {
    if (!members.some((n) => n.ownerId === m.ownerId)) {
      docs.delete('memberships', membershipId(id, m.ownerId));
    }
  }
  for (const m of members) {
    const previous = before.members.find((p) => p.ownerId === m.ownerId);
    if (previous?.role === m.role && before.status === after.status) continue;
    const membership: Membership = { workspaceId: id, ownerId: m.ownerId, role: m.role };
    docs.put('memberships', membershipId(id, m.ownerId), membership, event.globalPosition, {
      ownerId: m.ownerId,
      workspaceId: id,
    });
  }
}
