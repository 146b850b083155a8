import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../messages';
import { streamName } from '../streams';
import { boardId, now, recorded, taskCreated, taskId, workspaceId } from '../testing/fixtures';
import { evolveTaskDetails, initialTaskDetails, taskDetails } from './task-details';

const stream = streamName.task(taskId);
const events: DomainEvent[] = [
  taskCreated,
  { type: 'TaskDescribed', data: { taskId, boardId, description: '**Bold** plan' } },
  { type: 'TaskAssigned', data: { taskId, boardId, assigneeId: 'adam', previousAssigneeId: null } },
  {
    type: 'TaskDueDateSet',
    data: { taskId, boardId, dueDate: '2025-04-01', previousDueDate: null },
  },
  { type: 'TaskLabelAdded', data: { taskId, boardId, label: 'copy' } },
  { type: 'TaskLabelAdded', data: { taskId, boardId, label: 'seo' } },
  { type: 'TaskLabelRemoved', data: { taskId, boardId, label: 'copy' } },
  { type: 'ChecklistItemAdded', data: { taskId, boardId, itemId: 'i1', text: 'Draft' } },
  { type: 'ChecklistItemAdded', data: { taskId, boardId, itemId: 'i2', text: 'Review' } },
  { type: 'ChecklistItemAdded', data: { taskId, boardId, itemId: 'i3', text: 'Ship' } },
  { type: 'ChecklistItemChecked', data: { taskId, boardId, itemId: 'i1', text: 'Draft' } },
  { type: 'ChecklistItemChecked', data: { taskId, boardId, itemId: 'i2', text: 'Review' } },
  { type: 'ChecklistItemUnchecked', data: { taskId, boardId, itemId: 'i2', text: 'Review' } },
  {
    type: 'ChecklistItemRemoved',
    data: { taskId, boardId, itemId: 'i3', text: 'Ship', wasChecked: false },
  },
  {
    type: 'CommentAdded',
    data: { taskId, boardId, commentId: 'k1', authorId: 'mia', text: 'Hi', createdAt: now },
  },
  {
    type: 'CommentAdded',
    data: { taskId, boardId, commentId: 'k2', authorId: 'adam', text: 'Yo', createdAt: now },
  },
  {
    type: 'CommentEdited',
    data: { taskId, boardId, commentId: 'k1', text: 'Hello', editedAt: '2025-03-02T00:00:00Z' },
  },
  { type: 'CommentDeleted', data: { taskId, boardId, commentId: 'k2', authorId: 'adam' } },
  {
    type: 'TaskMoved',
    data: {
      taskId,
      boardId,
      fromCardId: 'todo',
      toCardId: 'doing',
      position: 'a5',
      fromCardName: 'To do',
      toCardName: 'Doing',
    },
  },
  {
    type: 'TaskRenamed',
    data: { taskId, boardId, title: 'Write the copy', previousTitle: 'Write copy' },
  },
];
const history = recorded(events.map((event) => [stream, event] as const));

describe('taskDetails', () => {
  it('holds every field, the checklist and the comments', () => {
    expect(taskDetails(taskId, history)).toEqual({
      taskId,
      status: 'active',
      workspaceId,
      boardId,
      cardId: 'doing',
      title: 'Write the copy',
      description: '**Bold** plan',
      position: 'a5',
      assigneeId: 'adam',
      labels: ['seo'],
      dueDate: '2025-04-01',
      checklist: [
        { itemId: 'i1', text: 'Draft', done: true },
        { itemId: 'i2', text: 'Review', done: false },
      ],
      comments: [
        {
          commentId: 'k1',
          authorId: 'mia',
          text: 'Hello',
          createdAt: now,
          editedAt: '2025-03-02T00:00:00Z',
        },
      ],
      createdBy: 'mia',
      createdAt: now,
      updatedAt: history.at(-1)?.occurredAt,
      version: history.length,
      lastGlobalPosition: history.length,
    });
  });

  it('clears and deletes', () => {
    const more = recorded(
      [
        [stream, { type: 'TaskUnassigned', data: { taskId, boardId, previousAssigneeId: 'adam' } }],
        [
          stream,
          { type: 'TaskDueDateCleared', data: { taskId, boardId, previousDueDate: '2025-04-01' } },
        ],
        [
          stream,
          {
            type: 'TaskDeleted',
            data: { taskId, boardId, cardId: 'doing', title: 'Write the copy' },
          },
        ],
      ],
      { after: history },
    );
    expect(taskDetails(taskId, [...history, ...more])).toMatchObject({
      status: 'deleted',
      assigneeId: null,
      dueDate: null,
    });
  });

  it('skips redeliveries, other streams and unknown types', () => {
    const details = taskDetails(taskId, history);
    expect(history.reduce(evolveTaskDetails, details)).toEqual(details);
    const others = recorded(
      [
        ['task-t9', { ...taskCreated, data: { ...taskCreated.data, taskId: 't9' } } as DomainEvent],
        [
          streamName.board(boardId),
          { type: 'BoardTaskRenamed', data: { boardId, taskId, title: 'Other' } },
        ],
      ],
      { after: history },
    );
    expect(others.reduce(evolveTaskDetails, details)).toEqual(details);
    const [unknown] = recorded([[stream, { type: 'TaskPainted', data: { taskId } } as never]], {
      after: history,
    });
    expect(evolveTaskDetails(details, unknown!)).toMatchObject({ title: 'Write the copy' });
    expect(initialTaskDetails(taskId)).toMatchObject({ status: 'initial', version: 0 });
  });
});
