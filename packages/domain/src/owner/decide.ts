import { AlreadyExists, NotFoundError, RuleViolation } from '../errors';
import { isNameTaken, requireName } from '../validation';
import type { OwnerCommand } from './commands';
import type { OwnerEvent } from './events';
import type { OwnedWorkspace, OwnerState } from './state';

export function decideOwner(command: OwnerCommand, state: OwnerState): OwnerEvent[] {
  const { ownerId, workspaceId } = command.data;
  if (state.status === 'active' && state.ownerId !== ownerId) {
    throw new Error(`owner stream of ${state.ownerId} given for owner ${ownerId}`);
  }
  const workspaces: ReadonlyMap<string, OwnedWorkspace> =
    state.status === 'active' ? state.workspaces : new Map();
  const siblings = () => [...workspaces.values()].map((w) => ({ id: w.workspaceId, name: w.name }));

  switch (command.type) {
    case 'AddOwnerWorkspace': {
      if (workspaces.has(workspaceId)) throw new AlreadyExists('workspace', workspaceId);
      const name = requireName('name', command.data.name);
      if (isNameTaken(siblings(), name)) {
        throw new RuleViolation('name_taken', `you already own a workspace named "${name}"`);
      }
      return [{ type: 'OwnerWorkspaceAdded', data: { ownerId, workspaceId, name } }];
    }
    case 'RenameOwnerWorkspace': {
      const current = workspaces.get(workspaceId);
      if (current === undefined) throw new NotFoundError('workspace', workspaceId);
      const name = requireName('name', command.data.name);
      if (name === current.name) return [];
      if (isNameTaken(siblings(), name, workspaceId)) {
        throw new RuleViolation('name_taken', `you already own a workspace named "${name}"`);
      }
      return [{ type: 'OwnerWorkspaceRenamed', data: { ownerId, workspaceId, name } }];
    }
    case 'RemoveOwnerWorkspace': {
      if (!workspaces.has(workspaceId)) throw new NotFoundError('workspace', workspaceId);
      return [{ type: 'OwnerWorkspaceRemoved', data: { ownerId, workspaceId } }];
    }
    default: {
      const unknown: never = command;
      throw new Error(`unknown owner command ${(unknown as { type: string }).type}`);
    }
  }
}
