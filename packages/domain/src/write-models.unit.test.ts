import { describe, expect, it } from 'vitest';
import { initialBoardState } from './board';
import type { Command } from './event';
import { initialOwnerState } from './owner';
import { initialTaskState } from './task';
import { initialWorkspaceState } from './workspace';
import {
  boardInProject,
  membersByAccountAdmin,
  type StateRead,
  taskOnBoard,
  workspaceOfOwner,
} from './write-models';

const metadata = { userId: 'u1', now: '2026-01-01T00:00:00.000Z' };

/** The stream each read names, given the states before it. */
function streamsOf<S>(
  reads: readonly StateRead<Command, S>[],
  id: string,
  commands: readonly Command[],
  states: S,
): (string | null)[] {
  return reads.map((read) => read.stream(id, commands, states));
}

describe('write models name the streams a decision reads', () => {
  it('a new task reads its board from the command, then nothing else until the board exists', () => {
    const create = {
      type: 'CreateTask',
      data: { taskId: 't1', boardId: 'b1', cardId: 'c1', title: 'Write' },
      metadata,
    } as Command;
    const reads = taskOnBoard.reads as readonly StateRead<Command, object>[];
    expect(
      streamsOf(reads, 't1', [create], {
        task: initialTaskState(),
        board: initialBoardState(),
        workspace: initialWorkspaceState(),
      }),
    ).toEqual(['task-t1', 'board-b1', null]);
  });

  it('a board command on an unknown board reads no workspace, CreateBoard the one it names', () => {
    const reads = boardInProject.reads as readonly StateRead<Command, object>[];
    const states = { board: initialBoardState(), workspace: initialWorkspaceState() };
    const rename = { type: 'RenameBoard', data: { boardId: 'b1', name: 'x' }, metadata } as Command;
    const create = {
      type: 'CreateBoard',
      data: { boardId: 'b1', workspaceId: 'w1', projectId: 'p1', name: 'Board' },
      metadata,
    } as Command;
    expect(streamsOf(reads, 'b1', [rename], states)).toEqual(['board-b1', null]);
    expect(streamsOf(reads, 'b1', [create], states)).toEqual(['board-b1', 'workspace-w1']);
  });

  it('CreateWorkspace also reads the creator’s name registry; a description does not', () => {
    const reads = workspaceOfOwner.reads as readonly StateRead<Command, object>[];
    const states = { workspace: initialWorkspaceState(), owner: initialOwnerState() };
    const create = {
      type: 'CreateWorkspace',
      data: { workspaceId: 'w1', name: 'Team' },
      metadata,
    } as Command;
    const describeIt = {
      type: 'DescribeWorkspace',
      data: { workspaceId: 'w1', description: 'd' },
      metadata,
    } as Command;
    expect(streamsOf(reads, 'w1', [create], states)).toEqual(['workspace-w1', 'owner-u1']);
    expect(streamsOf(reads, 'w1', [describeIt], states)).toEqual(['workspace-w1', null]);
  });

  it('an account admin’s member command reads the workspace and the caller’s own account', () => {
    const reads = membersByAccountAdmin.reads as readonly StateRead<Command, object>[];
    const remove = {
      type: 'RemoveMember',
      data: { workspaceId: 'w1', ownerId: 'o2' },
      metadata,
    } as Command;
    expect(
      streamsOf(reads, 'w1', [remove], {
        workspace: initialWorkspaceState(),
        actor: initialOwnerState(),
      }),
    ).toEqual(['workspace-w1', 'owner-u1']);
  });
});
