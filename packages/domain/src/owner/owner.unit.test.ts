import { describe, expect, it } from 'vitest';
import { AlreadyExists, NotFoundError, RuleViolation, ValidationError } from '../errors';
import { foldEvents } from '../fold';
import { by } from '../testing/fixtures';
import { spec } from '../testing/spec';
import type { OwnerCommand } from './commands';
import type { OwnerEvent } from './events';
import { ownerDecider } from './index';

const given = (events: OwnerEvent[]) => spec(ownerDecider).given(events);
const acme: OwnerEvent = {
  type: 'OwnerWorkspaceAdded',
  data: { ownerId: 'alice', workspaceId: 'w1', name: 'Acme' },
};
const add = (workspaceId: string, name: string, ownerId = 'alice'): OwnerCommand => ({
  type: 'AddOwnerWorkspace',
  data: { ownerId, workspaceId, name },
  metadata: by(ownerId),
});
const rename = (workspaceId: string, name: string): OwnerCommand => ({
  type: 'RenameOwnerWorkspace',
  data: { ownerId: 'alice', workspaceId, name },
  metadata: by('alice'),
});
const remove = (workspaceId: string): OwnerCommand => ({
  type: 'RemoveOwnerWorkspace',
  data: { ownerId: 'alice', workspaceId },
  metadata: by('alice'),
});

describe('the owner’s workspace registry', () => {
  it('AddOwnerWorkspace registers a name', () => {
    given([]).when(add('w1', 'Acme')).then([acme]);
  });

  it('AddOwnerWorkspace keeps names unique per owner, case-insensitively', () => {
    given([acme]).when(add('w2', ' ACME ')).thenThrows(RuleViolation, { rule: 'name_taken' });
  });

  it('AddOwnerWorkspace refuses a registered id and a bad name', () => {
    given([acme]).when(add('w1', 'Other')).thenThrows(AlreadyExists);
    given([]).when(add('w1', 'Ac')).thenThrows(ValidationError);
  });

  it('RenameOwnerWorkspace renames, allows a case change, refuses a sibling’s name', () => {
    const beta: OwnerEvent = {
      type: 'OwnerWorkspaceAdded',
      data: { ownerId: 'alice', workspaceId: 'w2', name: 'Beta' },
    };
    given([acme])
      .when(rename('w1', 'ACME'))
      .then([
        {
          type: 'OwnerWorkspaceRenamed',
          data: { ownerId: 'alice', workspaceId: 'w1', name: 'ACME' },
        },
      ]);
    given([acme]).when(rename('w1', 'Acme')).then([]);
    given([acme, beta])
      .when(rename('w2', 'acme'))
      .thenThrows(RuleViolation, { rule: 'name_taken' });
    given([acme]).when(rename('w9', 'Other')).thenThrows(NotFoundError);
  });

  it('RemoveOwnerWorkspace frees the name', () => {
    const removed: OwnerEvent = {
      type: 'OwnerWorkspaceRemoved',
      data: { ownerId: 'alice', workspaceId: 'w1' },
    };
    given([acme]).when(remove('w1')).then([removed]);
    given([acme, removed])
      .when(add('w2', 'Acme'))
      .then([
        {
          type: 'OwnerWorkspaceAdded',
          data: { ownerId: 'alice', workspaceId: 'w2', name: 'Acme' },
        },
      ]);
    given([]).when(remove('w1')).thenThrows(NotFoundError);
  });

  it('refuses to decide on another owner’s stream (a shell bug, not a domain error)', () => {
    given([acme])
      .when(add('w2', 'Beta', 'bob'))
      .thenThrows((error) => error instanceof Error && /owner stream/.test(error.message));
  });

  it('rebuilds by folding exactly the state its decisions reached', () => {
    const commands = [
      add('w1', 'Acme'),
      add('w2', 'Beta'),
      rename('w1', 'Acme Corp'),
      remove('w2'),
      add('w3', 'Beta'),
    ];
    let state = ownerDecider.initialState();
    const events: OwnerEvent[] = [];
    for (const command of commands) {
      const decided = ownerDecider.decide(command, state);
      events.push(...decided);
      state = decided.reduce(ownerDecider.evolve, state);
    }
    expect(foldEvents(ownerDecider, JSON.parse(JSON.stringify(events)))).toEqual(state);
    expect(state.status === 'recorded' && [...state.workspaces.values()]).toEqual([
      { workspaceId: 'w1', name: 'Acme Corp' },
      { workspaceId: 'w3', name: 'Beta' },
    ]);
  });
});
