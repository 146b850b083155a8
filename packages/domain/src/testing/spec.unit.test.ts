import { describe, expect, it } from 'vitest';
import { AlreadyExists, RuleViolation, ValidationError } from '../errors';
import { ownerDecider } from '../owner/index';
import { by } from './fixtures';
import { spec } from './spec';

const add = (workspaceId: string, name: string) =>
  ({
    type: 'AddOwnerWorkspace',
    data: { ownerId: 'alice', workspaceId, name },
    metadata: by('alice'),
  }) as const;
const added = {
  type: 'OwnerWorkspaceAdded',
  data: { ownerId: 'alice', workspaceId: 'w1', name: 'Acme' },
} as const;

describe('spec', () => {
  it('then fails when the events differ', () => {
    expect(() => spec(ownerDecider).given([]).when(add('w1', 'Acme')).then([])).toThrow();
    spec(ownerDecider).given([]).when(add('w1', 'Acme')).then([added]);
  });

  it('thenThrows fails when nothing is thrown, or something else is', () => {
    expect(() =>
      spec(ownerDecider).given([]).when(add('w1', 'Acme')).thenThrows(RuleViolation),
    ).toThrow();
    expect(() =>
      spec(ownerDecider).given([added]).when(add('w1', 'Acme')).thenThrows(ValidationError),
    ).toThrow();
    spec(ownerDecider).given([added]).when(add('w1', 'Acme')).thenThrows(AlreadyExists);
  });

  it('thenThrows checks fields and predicates', () => {
    const taken = spec(ownerDecider).given([added]).when(add('w2', 'ACME'));
    taken.thenThrows(RuleViolation, { rule: 'name_taken' });
    expect(() => taken.thenThrows(RuleViolation, { rule: 'card_limit' })).toThrow();
    taken.thenThrows((error) => error instanceof RuleViolation);
    expect(() => taken.thenThrows(() => false)).toThrow();
  });

  it('events gives the decided events', () => {
    expect(spec(ownerDecider).given([]).when(add('w1', 'Acme')).events()).toEqual([added]);
  });
});
