import type { MembershipChanged } from '@taskomask/contracts/realtime';
import type { RecordedEvent, Role, WorkspaceView } from '@taskomask/domain';
import type { Projection } from '@taskomask/read-models';

type MemberData = { workspaceId: string; ownerId: string; role: Role };

/**
 * Wraps a projection so that each membership it applies is handed to `found`: a member added
 * (the creator of a new workspace too), given another role, or losing the workspace (MemberRemoved,
 * or every member of a WorkspaceDeleted, as the read model knew them just before: role null). Like
 * findingCompletions, the caller keeps them until the batch committed: only then does the read
 * store say what the member may now see.
 */
export function findingMembershipChanges<Notice>(
  project: Projection<Notice>,
  found: (change: MembershipChanged) => void,
): Projection<Notice> {
  return async (event: RecordedEvent, docs) => {
    const position = event.globalPosition;
    switch (event.type) {
      case 'WorkspaceCreated': {
        const { workspaceId, ownerId } = event.data as { workspaceId: string; ownerId: string };
        found({ workspaceId, ownerId, role: 'owner', position });
        break;
      }
      case 'MemberAdded':
      case 'MemberRoleChanged': {
        const { workspaceId, ownerId, role } = event.data as MemberData;
        found({ workspaceId, ownerId, role, position });
        break;
      }
      case 'MemberRemoved': {
        const { workspaceId, ownerId } = event.data as MemberData;
        found({ workspaceId, ownerId, role: null, position });
        break;
      }
      case 'WorkspaceDeleted': {
        const { workspaceId } = event.data as { workspaceId: string };
        const workspace = await docs.get<WorkspaceView>('workspaces', workspaceId);
        for (const m of workspace?.members ?? []) {
          found({ workspaceId, ownerId: m.ownerId, role: null, position });
        }
        break;
      }
    }
    return project(event, docs);
  };
}
