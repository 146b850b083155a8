import { AlreadyExists, NotFoundError, RuleViolation, ValidationError } from '../errors';
import { isNameTaken, requireName } from '../validation';
import type { OwnerCommand } from './commands';
import { normalizeEmail } from './email';
import { AccountDeactivated, OwnerAlreadyRegistered, OwnerNotFound } from './errors';
import type { OwnerEvent } from './events';
import {
  type AccountRole,
  accountRoles,
  type OwnedWorkspace,
  type OwnerAccount,
  type OwnerState,
} from './state';

/**
 * Decides any command of one owner stream. Who may issue an account command is not checked here:
 * the shell calls decideOwnerAccount / decideRegistration, which authorize and keep emails unique.
 */
export function decideOwner(command: OwnerCommand, state: OwnerState): OwnerEvent[] {
  const { ownerId } = command.data;
  if (state.status === 'recorded' && state.ownerId !== ownerId) {
    throw new Error(`owner stream of ${state.ownerId} given for owner ${ownerId}`);
  }
  const workspaces: ReadonlyMap<string, OwnedWorkspace> =
    state.status === 'recorded' ? state.workspaces : new Map();
  const siblings = () => [...workspaces.values()].map((w) => ({ id: w.workspaceId, name: w.name }));
  const account = state.status === 'recorded' ? state.account : null;
  const existing = (): OwnerAccount => {
    if (account === null) throw new OwnerNotFound(ownerId);
    return account;
  };
  const active = (): OwnerAccount => {
    const current = existing();
    if (current.status !== 'active') throw new AccountDeactivated();
    return current;
  };

  switch (command.type) {
    case 'AddOwnerWorkspace': {
      const { workspaceId } = command.data;
      if (workspaces.has(workspaceId)) throw new AlreadyExists('workspace', workspaceId);
      const name = requireName('name', command.data.name);
      if (isNameTaken(siblings(), name)) {
        throw new RuleViolation('name_taken', `you already own a workspace named "${name}"`);
      }
      return [{ type: 'OwnerWorkspaceAdded', data: { ownerId, workspaceId, name } }];
    }
    case 'RenameOwnerWorkspace': {
      const { workspaceId } = command.data;
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
      const { workspaceId } = command.data;
      if (!workspaces.has(workspaceId)) throw new NotFoundError('workspace', workspaceId);
      return [{ type: 'OwnerWorkspaceRemoved', data: { ownerId, workspaceId } }];
    }
    case 'RegisterOwner': {
      if (account !== null) throw new OwnerAlreadyRegistered(ownerId);
      const displayName = requireName('displayName', command.data.displayName);
      const email = normalizeEmail(command.data.email);
      const role = requireRole(command.data.role ?? 'user');
      return [{ type: 'OwnerRegistered', data: { ownerId, displayName, email, role } }];
    }
    case 'UpdateOwnerProfile': {
      const current = active();
      const displayName = requireName('displayName', command.data.displayName);
      const email = normalizeEmail(command.data.email);
      if (displayName === current.displayName && email === current.email) return [];
      return [{ type: 'OwnerProfileUpdated', data: { ownerId, displayName, email } }];
    }
    case 'ChangeOwnerPassword':
      active();
      return [{ type: 'OwnerPasswordChanged', data: { ownerId } }];
    case 'GrantAdmin':
      return existing().role === 'admin' ? [] : [{ type: 'OwnerAdminGranted', data: { ownerId } }];
    case 'RevokeAdmin':
      return existing().role === 'user' ? [] : [{ type: 'OwnerAdminRevoked', data: { ownerId } }];
    case 'DeactivateOwner':
      return existing().status === 'deactivated'
        ? []
        : [{ type: 'OwnerDeactivated', data: { ownerId } }];
    case 'ReactivateOwner':
      return existing().status === 'active'
        ? []
        : [{ type: 'OwnerReactivated', data: { ownerId } }];
    default: {
      const unknown: never = command;
      throw new Error(`unknown owner command ${(unknown as { type: string }).type}`);
    }
  }
}

function requireRole(value: unknown): AccountRole {
  if (!accountRoles.includes(value as AccountRole)) {
    throw new ValidationError('role', `must be one of ${accountRoles.join(', ')}`);
  }
  return value as AccountRole;
}
