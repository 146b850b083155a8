import type { OwnerCommand } from '../owner/commands';
import { decideOwner } from '../owner/decide';
import type { OwnerEvent } from '../owner/events';
import type { OwnerState } from '../owner/state';
import type { WorkspaceCommand } from './commands';
import { decideWorkspace } from './decide';
import type { WorkspaceEvent } from './events';
import type { WorkspaceState } from './state';

export type WorkspaceOfOwnerEvents = Readonly<{
  workspace: WorkspaceEvent[];
  owner: OwnerEvent[];
}>;

/**
 * Whose `owner-<id>` stream a workspace command also writes: the creator's for CreateWorkspace,
 * the workspace's owner of record (its creator) for RenameWorkspace and DeleteWorkspace, and
 * nobody's (null) for every other command.
 */
export function ownerRegistryIdFor(
  command: WorkspaceCommand,
  workspace: WorkspaceState,
): string | null {
  switch (command.type) {
    case 'CreateWorkspace':
      return command.metadata.userId;
    case 'RenameWorkspace':
    case 'DeleteWorkspace':
      return workspace.status === 'initial' ? null : workspace.ownerOfRecord;
    default:
      return null;
  }
}

/**
 * Decides any workspace command, plus the events of the owner's registry that keep workspace
 * names unique per owner. The shell loads `owner-<ownerRegistryIdFor(...)>` (or passes the
 * initial owner state when that is null) and appends both lists in one atomic multi-stream
 * append, each with its stream's expected version; an empty list means that stream is untouched.
 */
export function decideWorkspaceOfOwner(
  command: WorkspaceCommand,
  states: Readonly<{ workspace: WorkspaceState; owner: OwnerState }>,
): WorkspaceOfOwnerEvents {
  const workspaceEvents = decideWorkspace(command, states.workspace);
  const ownerId = ownerRegistryIdFor(command, states.workspace);
  // A workspace command yields at most one event, so each registry command is decided on the
  // registry as loaded.
  const ownerEvents =
    ownerId === null
      ? []
      : workspaceEvents.flatMap((event) => {
          const registryCommand = registryCommandFor(event, ownerId, command.metadata);
          return registryCommand === null ? [] : decideOwner(registryCommand, states.owner);
        });
  return { workspace: workspaceEvents, owner: ownerEvents };
}

function registryCommandFor(
  event: WorkspaceEvent,
  ownerId: string,
  metadata: WorkspaceCommand['metadata'],
): OwnerCommand | null {
  switch (event.type) {
    case 'WorkspaceCreated':
    case 'WorkspaceRenamed':
      return {
        type: event.type === 'WorkspaceCreated' ? 'AddOwnerWorkspace' : 'RenameOwnerWorkspace',
        data: { ownerId, workspaceId: event.data.workspaceId, name: event.data.name },
        metadata,
      };
    case 'WorkspaceDeleted':
      return {
        type: 'RemoveOwnerWorkspace',
        data: { ownerId, workspaceId: event.data.workspaceId },
        metadata,
      };
    default:
      return null;
  }
}
