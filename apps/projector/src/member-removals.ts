import type { MemberRemoved } from '@taskomask/contracts/realtime';
import type { RecordedEvent, WorkspaceView } from '@taskomask/domain';
import type { Projection } from '@taskomask/read-models';

/**
 * Wraps a projection so that each member who loses a workspace it applies (MemberRemoved, or
 * every member of a WorkspaceDeleted, as the read model knew them just before) is handed to
 * `found`. Like findingCompletions, the caller keeps them until the batch committed: only then
 * does the read store say they are no longer members.
 */
export function findingRemovals<Notice>(
  project: Projection<Notice>,
  found: (removed: MemberRemoved) => void,
): Projection<Notice> {
  return async (event: RecordedEvent, docs) => {
    const position = event.globalPosition;
    if (event.type === 'MemberRemoved') {
      const { workspaceId, ownerId } = event.data as { workspaceId: string; ownerId: string };
      found({ workspaceId, ownerId, position });
    } else if (event.type === 'WorkspaceDeleted') {
      const { workspaceId } = event.data as { workspaceId: string };
      const workspace = await docs.get<WorkspaceView>('workspaces', workspaceId);
      for (const m of workspace?.members ?? []) {
        found({ workspaceId, ownerId: m.ownerId, position });
      }
    }
    return project(event, docs);
  };
}
