import { describe, expect, it } from 'vitest';
import type { Board, TaskSummary } from '@/lib/api';
import {
  cardDrop,
  cardStep,
  containerOf,
  crossColumns,
  dropMarker,
  landing,
  taskDrop,
  withColumns,
} from './board-moves';

const task = (taskId: string, position: string): TaskSummary => ({
  taskId,
  title: taskId,
  position,
  assigneeId: null,
  labels: [],
  dueDate: null,
  checklist: { done: 0, total: 0 },
  commentCount: 0,
});

const board = {
  boardId: 'b',
  workspaceId: 'w',
  name: 'Board',
  globalPosition: 1,
  cards: [
    {
      cardId: 'todo',
      name: 'To do',
      type: 'ToDo',
      position: 'a',
      tasks: [task('t1', 'a'), task('t2', 'b')],
    },
    { cardId: 'done', name: 'Done', type: 'Done', position: 'b', tasks: [task('t3', 'a')] },
  ],
} as unknown as Board;

const columns = { todo: ['t1', 't2'], done: ['t3'] };

describe('board moves', () => {
  it('finds the card of a task, a column droppable or a card sortable', () => {
    expect(containerOf(columns, 't3')).toBe('done');
    expect(containerOf(columns, 'col:todo')).toBe('todo');
    expect(containerOf(columns, 'card:done')).toBe('done');
    expect(containerOf(columns, 'nowhere')).toBeUndefined();
  });

  it('moves a dragged task into another column at the hovered task, or at its end', () => {
    expect(crossColumns(columns, 't1', 't3')).toEqual({ todo: ['t2'], done: ['t1', 't3'] });
    expect(crossColumns(columns, 't1', 'col:done')).toEqual({ todo: ['t2'], done: ['t3', 't1'] });
    expect(crossColumns(columns, 't1', 't2')).toBeNull();
  });

  it('places a dropped task between its new neighbours, or nowhere when it did not move', () => {
    const moved = taskDrop(board, { todo: ['t2'], done: ['t1', 't3'] }, 't1', 't1');
    expect(moved).toEqual({
      cardId: 'done',
      columns: { todo: ['t2'], done: ['t1', 't3'] },
      between: { before: 'a' },
    });
    expect(taskDrop(board, columns, 't1', 't1')).toBeNull();
    const reordered = taskDrop(board, columns, 't2', 't1');
    expect(reordered?.columns.todo).toEqual(['t2', 't1']);
    expect(reordered?.between).toEqual({ before: 'a' });
  });

  it('lands a task at the hovered task in its own column, else before it or at the end', () => {
    const three = { todo: ['t1', 't2', 't4'], done: ['t3'] };
    // Down: takes the hovered task's place, so it lands after it.
    expect(landing(three, 't1', 't2')).toEqual({ todo: ['t2', 't1', 't4'], done: ['t3'] });
    // Up: lands before the hovered task.
    expect(landing(three, 't4', 't1')).toEqual({ todo: ['t4', 't1', 't2'], done: ['t3'] });
    // Its own column's empty space: the end.
    expect(landing(three, 't1', 'col:todo')).toEqual({ todo: ['t2', 't4', 't1'], done: ['t3'] });
    expect(landing(three, 't1', 'col:done')).toEqual({ todo: ['t2', 't4'], done: ['t3', 't1'] });
    expect(landing(three, 't1', 't3')).toEqual({ todo: ['t2', 't4'], done: ['t1', 't3'] });
    // On itself, or the last one onto its own column: it stays.
    expect(landing(three, 't2', 't2')).toBeNull();
    expect(landing(three, 't4', 'col:todo')).toBeNull();
    expect(landing(three, 't1', 'nowhere')).toBeNull();
  });

  it('puts the drop indicator before the task that will follow, or at the end', () => {
    expect(dropMarker({ todo: ['t2', 't1', 't4'] }, 't1')).toEqual({
      cardId: 'todo',
      before: 't4',
    });
    expect(dropMarker({ todo: ['t2', 't4', 't1'] }, 't1')).toEqual({
      cardId: 'todo',
      before: null,
    });
    expect(dropMarker({ todo: ['t2'], done: ['t1', 't3'] }, 't1')).toEqual({
      cardId: 'done',
      before: 't3',
    });
  });

  it('sends what a landing means: the card and the new neighbours', () => {
    const landed = landing(columns, 't2', 'col:done')!;
    expect(taskDrop(board, landed, 't2', 't2')).toEqual({
      cardId: 'done',
      columns: { todo: ['t1'], done: ['t3', 't2'] },
      between: { after: 'a' },
    });
  });

  it('steps a card left or right, not past the edges', () => {
    expect(cardStep(board.cards, 'todo', 1)?.ordered.map((c) => c.cardId)).toEqual([
      'done',
      'todo',
    ]);
    expect(cardStep(board.cards, 'todo', 1)?.between).toEqual({ after: 'b' });
    expect(cardStep(board.cards, 'done', -1)?.between).toEqual({ before: 'a' });
    expect(cardStep(board.cards, 'todo', -1)).toBeNull();
    expect(cardStep(board.cards, 'done', 1)).toBeNull();
  });

  it('moves a card among cards, and not onto itself', () => {
    const drop = cardDrop(board.cards, 'card:done', 'card:todo');
    expect(drop?.cardId).toBe('done');
    expect(drop?.ordered.map((c) => c.cardId)).toEqual(['done', 'todo']);
    expect(drop?.between).toEqual({ before: 'a' });
    expect(cardDrop(board.cards, 'card:done', 'card:done')).toBeNull();
  });

  it('lays the board out as the columns say', () => {
    const laid = withColumns(board, { todo: ['t2'], done: ['t1', 't3'] });
    expect(laid.cards.map((c) => c.tasks.map((t) => t.taskId))).toEqual([['t2'], ['t1', 't3']]);
  });
});
