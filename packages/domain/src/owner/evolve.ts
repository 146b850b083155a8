import { withEntry, withoutEntry } from '../maps';
import type { OwnerEvent } from './events';
import type { OwnedWorkspace, OwnerAccount, OwnerState } from './state';

export function evolveOwner(state: OwnerState, event: OwnerEvent): OwnerState {
  const { ownerId } = event.data;
  const workspaces: ReadonlyMap<string, OwnedWorkspace> =
    state.status === 'recorded' ? state.workspaces : new Map();
  const account = state.status === 'recorded' ? state.account : null;
  const recorded = (changes: {
    workspaces?: ReadonlyMap<string, OwnedWorkspace>;
    account?: OwnerAccount | null;
  }): OwnerState => ({
    status: 'recorded',
    ownerId,
    account: changes.account === undefined ? account : changes.account,
    workspaces: changes.workspaces ?? workspaces,
  });
  // Account events before a registration cannot be decided; folding one anyway changes nothing.
  const withAccount = (update: (current: OwnerAccount) => OwnerAccount): OwnerState =>
    account === null ? state : recorded({ account: update(account) });

  switch (event.type) {
    case 'OwnerWorkspaceAdded':
    case 'OwnerWorkspaceRenamed': {
      const { workspaceId, name } = event.data;
      return recorded({ workspaces: withEntry(workspaces, workspaceId, { workspaceId, name }) });
    }
    case 'OwnerWorkspaceRemoved':
      return recorded({ workspaces: withoutEntry(workspaces, event.data.workspaceId) });
    case 'OwnerRegistered': {
      const { displayName, email, role } = event.data;
      return recorded({ account: { displayName, email, role, status: 'active' } });
    }
    case 'OwnerProfileUpdated': {
      const { displayName, email } = event.data;
      return withAccount((current) => ({ ...current, displayName, email }));
    }
    case 'OwnerPasswordChanged':
      return state;
    case 'OwnerAdminGranted':
      return withAccount((current) => ({ ...current, role: 'admin' }));
    case 'OwnerAdminRevoked':
      return withAccount((current) => ({ ...current, role: 'user' }));
    case 'OwnerDeactivated':
      return withAccount((current) => ({ ...current, status: 'deactivated' }));
    case 'OwnerReactivated':
      return withAccount((current) => ({ ...current, status: 'active' }));
    default: {
      // A type this version does not know (a newer writer): it changes nothing here.
      const _unknown: never = event;
      return state;
    }
  }
}
