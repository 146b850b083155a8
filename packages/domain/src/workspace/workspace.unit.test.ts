import { describe, expect, it } from 'vitest';
import {
  AlreadyExists,
  ForbiddenError,
  NotFoundError,
  RuleViolation,
  ValidationError,
} from '../errors';
import { foldEvents } from '../fold';
import {
  boardId,
  boardRegistered,
  by,
  projectAdded,
  projectId,
  workspaceCreated,
  workspaceHistory,
  workspaceId,
} from '../testing/fixtures';
import { spec } from '../testing/spec';
import type { WorkspaceCommand } from './commands';
import type { WorkspaceEvent } from './events';
import { workspaceDecider } from './index';

const given = (events: WorkspaceEvent[]) => spec(workspaceDecider).given(events);
const deleted: WorkspaceEvent = { type: 'WorkspaceDeleted', data: { workspaceId, name: 'Acme' } };
const secondOwner: WorkspaceEvent = {
  type: 'MemberAdded',
  data: { workspaceId, ownerId: 'olga', role: 'owner' },
};

describe('CreateWorkspace', () => {
  const create = (name: string, description?: string): WorkspaceCommand => ({
    type: 'CreateWorkspace',
    data: { workspaceId, name, description },
    metadata: by('alice'),
  });

  it('creates the workspace with its creator as owner', () => {
    given([])
      .when(create('  Acme  ', ' Our team '))
      .then([
        {
          type: 'WorkspaceCreated',
          data: { workspaceId, name: 'Acme', description: 'Our team', ownerId: 'alice' },
        },
      ]);
    const state = foldEvents(workspaceDecider, [workspaceCreated]);
    expect(state.status === 'active' && state.members.get('alice')).toBe('owner');
  });

  it('takes a missing description as empty', () => {
    given([])
      .when(create('Acme'))
      .then([
        {
          type: 'WorkspaceCreated',
          data: { workspaceId, name: 'Acme', description: '', ownerId: 'alice' },
        },
      ]);
  });

  it.each([
    ['too short', 'Ab'],
    ['blank', '    '],
    ['too long', 'x'.repeat(51)],
  ])('refuses a name that is %s', (_, name) => {
    given([]).when(create(name)).thenThrows(ValidationError, { field: 'name' });
  });

  it('accepts names of exactly 3 and 50 characters, counting an emoji once', () => {
    expect(workspaceDecider.decide(create('Abc'), workspaceDecider.initialState())).toHaveLength(1);
    expect(
      workspaceDecider.decide(create(`${'x'.repeat(49)}🚀`), workspaceDecider.initialState()),
    ).toHaveLength(1);
  });

  it('refuses a description over 100 characters', () => {
    given([])
      .when(create('Acme', 'd'.repeat(101)))
      .thenThrows(ValidationError, { field: 'description' });
  });

  it('refuses a description equal to the name', () => {
    given([]).when(create('Acme', ' acme ')).thenThrows(ValidationError, { field: 'description' });
  });

  it('refuses an id already used, even by a deleted workspace', () => {
    given([workspaceCreated]).when(create('Other')).thenThrows(AlreadyExists);
    given([workspaceCreated, deleted]).when(create('Other')).thenThrows(AlreadyExists);
  });
});

describe('RenameWorkspace', () => {
  const rename = (name: string, userId = 'alice'): WorkspaceCommand => ({
    type: 'RenameWorkspace',
    data: { workspaceId, name },
    metadata: by(userId),
  });

  it('renames, remembering the previous name', () => {
    given(workspaceHistory)
      .when(rename('Acme Corp', 'adam'))
      .then([
        {
          type: 'WorkspaceRenamed',
          data: { workspaceId, name: 'Acme Corp', previousName: 'Acme' },
        },
      ]);
  });

  it('does nothing for the same name', () => {
    given(workspaceHistory).when(rename(' Acme ')).then([]);
  });

  it('refuses an invalid name and a name equal to the description', () => {
    given(workspaceHistory).when(rename('A')).thenThrows(ValidationError, { field: 'name' });
    given(workspaceHistory).when(rename('our TEAM')).thenThrows(ValidationError, { field: 'name' });
  });

  it('is for owners and admins only', () => {
    given(workspaceHistory).when(rename('Acme Corp', 'mia')).thenThrows(ForbiddenError);
    given(workspaceHistory).when(rename('Acme Corp', 'val')).thenThrows(ForbiddenError);
  });

  it('answers NotFound to a non-member, a missing and a deleted workspace', () => {
    given(workspaceHistory).when(rename('Acme Corp', 'nick')).thenThrows(NotFoundError);
    given([]).when(rename('Acme Corp')).thenThrows(NotFoundError);
    given([...workspaceHistory, deleted])
      .when(rename('Acme Corp'))
      .thenThrows(NotFoundError);
  });
});

describe('DescribeWorkspace', () => {
  const describeAs = (description: string, userId = 'alice'): WorkspaceCommand => ({
    type: 'DescribeWorkspace',
    data: { workspaceId, description },
    metadata: by(userId),
  });

  it('changes the description', () => {
    given(workspaceHistory)
      .when(describeAs('Where we plan'))
      .then([{ type: 'WorkspaceDescribed', data: { workspaceId, description: 'Where we plan' } }]);
  });

  it('does nothing for the same description', () => {
    given(workspaceHistory).when(describeAs('Our team')).then([]);
  });

  it('refuses a description too long or equal to the name', () => {
    given(workspaceHistory)
      .when(describeAs('d'.repeat(101)))
      .thenThrows(ValidationError, { field: 'description' });
    given(workspaceHistory).when(describeAs('ACME')).thenThrows(ValidationError);
  });

  it('is refused to a viewer', () => {
    given(workspaceHistory).when(describeAs('Hi there', 'val')).thenThrows(ForbiddenError);
  });
});

describe('DeleteWorkspace', () => {
  const remove = (userId: string): WorkspaceCommand => ({
    type: 'DeleteWorkspace',
    data: { workspaceId },
    metadata: by(userId),
  });

  it('archives the workspace; every later command finds nothing', () => {
    given(workspaceHistory).when(remove('alice')).then([deleted]);
    given([...workspaceHistory, deleted])
      .when(remove('alice'))
      .thenThrows(NotFoundError);
    given([...workspaceHistory, deleted])
      .when({
        type: 'AddProject',
        data: { workspaceId, projectId: 'p2', name: 'Mobile' },
        metadata: by('alice'),
      })
      .thenThrows(NotFoundError);
  });

  it('is for owners only', () => {
    given(workspaceHistory).when(remove('adam')).thenThrows(ForbiddenError);
    given(workspaceHistory).when(remove('mia')).thenThrows(ForbiddenError);
  });
});

describe('AddMember', () => {
  const add = (ownerId: string, role: string, userId = 'adam'): WorkspaceCommand => ({
    type: 'AddMember',
    data: { workspaceId, ownerId, role: role as 'member' },
    metadata: by(userId),
  });

  it('adds a member with a role', () => {
    given(workspaceHistory)
      .when(add('nick', 'member'))
      .then([{ type: 'MemberAdded', data: { workspaceId, ownerId: 'nick', role: 'member' } }]);
  });

  it('lets only an owner grant the owner role', () => {
    given(workspaceHistory).when(add('nick', 'owner')).thenThrows(ForbiddenError);
    given(workspaceHistory)
      .when(add('nick', 'owner', 'alice'))
      .then([{ type: 'MemberAdded', data: { workspaceId, ownerId: 'nick', role: 'owner' } }]);
  });

  it('refuses an existing member and an unknown role', () => {
    given(workspaceHistory).when(add('mia', 'admin')).thenThrows(AlreadyExists);
    given(workspaceHistory)
      .when(add('nick', 'boss'))
      .thenThrows(ValidationError, { field: 'role' });
  });

  it('is refused to members and viewers, and unknown to outsiders', () => {
    given(workspaceHistory)
      .when(add('nick', 'member', 'mia'))
      .thenThrows(ForbiddenError);
    given(workspaceHistory)
      .when(add('nick', 'member', 'val'))
      .thenThrows(ForbiddenError);
    given(workspaceHistory)
      .when(add('zoe', 'member', 'nick'))
      .thenThrows(NotFoundError);
  });
});

describe('RemoveMember', () => {
  const removeAs = (ownerId: string, userId: string): WorkspaceCommand => ({
    type: 'RemoveMember',
    data: { workspaceId, ownerId },
    metadata: by(userId),
  });

  it('lets an admin remove a member', () => {
    given(workspaceHistory)
      .when(removeAs('mia', 'adam'))
      .then([{ type: 'MemberRemoved', data: { workspaceId, ownerId: 'mia', role: 'member' } }]);
  });

  it('lets anyone leave', () => {
    given(workspaceHistory)
      .when(removeAs('val', 'val'))
      .then([{ type: 'MemberRemoved', data: { workspaceId, ownerId: 'val', role: 'viewer' } }]);
  });

  it('keeps at least one owner', () => {
    given(workspaceHistory)
      .when(removeAs('alice', 'alice'))
      .thenThrows(RuleViolation, { rule: 'last_owner' });
  });

  it('lets an owner remove another owner, but not an admin', () => {
    given([...workspaceHistory, secondOwner])
      .when(removeAs('olga', 'adam'))
      .thenThrows(ForbiddenError);
    given([...workspaceHistory, secondOwner])
      .when(removeAs('olga', 'alice'))
      .then([{ type: 'MemberRemoved', data: { workspaceId, ownerId: 'olga', role: 'owner' } }]);
  });

  it('refuses members removing others and unknown members', () => {
    given(workspaceHistory).when(removeAs('val', 'mia')).thenThrows(ForbiddenError);
    given(workspaceHistory).when(removeAs('nick', 'adam')).thenThrows(NotFoundError);
  });
});

describe('ChangeMemberRole', () => {
  const change = (ownerId: string, role: string, userId = 'adam'): WorkspaceCommand => ({
    type: 'ChangeMemberRole',
    data: { workspaceId, ownerId, role: role as 'member' },
    metadata: by(userId),
  });

  it('changes a role, remembering the previous one', () => {
    given(workspaceHistory)
      .when(change('val', 'member'))
      .then([
        {
          type: 'MemberRoleChanged',
          data: { workspaceId, ownerId: 'val', role: 'member', previousRole: 'viewer' },
        },
      ]);
  });

  it('does nothing for the same role', () => {
    given(workspaceHistory).when(change('mia', 'member')).then([]);
  });

  it('lets only an owner grant or revoke the owner role', () => {
    given(workspaceHistory).when(change('mia', 'owner')).thenThrows(ForbiddenError);
    given([...workspaceHistory, secondOwner])
      .when(change('olga', 'admin'))
      .thenThrows(ForbiddenError);
    given(workspaceHistory)
      .when(change('mia', 'owner', 'alice'))
      .then([
        {
          type: 'MemberRoleChanged',
          data: { workspaceId, ownerId: 'mia', role: 'owner', previousRole: 'member' },
        },
      ]);
  });

  it('keeps at least one owner', () => {
    given(workspaceHistory)
      .when(change('alice', 'admin', 'alice'))
      .thenThrows(RuleViolation, { rule: 'last_owner' });
    given([...workspaceHistory, secondOwner])
      .when(change('alice', 'admin', 'olga'))
      .then([
        {
          type: 'MemberRoleChanged',
          data: { workspaceId, ownerId: 'alice', role: 'admin', previousRole: 'owner' },
        },
      ]);
  });

  it('refuses unknown members, unknown roles and non-managers', () => {
    given(workspaceHistory).when(change('nick', 'member')).thenThrows(NotFoundError);
    given(workspaceHistory).when(change('mia', 'chief')).thenThrows(ValidationError);
    given(workspaceHistory)
      .when(change('val', 'member', 'mia'))
      .thenThrows(ForbiddenError);
  });
});

describe('projects', () => {
  const addProject = (id: string, name: string, userId = 'adam', description?: string) =>
    ({
      type: 'AddProject',
      data: { workspaceId, projectId: id, name, description },
      metadata: by(userId),
    }) satisfies WorkspaceCommand;
  const projectDeleted: WorkspaceEvent = {
    type: 'ProjectDeleted',
    data: { workspaceId, projectId: 'p2', name: 'Mobile' },
  };
  const mobileAdded: WorkspaceEvent = {
    type: 'ProjectAdded',
    data: { workspaceId, projectId: 'p2', name: 'Mobile', description: 'Apps' },
  };

  it('AddProject adds a project', () => {
    given(workspaceHistory)
      .when(addProject('p2', ' Mobile ', 'adam', 'Apps'))
      .then([mobileAdded]);
  });

  it('AddProject keeps names unique, case-insensitively after trimming', () => {
    given(workspaceHistory)
      .when(addProject('p2', '  WEBSITE '))
      .thenThrows(RuleViolation, { rule: 'name_taken' });
  });

  it('AddProject frees the name of a deleted project', () => {
    given([...workspaceHistory, mobileAdded, projectDeleted])
      .when(addProject('p3', 'mobile'))
      .then([
        {
          type: 'ProjectAdded',
          data: { workspaceId, projectId: 'p3', name: 'mobile', description: '' },
        },
      ]);
  });

  it('AddProject refuses a known id, bad text, and non-managers', () => {
    given(workspaceHistory).when(addProject(projectId, 'Other')).thenThrows(AlreadyExists);
    given(workspaceHistory).when(addProject('p2', 'Mo')).thenThrows(ValidationError);
    given(workspaceHistory)
      .when(addProject('p2', 'Mobile', 'adam', 'x'.repeat(101)))
      .thenThrows(ValidationError, { field: 'description' });
    given(workspaceHistory)
      .when(addProject('p2', 'Mobile', 'adam', 'mobile'))
      .thenThrows(ValidationError, { field: 'description' });
    given(workspaceHistory)
      .when(addProject('p2', 'Mobile', 'mia'))
      .thenThrows(ForbiddenError);
  });

  const renameProject = (id: string, name: string): WorkspaceCommand => ({
    type: 'RenameProject',
    data: { workspaceId, projectId: id, name },
    metadata: by('alice'),
  });

  it('RenameProject renames; same name is a no-op; a case change is allowed', () => {
    given(workspaceHistory)
      .when(renameProject(projectId, 'Web site'))
      .then([
        {
          type: 'ProjectRenamed',
          data: { workspaceId, projectId, name: 'Web site', previousName: 'Website' },
        },
      ]);
    given(workspaceHistory).when(renameProject(projectId, 'Website')).then([]);
    given(workspaceHistory)
      .when(renameProject(projectId, 'WEBSITE'))
      .then([
        {
          type: 'ProjectRenamed',
          data: { workspaceId, projectId, name: 'WEBSITE', previousName: 'Website' },
        },
      ]);
  });

  it('RenameProject refuses a sibling name and an unknown project', () => {
    given([...workspaceHistory, mobileAdded])
      .when(renameProject('p2', 'website'))
      .thenThrows(RuleViolation, { rule: 'name_taken' });
    given(workspaceHistory).when(renameProject('p9', 'Other')).thenThrows(NotFoundError);
  });

  const describeProject = (id: string, description: string): WorkspaceCommand => ({
    type: 'DescribeProject',
    data: { workspaceId, projectId: id, description },
    metadata: by('adam'),
  });

  it('DescribeProject changes the description', () => {
    given(workspaceHistory)
      .when(describeProject(projectId, 'Marketing site'))
      .then([
        {
          type: 'ProjectDescribed',
          data: { workspaceId, projectId, description: 'Marketing site' },
        },
      ]);
    given(workspaceHistory).when(describeProject(projectId, '')).then([]);
  });

  it('DescribeProject refuses a long description and an unknown project', () => {
    given(workspaceHistory)
      .when(describeProject(projectId, 'x'.repeat(101)))
      .thenThrows(ValidationError);
    given(workspaceHistory).when(describeProject('p9', 'Hello')).thenThrows(NotFoundError);
  });

  const deleteProject = (id: string, userId = 'adam'): WorkspaceCommand => ({
    type: 'DeleteProject',
    data: { workspaceId, projectId: id },
    metadata: by(userId),
  });

  it('DeleteProject deletes an empty project', () => {
    given([...workspaceHistory, mobileAdded])
      .when(deleteProject('p2'))
      .then([projectDeleted]);
  });

  it('DeleteProject refuses a project with boards, an unknown one, and members', () => {
    given(workspaceHistory)
      .when(deleteProject(projectId))
      .thenThrows(RuleViolation, { rule: 'project_not_empty' });
    given(workspaceHistory).when(deleteProject('p9')).thenThrows(NotFoundError);
    given([...workspaceHistory, mobileAdded])
      .when(deleteProject('p2', 'mia'))
      .thenThrows(ForbiddenError);
  });
});

describe('the board registry of a project', () => {
  const addBoard = (id: string, name: string, userId = 'mia', project = projectId) =>
    ({
      type: 'AddBoardToProject',
      data: { workspaceId, projectId: project, boardId: id, name },
      metadata: by(userId),
    }) satisfies WorkspaceCommand;

  it('AddBoardToProject registers a board; members may create boards', () => {
    given(workspaceHistory)
      .when(addBoard('b2', 'Sprint 2'))
      .then([
        {
          type: 'ProjectBoardAdded',
          data: { workspaceId, projectId, boardId: 'b2', name: 'Sprint 2' },
        },
      ]);
  });

  it('AddBoardToProject keeps board names unique per project only', () => {
    given(workspaceHistory)
      .when(addBoard('b2', 'sprint 1'))
      .thenThrows(RuleViolation, { rule: 'name_taken' });
    const mobile: WorkspaceEvent = {
      type: 'ProjectAdded',
      data: { workspaceId, projectId: 'p2', name: 'Mobile', description: '' },
    };
    given([...workspaceHistory, mobile])
      .when(addBoard('b2', 'Sprint 1', 'mia', 'p2'))
      .then([
        {
          type: 'ProjectBoardAdded',
          data: { workspaceId, projectId: 'p2', boardId: 'b2', name: 'Sprint 1' },
        },
      ]);
  });

  it('AddBoardToProject refuses viewers, unknown projects and known board ids', () => {
    given(workspaceHistory)
      .when(addBoard('b2', 'Sprint 2', 'val'))
      .thenThrows(ForbiddenError);
    given(workspaceHistory)
      .when(addBoard('b2', 'Sprint 2', 'mia', 'p9'))
      .thenThrows(NotFoundError, { entity: 'project' });
    given(workspaceHistory).when(addBoard(boardId, 'Sprint 2')).thenThrows(AlreadyExists);
  });

  const renameBoard = (id: string, name: string): WorkspaceCommand => ({
    type: 'RenameBoardInProject',
    data: { workspaceId, projectId, boardId: id, name },
    metadata: by('mia'),
  });
  const sprint2: WorkspaceEvent = {
    type: 'ProjectBoardAdded',
    data: { workspaceId, projectId, boardId: 'b2', name: 'Sprint 2' },
  };

  it('RenameBoardInProject renames; a sibling name is taken; unknown boards are not found', () => {
    given(workspaceHistory)
      .when(renameBoard(boardId, 'Sprint One'))
      .then([
        {
          type: 'ProjectBoardRenamed',
          data: { workspaceId, projectId, boardId, name: 'Sprint One' },
        },
      ]);
    given(workspaceHistory).when(renameBoard(boardId, 'Sprint 1')).then([]);
    given([...workspaceHistory, sprint2])
      .when(renameBoard('b2', 'SPRINT 1'))
      .thenThrows(RuleViolation, { rule: 'name_taken' });
    given(workspaceHistory).when(renameBoard('b9', 'Sprint 9')).thenThrows(NotFoundError);
  });

  it('RemoveBoardFromProject unregisters a board, freeing its name', () => {
    const removed: WorkspaceEvent = {
      type: 'ProjectBoardRemoved',
      data: { workspaceId, projectId, boardId },
    };
    given(workspaceHistory)
      .when({
        type: 'RemoveBoardFromProject',
        data: { workspaceId, projectId, boardId },
        metadata: by('mia'),
      })
      .then([removed]);
    given([...workspaceHistory, removed])
      .when(addBoard('b2', 'Sprint 1'))
      .then([
        {
          type: 'ProjectBoardAdded',
          data: { workspaceId, projectId, boardId: 'b2', name: 'Sprint 1' },
        },
      ]);
    given(workspaceHistory)
      .when({
        type: 'RemoveBoardFromProject',
        data: { workspaceId, projectId, boardId: 'b9' },
        metadata: by('mia'),
      })
      .thenThrows(NotFoundError);
  });
});

describe('the workspace stream', () => {
  it('rebuilds by folding exactly the state its decisions reached', () => {
    const commands: WorkspaceCommand[] = [
      {
        type: 'CreateWorkspace',
        data: { workspaceId, name: 'Acme', description: 'Our team' },
        metadata: by('alice'),
      },
      {
        type: 'AddMember',
        data: { workspaceId, ownerId: 'adam', role: 'admin' },
        metadata: by('alice'),
      },
      {
        type: 'AddMember',
        data: { workspaceId, ownerId: 'mia', role: 'viewer' },
        metadata: by('adam'),
      },
      {
        type: 'ChangeMemberRole',
        data: { workspaceId, ownerId: 'mia', role: 'member' },
        metadata: by('adam'),
      },
      {
        type: 'AddMember',
        data: { workspaceId, ownerId: 'olga', role: 'owner' },
        metadata: by('alice'),
      },
      { type: 'RemoveMember', data: { workspaceId, ownerId: 'alice' }, metadata: by('alice') },
      { type: 'RenameWorkspace', data: { workspaceId, name: 'Acme Corp' }, metadata: by('olga') },
      {
        type: 'DescribeWorkspace',
        data: { workspaceId, description: 'Where we plan' },
        metadata: by('adam'),
      },
      {
        type: 'AddProject',
        data: { workspaceId, projectId, name: 'Website' },
        metadata: by('adam'),
      },
      {
        type: 'AddProject',
        data: { workspaceId, projectId: 'p2', name: 'Mobile' },
        metadata: by('adam'),
      },
      {
        type: 'RenameProject',
        data: { workspaceId, projectId: 'p2', name: 'Apps' },
        metadata: by('adam'),
      },
      {
        type: 'DescribeProject',
        data: { workspaceId, projectId: 'p2', description: 'iOS and Android' },
        metadata: by('adam'),
      },
      {
        type: 'AddBoardToProject',
        data: { workspaceId, projectId, boardId, name: 'Sprint 1' },
        metadata: by('mia'),
      },
      {
        type: 'RenameBoardInProject',
        data: { workspaceId, projectId, boardId, name: 'Sprint One' },
        metadata: by('mia'),
      },
      {
        type: 'AddBoardToProject',
        data: { workspaceId, projectId, boardId: 'b2', name: 'Sprint 2' },
        metadata: by('mia'),
      },
      {
        type: 'RemoveBoardFromProject',
        data: { workspaceId, projectId, boardId: 'b2' },
        metadata: by('mia'),
      },
      { type: 'DeleteProject', data: { workspaceId, projectId: 'p2' }, metadata: by('adam') },
    ];
    let state = workspaceDecider.initialState();
    const events: WorkspaceEvent[] = [];
    for (const command of commands) {
      const decided = workspaceDecider.decide(command, state);
      expect(decided.length, command.type).toBeGreaterThan(0);
      events.push(...decided);
      state = decided.reduce(workspaceDecider.evolve, state);
    }
    // Events are plain JSON: what the store gives back folds to the same state.
    const stored: WorkspaceEvent[] = JSON.parse(JSON.stringify(events));
    expect(stored).toEqual(events);
    expect(foldEvents(workspaceDecider, stored)).toEqual(state);
    expect(state).toMatchObject({ status: 'active', name: 'Acme Corp' });
    if (state.status !== 'active') throw new Error('unreachable');
    expect([...state.members]).toEqual([
      ['adam', 'admin'],
      ['mia', 'member'],
      ['olga', 'owner'],
    ]);
    expect([...state.projects.keys()]).toEqual([projectId]);
    expect([...(state.projects.get(projectId)?.boards.values() ?? [])]).toEqual([
      { boardId, name: 'Sprint One' },
    ]);
  });

  it('ignores events before creation and after deletion', () => {
    const state = foldEvents(workspaceDecider, [projectAdded, boardRegistered]);
    expect(state).toEqual({ status: 'initial' });
    const gone = foldEvents(workspaceDecider, [...workspaceHistory, deleted, projectAdded]);
    expect(gone).toEqual({ status: 'deleted', workspaceId, ownerOfRecord: 'alice' });
  });
});
