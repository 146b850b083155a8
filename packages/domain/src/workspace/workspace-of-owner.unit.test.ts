import { describe, expect, it } from 'vitest';
import { NotFoundError, RuleViolation } from '../errors';
import { foldEvents } from '../fold';
import type { OwnerEvent } from '../owner/events';
import { ownerDecider } from '../owner/index';
import { by, workspace, workspaceId } from '../testing/fixtures';
import type { WorkspaceCommand } from './commands';
import { workspaceDecider } from './index';
import { decideWorkspaceOfOwner, ownerRegistryIdFor } from './workspace-of-owner';

const registry = (...events: OwnerEvent[]) => foldEvents(ownerDecider, events);
const acmeRegistered: OwnerEvent = {
  type: 'OwnerWorkspaceAdded',
  data: { ownerId: 'alice', workspaceId, name: 'Acme' },
};
const betaRegistered: OwnerEvent = {
  type: 'OwnerWorkspaceAdded',
  data: { ownerId: 'alice', workspaceId: 'w2', name: 'Beta' },
};
const create = (id: string, name: string, userId = 'alice'): WorkspaceCommand => ({
  type: 'CreateWorkspace',
  data: { workspaceId: id, name },
  metadata: by(userId),
});

describe('decideWorkspaceOfOwner', () => {
  it('creates a workspace and registers its name with its creator', () => {
    const decided = decideWorkspaceOfOwner(create('w2', 'Beta'), {
      workspace: workspaceDecider.initialState(),
      owner: registry(acmeRegistered),
    });
    expect(decided).toEqual({
      workspace: [
        {
          type: 'WorkspaceCreated',
          data: { workspaceId: 'w2', name: 'Beta', description: '', ownerId: 'alice' },
        },
      ],
      owner: [betaRegistered],
    });
  });

  it('refuses a name the creator already uses, but not one another owner uses', () => {
    expect(() =>
      decideWorkspaceOfOwner(create('w2', 'acme'), {
        workspace: workspaceDecider.initialState(),
        owner: registry(acmeRegistered),
      }),
    ).toThrow(RuleViolation);
    const bobs = decideWorkspaceOfOwner(create('w2', 'Acme', 'bob'), {
      workspace: workspaceDecider.initialState(),
      owner: ownerDecider.initialState(),
    });
    expect(bobs.owner).toEqual([
      { type: 'OwnerWorkspaceAdded', data: { ownerId: 'bob', workspaceId: 'w2', name: 'Acme' } },
    ]);
  });

  it('renames in the registry of the owner of record, even when an admin renames', () => {
    const command: WorkspaceCommand = {
      type: 'RenameWorkspace',
      data: { workspaceId, name: 'Acme Corp' },
      metadata: by('adam'),
    };
    expect(ownerRegistryIdFor(command, workspace)).toBe('alice');
    expect(
      decideWorkspaceOfOwner(command, { workspace, owner: registry(acmeRegistered) }).owner,
    ).toEqual([
      {
        type: 'OwnerWorkspaceRenamed',
        data: { ownerId: 'alice', workspaceId, name: 'Acme Corp' },
      },
    ]);
    expect(() =>
      decideWorkspaceOfOwner(
        { ...command, data: { workspaceId, name: 'BETA' } },
        { workspace, owner: registry(acmeRegistered, betaRegistered) },
      ),
    ).toThrow(RuleViolation);
  });

  it('frees the name when the workspace is deleted', () => {
    const decided = decideWorkspaceOfOwner(
      { type: 'DeleteWorkspace', data: { workspaceId }, metadata: by('alice') },
      { workspace, owner: registry(acmeRegistered) },
    );
    expect(decided.owner).toEqual([
      { type: 'OwnerWorkspaceRemoved', data: { ownerId: 'alice', workspaceId } },
    ]);
  });

  it('touches no registry for other commands or no-ops', () => {
    const addMember: WorkspaceCommand = {
      type: 'AddMember',
      data: { workspaceId, ownerId: 'nick', role: 'member' },
      metadata: by('alice'),
    };
    expect(ownerRegistryIdFor(addMember, workspace)).toBeNull();
    const decided = decideWorkspaceOfOwner(addMember, {
      workspace,
      owner: ownerDecider.initialState(),
    });
    expect(decided.owner).toEqual([]);
    expect(decided.workspace).toHaveLength(1);
    const sameName = decideWorkspaceOfOwner(
      { type: 'RenameWorkspace', data: { workspaceId, name: 'Acme' }, metadata: by('alice') },
      { workspace, owner: registry(acmeRegistered) },
    );
    expect(sameName).toEqual({ workspace: [], owner: [] });
  });

  it('answers NotFound to an outsider before looking at any registry', () => {
    expect(() =>
      decideWorkspaceOfOwner(
        { type: 'RenameWorkspace', data: { workspaceId, name: 'Mine now' }, metadata: by('nick') },
        { workspace, owner: registry(acmeRegistered) },
      ),
    ).toThrow(NotFoundError);
  });
});
