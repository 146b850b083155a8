import { describe, expect, it } from 'vitest';
import { ForbiddenError, NotFoundError, RuleViolation } from '../errors';
import { foldEvents } from '../fold';
import type { OwnerEvent } from '../owner/events';
import { ownerDecider } from '../owner/index';
import { by, workspace, workspaceHistory, workspaceId } from '../testing/fixtures';
import type { AddMember, ChangeMemberRole, RemoveMember } from './commands';
import type { WorkspaceEvent } from './events';
import { workspaceDecider } from './index';
import {
  type AccountAdminMemberCommand,
  decideMembersAsAccountAdmin,
} from './members-by-account-admin';

// alice owns the fixture workspace, adam administers it, mia is a member, val a viewer; root is an
// account admin and no member at all.
const account = (ownerId: string, ...after: OwnerEvent[]) =>
  foldEvents(ownerDecider, [
    {
      type: 'OwnerRegistered',
      data: { ownerId, displayName: 'Root Admin', email: `${ownerId}@example.com`, role: 'user' },
    },
    ...after,
  ]);
const root = account('root', { type: 'OwnerAdminGranted', data: { ownerId: 'root' } });

const add = (ownerId: string, role: AddMember['data']['role'], actor = 'root'): AddMember => ({
  type: 'AddMember',
  data: { workspaceId, ownerId, role },
  metadata: by(actor),
});
const change = (
  ownerId: string,
  role: ChangeMemberRole['data']['role'],
  actor = 'root',
): ChangeMemberRole => ({
  type: 'ChangeMemberRole',
  data: { workspaceId, ownerId, role },
  metadata: by(actor),
});
const remove = (ownerId: string, actor = 'root'): RemoveMember => ({
  type: 'RemoveMember',
  data: { workspaceId, ownerId },
  metadata: by(actor),
});

const decide = (command: AccountAdminMemberCommand, actor = root, state = workspace) =>
  decideMembersAsAccountAdmin(command, { workspace: state, actor });

describe('decideMembersAsAccountAdmin', () => {
  it('lets an account admin who is no member add, re-role and remove members', () => {
    expect(decide(add('nick', 'member'))).toEqual([
      { type: 'MemberAdded', data: { workspaceId, ownerId: 'nick', role: 'member' } },
    ]);
    expect(decide(change('mia', 'admin'))).toEqual([
      {
        type: 'MemberRoleChanged',
        data: { workspaceId, ownerId: 'mia', role: 'admin', previousRole: 'member' },
      },
    ]);
    expect(decide(remove('val'))).toEqual([
      { type: 'MemberRemoved', data: { workspaceId, ownerId: 'val', role: 'viewer' } },
    ]);
  });

  it('acts with an owner’s authority: grants and revokes the owner role', () => {
    expect(decide(add('nick', 'owner'))).toEqual([
      { type: 'MemberAdded', data: { workspaceId, ownerId: 'nick', role: 'owner' } },
    ]);
    const twoOwners = foldEvents(workspaceDecider, [
      ...workspaceHistory,
      {
        type: 'MemberRoleChanged',
        data: { workspaceId, ownerId: 'adam', role: 'owner', previousRole: 'admin' },
      },
    ]);
    expect(decide(change('alice', 'member'), root, twoOwners)).toEqual([
      {
        type: 'MemberRoleChanged',
        data: { workspaceId, ownerId: 'alice', role: 'member', previousRole: 'owner' },
      },
    ]);
    expect(decide(remove('alice'), root, twoOwners)).toHaveLength(1);
  });

  it('still keeps the last owner', () => {
    expect(() => decide(change('alice', 'admin'))).toThrow(
      expect.objectContaining({ rule: 'last_owner' }),
    );
    expect(() => decide(remove('alice'))).toThrow(RuleViolation);
  });

  it('refuses anyone whose own event stream does not say active admin, before reading the workspace', () => {
    const user = account('root');
    const demoted = account(
      'root',
      { type: 'OwnerAdminGranted', data: { ownerId: 'root' } },
      { type: 'OwnerAdminRevoked', data: { ownerId: 'root' } },
    );
    const deactivated = account(
      'root',
      { type: 'OwnerAdminGranted', data: { ownerId: 'root' } },
      { type: 'OwnerDeactivated', data: { ownerId: 'root' } },
    );
    for (const actor of [user, demoted, deactivated, ownerDecider.initialState()]) {
      expect(() => decide(add('nick', 'member'), actor)).toThrow(ForbiddenError);
      // Forbidden, not NotFound: a non-admin learns nothing about whether the workspace exists.
      expect(() => decide(add('nick', 'member'), actor, workspaceDecider.initialState())).toThrow(
        ForbiddenError,
      );
    }
    // A workspace owner is no account admin either.
    expect(() => decide(add('nick', 'member', 'alice'), account('alice'))).toThrow(ForbiddenError);
  });

  it('answers NotFound for a workspace that does not exist or was deleted, and for a non-member', () => {
    expect(() => decide(add('nick', 'member'), root, workspaceDecider.initialState())).toThrow(
      NotFoundError,
    );
    const deleted = foldEvents(workspaceDecider, [
      ...workspaceHistory,
      { type: 'WorkspaceDeleted', data: { workspaceId, name: 'Acme' } } satisfies WorkspaceEvent,
    ]);
    expect(() => decide(add('nick', 'member'), root, deleted)).toThrow(NotFoundError);
    expect(() => decide(change('nick', 'admin'))).toThrow(
      expect.objectContaining({ entity: 'member', id: 'nick' }),
    );
  });

  it('refuses an actor stream that is not the actor’s (a shell bug)', () => {
    expect(() => decide(add('nick', 'member'), account('someone-else'))).toThrow(
      /given as actor root/,
    );
  });

  it('leaves the ordinary member commands to members: a non-member admin gets NotFound there', () => {
    expect(() => workspaceDecider.decide(add('nick', 'member'), workspace)).toThrow(NotFoundError);
  });
});
