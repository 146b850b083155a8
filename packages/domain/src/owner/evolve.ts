import { withEntry, withoutEntry } from '../maps';
import type { OwnerEvent } from './events';
import type { OwnerState } from './state';

export function evolveOwner(state: OwnerState, event: OwnerEvent): OwnerState {
  const { ownerId, workspaceId } = event.data;
  const workspaces = state.status === 'active' ? state.workspaces : new Map();
  switch (event.type) {
    case 'OwnerWorkspaceAdded':
    case 'OwnerWorkspaceRenamed':
      return {
        status: 'active',
        ownerId,
        workspaces: withEntry(workspaces, workspaceId, { workspaceId, name: event.data.name }),
      };
    case 'OwnerWorkspaceRemoved':
      return { status: 'active', ownerId, workspaces: withoutEntry(workspaces, workspaceId) };
    default: {
      // Identity's account events will share this stream; until handled here they change nothing.
      const _unknown: never = event;
      return state;
    }
  }
}
