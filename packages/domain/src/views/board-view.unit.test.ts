import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../event';
import type { DomainEvent } from '../messages';
import { streamName } from '../streams';
import {
  boardCreated,
  boardId,
  cards,
  projectId,
  recorded,
  taskCreated,
  taskId,
  taskRegistered,
  workspaceId,
} from '../testing/fixtures';
import { boardView, evolveBoardView, initialBoardView } from './board-view';

const board = streamName.board(boardId);
const t1 = streamName.task(taskId);
const t2 = streamName.task('t2');

const t2Created: DomainEvent = {
  type: 'TaskCreated',
  data: {
    ...(taskCreated.data as Extract<DomainEvent, { type: 'TaskCreated' }>['data']),
    taskId: 't2',
    title: 'Fix footer',
    position: 'a0',
  },
};

const history = recorded([
  [board, boardCreated],
  ...cards.map((card) => [board, card] as const),
  [t1, taskCreated],
  [board, taskRegistered],
  [t2, t2Created],
  [
    t1,
    {
      type: 'TaskAssigned',
      data: { taskId, boardId, assigneeId: 'mia', previousAssigneeId: null },
    },
  ],
  [t1, { type: 'TaskLabelAdded', data: { taskId, boardId, label: 'copy' } }],
  [
    t1,
    {
      type: 'TaskDueDateSet',
      data: { taskId, boardId, dueDate: '2025-04-01', previousDueDate: null },
    },
  ],
  [t1, { type: 'ChecklistItemAdded', data: { taskId, boardId, itemId: 'i1', text: 'Draft' } }],
  [t1, { type: 'ChecklistItemAdded', data: { taskId, boardId, itemId: 'i2', text: 'Review' } }],
  [t1, { type: 'ChecklistItemChecked', data: { taskId, boardId, itemId: 'i1', text: 'Draft' } }],
  [
    t1,
    {
      type: 'CommentAdded',
      data: { taskId, boardId, commentId: 'k1', authorId: 'mia', text: 'Hi', createdAt: 'x' },
    },
  ],
  [
    board,
    {
      type: 'CardRenamed',
      data: { boardId, cardId: 'doing', name: 'In progress', previousName: 'Doing' },
    },
  ],
]);

describe('boardView', () => {
  it('shows cards in order, each with its tasks in order and their summaries', () => {
    const view = boardView(boardId, history);
    expect(view).toMatchObject({
      boardId,
      status: 'active',
      workspaceId,
      projectId,
      name: 'Sprint 1',
    });
    expect(view.cards.map((c) => [c.cardId, c.name, c.type])).toEqual([
      ['todo', 'To do', 'ToDo'],
      ['doing', 'In progress', 'Doing'],
      ['done', 'Done', 'Done'],
    ]);
    // Both tasks raced into the same gap ('a0'): the id breaks the tie.
    expect(view.cards[0]?.tasks).toEqual([
      {
        taskId: 't1',
        title: 'Write copy',
        position: 'a0',
        assigneeId: 'mia',
        labels: ['copy'],
        dueDate: '2025-04-01',
        checklist: { done: 1, total: 2 },
        commentCount: 1,
      },
      {
        taskId: 't2',
        title: 'Fix footer',
        position: 'a0',
        assigneeId: null,
        labels: [],
        dueDate: null,
        checklist: { done: 0, total: 0 },
        commentCount: 0,
      },
    ]);
    expect(view.lastGlobalPosition).toBe(history.length);
  });

  it('follows moves, reorders, renames, removals and deletions', () => {
    const more = recorded(
      [
        [
          t1,
          {
            type: 'TaskMoved',
            data: {
              taskId,
              boardId,
              fromCardId: 'todo',
              toCardId: 'done',
              position: 'a0',
              fromCardName: 'To do',
              toCardName: 'Done',
            },
          },
        ],
        [
          t2,
          {
            type: 'TaskMoved',
            data: {
              taskId: 't2',
              boardId,
              fromCardId: 'todo',
              toCardId: 'done',
              position: 'Zz',
              fromCardName: 'To do',
              toCardName: 'Done',
            },
          },
        ],
        [
          t1,
          {
            type: 'TaskRenamed',
            data: { taskId, boardId, title: 'Write the copy', previousTitle: 'Write copy' },
          },
        ],
        [
          t1,
          {
            type: 'ChecklistItemRemoved',
            data: { taskId, boardId, itemId: 'i1', text: 'Draft', wasChecked: true },
          },
        ],
        [
          t1,
          { type: 'CommentDeleted', data: { taskId, boardId, commentId: 'k1', authorId: 'mia' } },
        ],
        [t1, { type: 'TaskLabelRemoved', data: { taskId, boardId, label: 'copy' } }],
        [t1, { type: 'TaskUnassigned', data: { taskId, boardId, previousAssigneeId: 'mia' } }],
        [
          t1,
          { type: 'TaskDueDateCleared', data: { taskId, boardId, previousDueDate: '2025-04-01' } },
        ],
        [
          board,
          { type: 'CardMoved', data: { boardId, cardId: 'done', name: 'Done', position: 'Zz' } },
        ],
        [
          board,
          {
            type: 'CardTypeChanged',
            data: { boardId, cardId: 'todo', name: 'To do', type: 'Backlog', previousType: 'ToDo' },
          },
        ],
        [board, { type: 'CardDeleted', data: { boardId, cardId: 'doing', name: 'In progress' } }],
        [
          t2,
          {
            type: 'TaskDeleted',
            data: { taskId: 't2', boardId, cardId: 'done', title: 'Fix footer' },
          },
        ],
        [
          board,
          { type: 'BoardRenamed', data: { boardId, name: 'Sprint One', previousName: 'Sprint 1' } },
        ],
      ],
      { after: history },
    );
    const view = boardView(boardId, [...history, ...more]);
    expect(view.name).toBe('Sprint One');
    expect(view.cards.map((c) => [c.cardId, c.type, c.tasks.map((t) => t.taskId)])).toEqual([
      ['done', 'Done', ['t1']],
      ['todo', 'Backlog', []],
    ]);
    expect(view.cards[0]?.tasks[0]).toEqual({
      taskId: 't1',
      title: 'Write the copy',
      position: 'a0',
      assigneeId: null,
      labels: [],
      dueDate: null,
      checklist: { done: 0, total: 1 },
      commentCount: 0,
    });
    const [boardDeleted] = recorded(
      [
        [
          board,
          { type: 'BoardDeleted', data: { boardId, workspaceId, projectId, name: 'Sprint One' } },
        ],
      ],
      { after: [...history, ...more] },
    );
    const deleted = evolveBoardView(view, boardDeleted!);
    expect(deleted.status).toBe('deleted');
  });

  it('is the board as of any moment: fold a prefix of the log', () => {
    const early = boardView(boardId, history.slice(0, 4));
    expect(early.cards.map((c) => c.cardId)).toEqual(['todo', 'doing', 'done']);
    expect(early.cards.flatMap((c) => c.tasks)).toEqual([]);
    const next = boardView(boardId, history.slice(0, 5));
    expect(next.cards.flatMap((c) => c.tasks.map((t) => t.title))).toEqual(['Write copy']);
    expect(boardView(boardId, []).status).toBe('initial');
  });

  it('gives the same board whatever order the streams interleave in', () => {
    const inOrder = boardView(boardId, history);
    // Every task event first, the board's own events (its cards) last: as a redelivery can.
    const taskFirst = [
      ...history.filter((e) => e.streamName !== board),
      ...history.filter((e) => e.streamName === board),
    ];
    expect(boardView(boardId, taskFirst)).toEqual(inOrder);
    expect(inOrder.unplaced).toEqual([]);
  });

  it('ignores other boards, other streams and unknown event types', () => {
    const view = boardView(boardId, history);
    const others = recorded(
      [
        [
          'board-b9',
          { ...boardCreated, data: { ...boardCreated.data, boardId: 'b9' } } as DomainEvent,
        ],
        [
          'task-t9',
          { ...t2Created, data: { ...t2Created.data, taskId: 't9', boardId: 'b9' } } as DomainEvent,
        ],
        [
          'workspace-w1',
          {
            type: 'ProjectBoardRenamed',
            data: { workspaceId, projectId, boardId, name: 'Sprint X' },
          },
        ],
      ],
      { after: history },
    );
    const unknown = {
      ...others[0]!,
      streamName: board,
      streamVersion: 100,
      type: 'BoardPainted',
      data: { boardId, colour: 'red' },
    } as RecordedEvent;
    const noData = { ...unknown, streamVersion: 101, data: null } as unknown as RecordedEvent;
    const after = [...others, noData].reduce(evolveBoardView, view);
    expect(after).toEqual(view);
    const afterUnknown = evolveBoardView(view, unknown);
    expect(afterUnknown.cards).toEqual(view.cards);
    expect(afterUnknown.name).toBe(view.name);
  });

  it('starts empty', () => {
    expect(initialBoardView(boardId)).toMatchObject({ boardId, status: 'initial', cards: [] });
  });
});
