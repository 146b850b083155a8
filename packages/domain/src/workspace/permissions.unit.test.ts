import { describe, expect, it } from 'vitest';
import { ForbiddenError, NotFoundError } from '../errors';
import { foldEvents } from '../fold';
import { workspace, workspaceHistory, workspaceId } from '../testing/fixtures';
import { workspaceDecider } from './index';
import { authorize, type Capability, can, grants, roleOf } from './permissions';

describe('permissions', () => {
  it('roleOf gives a member’s role and null for anyone else', () => {
    expect(roleOf(workspace, 'alice')).toBe('owner');
    expect(roleOf(workspace, 'val')).toBe('viewer');
    expect(roleOf(workspace, 'nick')).toBeNull();
    expect(roleOf(workspaceDecider.initialState(), 'alice')).toBeNull();
  });

  it('ids that look like object keys are not members', () => {
    expect(roleOf(workspace, '__proto__')).toBeNull();
    expect(roleOf(workspace, 'constructor')).toBeNull();
  });

  it.each([
    ['workspace:read', ['owner', 'admin', 'member', 'viewer']],
    ['workspace:manage', ['owner', 'admin']],
    ['workspace:delete', ['owner']],
    ['members:manage', ['owner', 'admin']],
    ['projects:manage', ['owner', 'admin']],
    ['boards:write', ['owner', 'admin', 'member']],
    ['tasks:write', ['owner', 'admin', 'member']],
    ['comments:write', ['owner', 'admin', 'member']],
    ['comments:moderate', ['owner', 'admin']],
  ] as const)('%s is granted to %j', (capability, allowed) => {
    expect(grants[capability as Capability]).toEqual(allowed);
    for (const role of ['owner', 'admin', 'member', 'viewer'] as const) {
      expect(can(role, capability), role).toBe((allowed as readonly string[]).includes(role));
    }
  });

  it('authorize returns the role, refuses a weak role, hides the workspace from outsiders', () => {
    expect(authorize(workspace, 'mia', 'tasks:write')).toBe('member');
    expect(() => authorize(workspace, 'val', 'tasks:write')).toThrow(ForbiddenError);
    expect(() => authorize(workspace, 'nick', 'workspace:read')).toThrow(NotFoundError);
    const deleted = foldEvents(workspaceDecider, [
      ...workspaceHistory,
      { type: 'WorkspaceDeleted', data: { workspaceId, name: 'Acme' } },
    ]);
    expect(() => authorize(deleted, 'alice', 'workspace:read')).toThrow(NotFoundError);
  });
});
