import { describe, expect, it } from 'vitest';
import type { BoardEvent } from '../board/events';
import { boardDecider } from '../board/index';
import type { BoardState } from '../board/state';
import { RuleViolation } from '../errors';
import { foldEvents } from '../fold';
import {
  board,
  boardHistory,
  boardId,
  by,
  task,
  taskId,
  workspace,
  workspaceId,
} from '../testing/fixtures';
import type { TaskCommand } from './commands';
import type { TaskEvent } from './events';
import { taskDecider } from './index';
import type { TaskState } from './state';
import { boardIdForTaskCommand, decideTaskOnBoard } from './task-on-board';

const create = (id: string, title: string, cardId = 'todo'): TaskCommand => ({
  type: 'CreateTask',
  data: { taskId: id, boardId, cardId, title },
  metadata: by('mia'),
});

describe('decideTaskOnBoard', () => {
  it('CreateTask registers the task on the board', () => {
    const decided = decideTaskOnBoard(create('t2', 'Fix footer', 'doing'), {
      workspace,
      board,
      task: taskDecider.initialState(),
    });
    expect(decided.board).toEqual([
      {
        type: 'BoardTaskAdded',
        data: { boardId, taskId: 't2', cardId: 'doing', title: 'Fix footer' },
      },
    ]);
    expect(decided.task.map((e) => e.type)).toEqual(['TaskCreated']);
  });

  it('RenameTask renames in the registry', () => {
    const decided = decideTaskOnBoard(
      { type: 'RenameTask', data: { taskId, title: 'Write the copy' }, metadata: by('mia') },
      { workspace, board, task },
    );
    expect(decided.board).toEqual([
      { type: 'BoardTaskRenamed', data: { boardId, taskId, title: 'Write the copy' } },
    ]);
  });

  it('MoveTask touches the board only when the card changes', () => {
    const across = decideTaskOnBoard(
      { type: 'MoveTask', data: { taskId, toCardId: 'done' }, metadata: by('mia') },
      { workspace, board, task },
    );
    expect(across.board).toEqual([
      { type: 'BoardTaskMoved', data: { boardId, taskId, cardId: 'done' } },
    ]);
    expect(across.task).toHaveLength(1);
    const within = decideTaskOnBoard(
      { type: 'MoveTask', data: { taskId, toCardId: 'todo', after: 'a0' }, metadata: by('mia') },
      { workspace, board, task },
    );
    expect(within.board).toEqual([]);
    expect(within.task).toHaveLength(1);
  });

  it('DeleteTask removes it from the registry, freeing the title', () => {
    const decided = decideTaskOnBoard(
      { type: 'DeleteTask', data: { taskId }, metadata: by('mia') },
      { workspace, board, task },
    );
    expect(decided.board).toEqual([{ type: 'BoardTaskRemoved', data: { boardId, taskId } }]);
    const after = decided.board.reduce(boardDecider.evolve, board);
    expect(
      decideTaskOnBoard(create('t2', 'Write copy'), {
        workspace,
        board: after,
        task: taskDecider.initialState(),
      }).task,
    ).toHaveLength(1);
  });

  it('task-only commands write the task stream alone', () => {
    const decided = decideTaskOnBoard(
      { type: 'AddLabel', data: { taskId, label: 'seo' }, metadata: by('mia') },
      { workspace, board, task },
    );
    expect(decided).toEqual({
      board: [],
      task: [{ type: 'TaskLabelAdded', data: { taskId, boardId, label: 'seo' } }],
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

  it('rebuilds the board and the tasks by folding what the decisions produced', () => {
    let boardState: BoardState = board;
    const taskStates = new Map<string, TaskState>([[taskId, task]]);
    const boardEvents: BoardEvent[] = [];
    const taskEvents = new Map<string, TaskEvent[]>();
    const run = (command: TaskCommand) => {
      const id = command.data.taskId;
      const decided = decideTaskOnBoard(command, {
        workspace,
        board: boardState,
        task: taskStates.get(id) ?? taskDecider.initialState(),
      });
      boardEvents.push(...decided.board);
      taskEvents.set(id, [...(taskEvents.get(id) ?? []), ...decided.task]);
      boardState = decided.board.reduce(boardDecider.evolve, boardState);
      taskStates.set(
        id,
        decided.task.reduce(taskDecider.evolve, taskStates.get(id) ?? taskDecider.initialState()),
      );
    };
    const t = (type: string, data: object, userId = 'mia') =>
      ({ type, data: { taskId: 't2', ...data }, metadata: by(userId) }) as TaskCommand;

    run(create('t2', 'Fix footer', 'doing'));
    run(t('DescribeTask', { description: 'Links are **broken**' }));
    run(t('AssignTask', { assigneeId: 'adam' }));
    run(t('SetDueDate', { dueDate: '2025-04-01' }));
    run(t('AddLabel', { label: 'bug' }));
    run(t('AddLabel', { label: 'web' }));
    run(t('RemoveLabel', { label: 'bug' }));
    run(t('AddChecklistItem', { itemId: 'i1', text: 'Find links' }));
    run(t('AddChecklistItem', { itemId: 'i2', text: 'Fix links' }));
    run(t('CheckChecklistItem', { itemId: 'i1' }));
    run(t('RemoveChecklistItem', { itemId: 'i2' }));
    run(t('AddComment', { commentId: 'k1', text: 'Found 3' }));
    run(t('EditComment', { commentId: 'k1', text: 'Found 4' }));
    run(t('AddComment', { commentId: 'k2', text: 'Thanks' }, 'adam'));
    run(t('DeleteComment', { commentId: 'k2' }, 'adam'));
    run(t('RenameTask', { title: 'Fix footer links' }));
    run(t('MoveTask', { toCardId: 'done', after: null, before: null }));
    run(t('UnassignTask', {}));
    run(t('ClearDueDate', {}));
    run({ type: 'MoveTask', data: { taskId, toCardId: 'done', after: 'a0' }, metadata: by('mia') });
    run({ type: 'DeleteTask', data: { taskId }, metadata: by('mia') });

    const storedBoard: BoardEvent[] = JSON.parse(JSON.stringify(boardEvents));
    expect(foldEvents(boardDecider, [...boardHistory, ...storedBoard])).toEqual(boardState);
    const storedTask: TaskEvent[] = JSON.parse(JSON.stringify(taskEvents.get('t2')));
    expect(foldEvents(taskDecider, storedTask)).toEqual(taskStates.get('t2'));

    expect(boardState.status === 'active' && [...boardState.tasks.values()]).toEqual([
      { taskId: 't2', cardId: 'done', title: 'Fix footer links' },
    ]);
    const t2 = taskStates.get('t2');
    expect(t2).toMatchObject({
      status: 'active',
      workspaceId,
      cardId: 'done',
      title: 'Fix footer links',
      description: 'Links are **broken**',
      assigneeId: null,
      dueDate: null,
      labels: ['web'],
    });
    expect(t2?.status === 'active' && [...t2.checklist.values()]).toEqual([
      { itemId: 'i1', text: 'Find links', done: true },
    ]);
    expect(t2?.status === 'active' && [...t2.comments.values()]).toMatchObject([
      { commentId: 'k1', authorId: 'mia', text: 'Found 4' },
    ]);
    expect(taskStates.get(taskId)).toEqual({ status: 'deleted', taskId, boardId });
  });

  it('a title is unique across the board even for two tasks created in turn', () => {
    const first = decideTaskOnBoard(create('t2', 'Fix footer'), {
      workspace,
      board,
      task: taskDecider.initialState(),
    });
    const after = first.board.reduce(boardDecider.evolve, board);
    expect(() =>
      decideTaskOnBoard(create('t3', 'fix footer'), {
        workspace,
        board: after,
        task: taskDecider.initialState(),
      }),
    ).toThrow(RuleViolation);
  });
});
