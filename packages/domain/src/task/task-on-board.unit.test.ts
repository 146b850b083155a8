import { describe, expect, it } from 'vitest';
import { boardDecider } from '../board/index';
import { registryKeys } from '../board/task-registry';
import type { Condition } from '../conditions';
import { RuleViolation } from '../errors';
import { foldEvents } from '../fold';
import { board, boardHistory, boardId, by, task, taskId, workspace } from '../testing/fixtures';
import type { TaskCommand } from './commands';
import { taskDecider } from './index';
import { boardIdForTaskCommand, decideTaskOnBoard } from './task-on-board';

const create = (id: string, title: string, cardId = 'todo'): TaskCommand => ({
  type: 'CreateTask',
  data: { taskId: id, boardId, cardId, title },
  metadata: by('mia'),
});

// The fixture board comes from an older log: its stream holds one BoardTaskAdded (t1 on todo).
const legacySeed: Condition = {
  kind: 'seed',
  marker: registryKeys.seeded(boardId),
  claims: [{ set: registryKeys.titles(boardId), member: 'write copy', owner: taskId }],
  counters: [
    { key: registryKeys.tasks(boardId), value: 1 },
    { key: registryKeys.cardTasks(boardId, 'todo'), value: 1 },
  ],
};
// A board of the new scheme: its stream holds no registry, so nothing to seed.
const newBoard = foldEvents(boardDecider, boardHistory.slice(0, -1));

const shape = (conditions: readonly Condition[]) =>
  conditions.map((c) =>
    c.kind === 'seed' ? c : { ...c, refusal: c.kind === 'release' ? undefined : c.refusal?.() },
  );

describe('decideTaskOnBoard', () => {
  it('CreateTask claims its title, counts itself on the board (≤ 1000) and its card', () => {
    const decided = decideTaskOnBoard(create('t2', 'Fix footer', 'doing'), {
      workspace,
      board: newBoard,
      task: taskDecider.initialState(),
    });
    expect(decided.task.map((e) => e.type)).toEqual(['TaskCreated']);
    expect(decided.checked).toEqual(['board']);
    expect(shape(decided.conditions)).toEqual([
      {
        kind: 'claim',
        set: registryKeys.titles(boardId),
        member: 'fix footer',
        owner: 't2',
        refusal: expect.objectContaining({ rule: 'name_taken' }),
      },
      {
        kind: 'counter',
        key: registryKeys.tasks(boardId),
        delta: 1,
        max: 1000,
        refusal: expect.objectContaining({ rule: 'task_limit' }),
      },
      {
        kind: 'counter',
        key: registryKeys.cardTasks(boardId, 'doing'),
        delta: 1,
        refusal: undefined,
      },
    ]);
    expect(
      decided.conditions[0]?.kind === 'claim' && decided.conditions[0].refusal(),
    ).toBeInstanceOf(RuleViolation);
  });

  it('seeds the keys from an older board stream’s registry before its conditions', () => {
    const decided = decideTaskOnBoard(create('t2', 'Fix footer'), {
      workspace,
      board,
      task: taskDecider.initialState(),
    });
    expect(decided.conditions[0]).toEqual(legacySeed);
    expect(decided.conditions).toHaveLength(4);
  });

  it('RenameTask releases the old title before claiming the new one', () => {
    const decided = decideTaskOnBoard(
      { type: 'RenameTask', data: { taskId, title: 'Write the copy' }, metadata: by('mia') },
      { workspace, board: newBoard, task },
    );
    expect(shape(decided.conditions)).toEqual([
      { kind: 'release', set: registryKeys.titles(boardId), member: 'write copy', owner: taskId },
      expect.objectContaining({ kind: 'claim', member: 'write the copy', owner: taskId }),
    ]);
  });

  it('MoveTask moves its count only when the card changes', () => {
    const across = decideTaskOnBoard(
      { type: 'MoveTask', data: { taskId, toCardId: 'done' }, metadata: by('mia') },
      { workspace, board: newBoard, task },
    );
    expect(across.conditions).toEqual([
      { kind: 'counter', key: registryKeys.cardTasks(boardId, 'todo'), delta: -1 },
      { kind: 'counter', key: registryKeys.cardTasks(boardId, 'done'), delta: 1 },
    ]);
    expect(across.task).toHaveLength(1);
    const within = decideTaskOnBoard(
      { type: 'MoveTask', data: { taskId, toCardId: 'todo', after: 'a0' }, metadata: by('mia') },
      { workspace, board, task },
    );
    expect(within).toMatchObject({ conditions: [], checked: [] });
    expect(within.task).toHaveLength(1);
  });

  it('DeleteTask frees its title and its counts', () => {
    const decided = decideTaskOnBoard(
      { type: 'DeleteTask', data: { taskId }, metadata: by('mia') },
      { workspace, board: newBoard, task },
    );
    expect(decided.conditions).toEqual([
      { kind: 'release', set: registryKeys.titles(boardId), member: 'write copy', owner: taskId },
      { kind: 'counter', key: registryKeys.tasks(boardId), delta: -1 },
      { kind: 'counter', key: registryKeys.cardTasks(boardId, 'todo'), delta: -1 },
    ]);
  });

  it('task-only commands write the task stream alone, with no condition', () => {
    const decided = decideTaskOnBoard(
      { type: 'AddLabel', data: { taskId, label: 'seo' }, metadata: by('mia') },
      { workspace, board, task },
    );
    expect(decided).toEqual({
      task: [{ type: 'TaskLabelAdded', data: { taskId, boardId, label: 'seo' } }],
      conditions: [],
      checked: [],
    });
  });

  it('boardIdForTaskCommand names the board to load', () => {
    expect(boardIdForTaskCommand(create('t2', 'Fix footer'), taskDecider.initialState())).toBe(
      boardId,
    );
    const rename: TaskCommand = {
      type: 'RenameTask',
      data: { taskId, title: 'Other title' },
      metadata: by('mia'),
    };
    expect(boardIdForTaskCommand(rename, task)).toBe(boardId);
    expect(boardIdForTaskCommand(rename, taskDecider.initialState())).toBeNull();
  });
});
