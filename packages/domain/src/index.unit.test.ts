// The package as other workspaces import it: by name, through package.json's exports.
import * as domain from '@taskomask/domain';
import { spec } from '@taskomask/domain/testing';
import { describe, expect, it } from 'vitest';

describe('@taskomask/domain', () => {
  it('exports the deciders, the cross-stream decisions, permissions and views', () => {
    const exported = Object.keys(domain);
    expect(exported).toEqual(
      expect.arrayContaining([
        'workspaceDecider',
        'ownerDecider',
        'boardDecider',
        'taskDecider',
        'decideWorkspaceOfOwner',
        'ownerRegistryIdFor',
        'decideBoardInProject',
        'decideTaskOnBoard',
        'boardIdForTaskCommand',
        'authorize',
        'roleOf',
        'can',
        'boardView',
        'evolveBoardView',
        'taskDetails',
        'evolveTaskDetails',
        'activityEntry',
        'positionBetween',
        'sortByPosition',
        'comparePositions',
        'foldEvents',
        'streamName',
        'httpStatusOf',
        'limits',
      ]),
    );
    expect(typeof spec).toBe('function');
  });

  it('runs a whole command through the public surface', () => {
    const command: domain.CreateWorkspace = {
      type: 'CreateWorkspace',
      data: { workspaceId: 'w1', name: 'Acme' },
      metadata: { userId: 'alice', now: '2025-03-01T09:00:00Z' },
    };
    const decided = domain.decideWorkspaceOfOwner(command, {
      workspace: domain.workspaceDecider.initialState(),
      owner: domain.ownerDecider.initialState(),
    });
    const events: domain.DomainEvent[] = [...decided.workspace, ...decided.owner];
    expect(events.map((e) => e.type)).toEqual(['WorkspaceCreated', 'OwnerWorkspaceAdded']);
    const workspace = domain.foldEvents(domain.workspaceDecider, decided.workspace);
    expect(domain.roleOf(workspace, 'alice')).toBe('owner');
  });
});
