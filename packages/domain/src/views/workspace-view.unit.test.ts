import { describe, expect, it } from 'vitest';
import { streamName } from '../streams';
import { boardId, projectId, recorded, workspaceHistory, workspaceId } from '../testing/fixtures';
import { evolveWorkspaceView, workspaceView } from './workspace-view';

const ws = streamName.workspace(workspaceId);
const history = recorded(workspaceHistory.map((e) => [ws, e] as const));

describe('workspaceView', () => {
  it('shows members with roles and projects with their boards', () => {
    const view = workspaceView(workspaceId, history);
    expect(view).toMatchObject({
      status: 'active',
      name: 'Acme',
      description: 'Our team',
      createdBy: 'alice',
      version: history.length,
      lastGlobalPosition: history.length,
      projects: [{ projectId, name: 'Website', boards: [{ boardId, name: 'Sprint 1' }] }],
    });
    expect(view.members).toEqual([
      { ownerId: 'alice', role: 'owner' },
      { ownerId: 'adam', role: 'admin' },
      { ownerId: 'mia', role: 'member' },
      { ownerId: 'val', role: 'viewer' },
    ]);
  });

  it('follows role changes, removals, renames and board registry changes', () => {
    const more = recorded(
      [
        [
          ws,
          {
            type: 'MemberRoleChanged',
            data: { workspaceId, ownerId: 'mia', role: 'admin', previousRole: 'member' },
          },
        ],
        [ws, { type: 'MemberRemoved', data: { workspaceId, ownerId: 'val', role: 'viewer' } }],
        [
          ws,
          {
            type: 'WorkspaceRenamed',
            data: { workspaceId, name: 'Acme Inc', previousName: 'Acme' },
          },
        ],
        [
          ws,
          {
            type: 'ProjectBoardRenamed',
            data: { workspaceId, projectId, boardId, name: 'Sprint 2' },
          },
        ],
      ],
      { after: history },
    );
    const view = workspaceView(workspaceId, [...history, ...more]);
    expect(view.name).toBe('Acme Inc');
    expect(view.members.find((m) => m.ownerId === 'mia')?.role).toBe('admin');
    expect(view.members.some((m) => m.ownerId === 'val')).toBe(false);
    expect(view.projects[0]?.boards).toEqual([{ boardId, name: 'Sprint 2' }]);
  });

  it('ignores redelivered events and other streams', () => {
    const view = workspaceView(workspaceId, history);
    expect(evolveWorkspaceView(view, history[1]!)).toBe(view);
    const foreign = { ...history.at(-1)!, streamName: 'workspace-other', streamVersion: 99 };
    expect(evolveWorkspaceView(view, foreign)).toBe(view);
  });
});
