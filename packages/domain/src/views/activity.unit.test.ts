import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../messages';
import { streamName } from '../streams';
import {
  boardCreated,
  boardId,
  projectId,
  recorded,
  taskCreated,
  taskId,
  workspaceCreated,
  workspaceId,
} from '../testing/fixtures';
import { activityEntry } from './activity';

const lineOf = (event: DomainEvent, userId = 'mia') =>
  activityEntry(recorded([['any-1', event]], { userId })[0]!)?.text;

const t = { taskId, boardId };

describe('activityEntry', () => {
  it('gives the when, who, what and where of an event', () => {
    const [event] = recorded(
      [
        [
          streamName.task(taskId),
          {
            type: 'TaskMoved',
            data: {
              ...t,
              fromCardId: 'todo',
              toCardId: 'doing',
              position: 'a1',
              fromCardName: 'ToDo',
              toCardName: 'Doing',
            },
          },
        ],
      ],
      { userId: 'adam' },
    );
    expect(activityEntry(event!)).toEqual({
      at: event?.occurredAt,
      actorId: 'adam',
      kind: 'TaskMoved',
      text: 'moved the task from ToDo to Doing',
      streamName: 'task-t1',
      streamVersion: 1,
      globalPosition: 1,
      workspaceId: null,
      boardId,
      taskId,
    });
  });

  it.each<[DomainEvent, string]>([
    [workspaceCreated, 'created the workspace "Acme"'],
    [
      { type: 'WorkspaceRenamed', data: { workspaceId, name: 'B', previousName: 'A' } },
      'renamed the workspace "A" to "B"',
    ],
    [
      { type: 'WorkspaceDescribed', data: { workspaceId, description: 'x' } },
      'changed the description of the workspace',
    ],
    [
      { type: 'WorkspaceDeleted', data: { workspaceId, name: 'Acme' } },
      'deleted the workspace "Acme"',
    ],
    [
      { type: 'MemberAdded', data: { workspaceId, ownerId: 'val', role: 'viewer' } },
      'added @val as viewer',
    ],
    [
      { type: 'MemberRemoved', data: { workspaceId, ownerId: 'val', role: 'viewer' } },
      'removed @val from the workspace',
    ],
    [
      { type: 'MemberRemoved', data: { workspaceId, ownerId: 'mia', role: 'member' } },
      'left the workspace',
    ],
    [
      {
        type: 'MemberRoleChanged',
        data: { workspaceId, ownerId: 'val', role: 'member', previousRole: 'viewer' },
      },
      'changed the role of @val from viewer to member',
    ],
    [
      { type: 'ProjectAdded', data: { workspaceId, projectId, name: 'Web', description: '' } },
      'created the project "Web"',
    ],
    [
      { type: 'ProjectRenamed', data: { workspaceId, projectId, name: 'B', previousName: 'A' } },
      'renamed the project "A" to "B"',
    ],
    [
      { type: 'ProjectDescribed', data: { workspaceId, projectId, description: 'x' } },
      'changed the description of a project',
    ],
    [
      { type: 'ProjectDeleted', data: { workspaceId, projectId, name: 'Web' } },
      'deleted the project "Web"',
    ],
    [boardCreated, 'created the board "Sprint 1"'],
    [
      { type: 'BoardRenamed', data: { boardId, name: 'B', previousName: 'A' } },
      'renamed the board "A" to "B"',
    ],
    [
      { type: 'BoardDescribed', data: { boardId, description: 'x' } },
      'changed the description of the board',
    ],
    [
      { type: 'BoardDeleted', data: { boardId, workspaceId, projectId, name: 'S' } },
      'deleted the board "S"',
    ],
    [
      {
        type: 'CardAdded',
        data: { boardId, cardId: 'c', name: 'Doing', type: 'Doing', position: 'a0' },
      },
      'added the card "Doing" (Doing)',
    ],
    [
      { type: 'CardRenamed', data: { boardId, cardId: 'c', name: 'B', previousName: 'A' } },
      'renamed the card "A" to "B"',
    ],
    [
      {
        type: 'CardTypeChanged',
        data: { boardId, cardId: 'c', name: 'QA', type: 'Done', previousType: 'Doing' },
      },
      'changed the card "QA" from Doing to Done',
    ],
    [
      { type: 'CardMoved', data: { boardId, cardId: 'c', name: 'QA', position: 'a0' } },
      'moved the card "QA"',
    ],
    [{ type: 'CardDeleted', data: { boardId, cardId: 'c', name: 'QA' } }, 'deleted the card "QA"'],
    [taskCreated, 'created the task "Write copy"'],
    [
      { type: 'TaskRenamed', data: { ...t, title: 'B', previousTitle: 'A' } },
      'renamed the task "A" to "B"',
    ],
    [
      { type: 'TaskDescribed', data: { ...t, description: 'x' } },
      'changed the description of the task',
    ],
    [
      { type: 'TaskAssigned', data: { ...t, assigneeId: 'adam', previousAssigneeId: null } },
      'assigned the task to @adam',
    ],
    [
      { type: 'TaskAssigned', data: { ...t, assigneeId: 'adam', previousAssigneeId: 'mia' } },
      'reassigned the task from @mia to @adam',
    ],
    [
      { type: 'TaskUnassigned', data: { ...t, previousAssigneeId: 'adam' } },
      'unassigned @adam from the task',
    ],
    [
      { type: 'TaskDueDateSet', data: { ...t, dueDate: '2025-04-01', previousDueDate: null } },
      'set the due date to 2025-04-01',
    ],
    [
      { type: 'TaskDueDateCleared', data: { ...t, previousDueDate: '2025-04-01' } },
      'removed the due date',
    ],
    [{ type: 'TaskLabelAdded', data: { ...t, label: 'seo' } }, 'added the label "seo"'],
    [{ type: 'TaskLabelRemoved', data: { ...t, label: 'seo' } }, 'removed the label "seo"'],
    [
      { type: 'ChecklistItemAdded', data: { ...t, itemId: 'i', text: 'Draft' } },
      'added "Draft" to the checklist',
    ],
    [
      { type: 'ChecklistItemChecked', data: { ...t, itemId: 'i', text: 'Draft' } },
      'checked "Draft"',
    ],
    [
      { type: 'ChecklistItemUnchecked', data: { ...t, itemId: 'i', text: 'Draft' } },
      'unchecked "Draft"',
    ],
    [
      {
        type: 'ChecklistItemRemoved',
        data: { ...t, itemId: 'i', text: 'Draft', wasChecked: false },
      },
      'removed "Draft" from the checklist',
    ],
    [
      {
        type: 'TaskMoved',
        data: {
          ...t,
          fromCardId: 'a',
          toCardId: 'a',
          position: 'a1',
          fromCardName: 'ToDo',
          toCardName: 'ToDo',
        },
      },
      'reordered the task in ToDo',
    ],
    [{ type: 'TaskDeleted', data: { ...t, cardId: 'c', title: 'Old' } }, 'deleted the task "Old"'],
    [
      {
        type: 'CommentAdded',
        data: { ...t, commentId: 'k', authorId: 'mia', text: 'Looks good', createdAt: 'x' },
      },
      'commented: "Looks good"',
    ],
    [
      { type: 'CommentEdited', data: { ...t, commentId: 'k', text: 'x', editedAt: 'x' } },
      'edited a comment',
    ],
    [
      { type: 'CommentDeleted', data: { ...t, commentId: 'k', authorId: 'mia' } },
      'deleted a comment',
    ],
    [
      { type: 'CommentDeleted', data: { ...t, commentId: 'k', authorId: 'val' } },
      'deleted a comment by @val',
    ],
  ])('%j reads "%s"', (event, text) => {
    expect(lineOf(event)).toBe(text);
  });

  it('shortens long comments in the line', () => {
    const text = `${'é'.repeat(100)}`;
    const line = lineOf({
      type: 'CommentAdded',
      data: { ...t, commentId: 'k', authorId: 'mia', text, createdAt: 'x' },
    });
    expect(line).toBe(`commented: "${'é'.repeat(79)}…"`);
  });

  it('gives no line for registry events, unknown types and malformed events', () => {
    const registry: DomainEvent[] = [
      { type: 'ProjectBoardAdded', data: { workspaceId, projectId, boardId, name: 'S' } },
      { type: 'ProjectBoardRenamed', data: { workspaceId, projectId, boardId, name: 'S' } },
      { type: 'ProjectBoardRemoved', data: { workspaceId, projectId, boardId } },
      { type: 'OwnerWorkspaceAdded', data: { ownerId: 'a', workspaceId, name: 'A' } },
      { type: 'OwnerWorkspaceRenamed', data: { ownerId: 'a', workspaceId, name: 'A' } },
      { type: 'OwnerWorkspaceRemoved', data: { ownerId: 'a', workspaceId } },
      { type: 'BoardTaskAdded', data: { boardId, taskId, cardId: 'c', title: 'T' } },
      { type: 'BoardTaskRenamed', data: { boardId, taskId, title: 'T' } },
      { type: 'BoardTaskMoved', data: { boardId, taskId, cardId: 'c' } },
      { type: 'BoardTaskRemoved', data: { boardId, taskId } },
      { type: 'AccountRegistered', data: { ownerId: 'a' } } as never,
    ];
    for (const event of registry) expect(lineOf(event), event.type).toBeUndefined();
    const [malformed] = recorded([['x-1', { type: 'TaskCreated', data: null } as never]]);
    expect(activityEntry(malformed!)).toBeNull();
  });
});
