import { describe, expect, it } from 'vitest';
import { RuleViolation } from '../errors';
import { board, boardId, by, projectId, workspace, workspaceId } from '../testing/fixtures';
import { workspaceDecider } from '../workspace/index';
import { decideBoardInProject } from './board-in-project';
import { boardDecider } from './index';

describe('decideBoardInProject', () => {
  it('creates a board and registers it in its project, for one atomic append', () => {
    const decided = decideBoardInProject(
      {
        type: 'CreateBoard',
        data: { boardId: 'b2', workspaceId, projectId, name: 'Sprint 2' },
        metadata: by('mia'),
      },
      { workspace, board: boardDecider.initialState() },
    );
    expect(decided).toEqual({
      workspace: [
        {
          type: 'ProjectBoardAdded',
          data: { workspaceId, projectId, boardId: 'b2', name: 'Sprint 2' },
        },
      ],
      board: [
        {
          type: 'BoardCreated',
          data: { boardId: 'b2', workspaceId, projectId, name: 'Sprint 2', description: '' },
        },
      ],
      conditions: [],
    });
    // The registry now refuses the name to the next board of the project.
    const registered = decided.workspace.reduce(workspaceDecider.evolve, workspace);
    expect(() =>
      decideBoardInProject(
        {
          type: 'CreateBoard',
          data: { boardId: 'b3', workspaceId, projectId, name: 'sprint 2' },
          metadata: by('mia'),
        },
        { workspace: registered, board: boardDecider.initialState() },
      ),
    ).toThrow(RuleViolation);
  });

  it('renames in the registry too', () => {
    const decided = decideBoardInProject(
      { type: 'RenameBoard', data: { boardId, name: 'Sprint One' }, metadata: by('mia') },
      { workspace, board },
    );
    expect(decided.workspace).toEqual([
      {
        type: 'ProjectBoardRenamed',
        data: { workspaceId, projectId, boardId, name: 'Sprint One' },
      },
    ]);
    expect(decided.board).toHaveLength(1);
  });

  it('removes from the registry on delete', () => {
    const decided = decideBoardInProject(
      { type: 'DeleteBoard', data: { boardId }, metadata: by('mia') },
      { workspace, board },
    );
    expect(decided.workspace).toEqual([
      { type: 'ProjectBoardRemoved', data: { workspaceId, projectId, boardId } },
    ]);
    expect(decided.board.map((e) => e.type)).toEqual(['BoardDeleted']);
  });

  it('leaves the workspace untouched for card commands', () => {
    const decided = decideBoardInProject(
      {
        type: 'AddCard',
        data: { boardId, cardId: 'qa', name: 'Review', type: 'Doing' },
        metadata: by('mia'),
      },
      { workspace, board },
    );
    expect(decided.workspace).toEqual([]);
    expect(decided.board.map((e) => e.type)).toEqual(['CardAdded']);
  });
});
