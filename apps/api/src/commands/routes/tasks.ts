import { type TaskCommand, taskOnBoard } from '@taskomask/domain';
import { type Intent, planOf } from '../aggregates';
import { boardResource, type CommandRoute, command, present, taskResource } from './route';

const task = (taskId: string, ...commands: Intent<TaskCommand>[]) =>
  planOf(taskOnBoard, taskId, commands);

/** Tasks, their labels, checklists and comments: decided on `task-<id>` and its board. */
export const taskRoutes: readonly CommandRoute[] = [
  command('createTask', {
    summary: 'Create a task on a card of the board (If-Match: the board version)',
    tag: 'tasks',
    scope: 'tasks:write',
    creates: 'id',
    resource: boardResource,
    plan: ({ boardId }, body, taskId) =>
      planOf(
        taskOnBoard,
        taskId,
        [
          {
            type: 'CreateTask',
            data: {
              taskId,
              boardId,
              cardId: body.cardId,
              title: body.title,
              description: body.description,
              after: body.after,
              before: body.before,
            },
          },
        ],
        'board',
      ),
  }),
  command('updateTask', {
    summary: 'Change title, description, assignee and/or due date',
    tag: 'tasks',
    scope: 'tasks:write',
    resource: taskResource,
    plan: ({ taskId }, body) =>
      task(
        taskId,
        ...[
          present(body.title)
            ? { type: 'RenameTask' as const, data: { taskId, title: body.title } }
            : undefined,
          present(body.description)
            ? { type: 'DescribeTask' as const, data: { taskId, description: body.description } }
            : undefined,
          body.assigneeId === null
            ? { type: 'UnassignTask' as const, data: { taskId } }
            : present(body.assigneeId)
              ? { type: 'AssignTask' as const, data: { taskId, assigneeId: body.assigneeId } }
              : undefined,
          body.dueDate === null
            ? { type: 'ClearDueDate' as const, data: { taskId } }
            : present(body.dueDate)
              ? { type: 'SetDueDate' as const, data: { taskId, dueDate: body.dueDate } }
              : undefined,
        ].filter(present),
      ),
  }),
  command('moveTask', {
    summary: 'Move a task to a card, between two tasks',
    tag: 'tasks',
    scope: 'tasks:write',
    resource: taskResource,
    plan: ({ taskId }, body) =>
      task(taskId, {
        type: 'MoveTask',
        data: { taskId, toCardId: body.toCardId, after: body.after, before: body.before },
      }),
  }),
  command('deleteTask', {
    summary: 'Delete a task',
    tag: 'tasks',
    scope: 'tasks:write',
    resource: taskResource,
    plan: ({ taskId }) => task(taskId, { type: 'DeleteTask', data: { taskId } }),
  }),
  command('addLabel', {
    summary: 'Add a label to a task',
    tag: 'tasks',
    scope: 'tasks:write',
    creates: 'entry',
    resource: taskResource,
    plan: ({ taskId }, body) =>
      task(taskId, { type: 'AddLabel', data: { taskId, label: body.label } }),
  }),
  command('removeLabel', {
    summary: 'Remove a label from a task (case-insensitive; URL-encode it)',
    tag: 'tasks',
    scope: 'tasks:write',
    resource: taskResource,
    plan: ({ taskId, label }) => task(taskId, { type: 'RemoveLabel', data: { taskId, label } }),
  }),
  command('addChecklistItem', {
    summary: 'Add a checklist item',
    tag: 'tasks',
    scope: 'tasks:write',
    creates: 'id',
    resource: taskResource,
    plan: ({ taskId }, body, itemId) =>
      task(taskId, { type: 'AddChecklistItem', data: { taskId, itemId, text: body.text } }),
  }),
  command('updateChecklistItem', {
    summary: 'Check or uncheck a checklist item',
    tag: 'tasks',
    scope: 'tasks:write',
    resource: taskResource,
    plan: ({ taskId, itemId }, body) =>
      task(taskId, {
        type: body.done ? 'CheckChecklistItem' : 'UncheckChecklistItem',
        data: { taskId, itemId },
      }),
  }),
  command('removeChecklistItem', {
    summary: 'Remove a checklist item',
    tag: 'tasks',
    scope: 'tasks:write',
    resource: taskResource,
    plan: ({ taskId, itemId }) =>
      task(taskId, { type: 'RemoveChecklistItem', data: { taskId, itemId } }),
  }),
  command('addComment', {
    summary: 'Comment on a task',
    tag: 'comments',
    scope: 'tasks:write',
    creates: 'id',
    resource: taskResource,
    plan: ({ taskId }, body, commentId) =>
      task(taskId, { type: 'AddComment', data: { taskId, commentId, text: body.text } }),
  }),
  command('editComment', {
    summary: 'Edit your comment',
    tag: 'comments',
    scope: 'tasks:write',
    resource: taskResource,
    plan: ({ taskId, commentId }, body) =>
      task(taskId, { type: 'EditComment', data: { taskId, commentId, text: body.text } }),
  }),
  command('deleteComment', {
    summary: 'Delete a comment (its author, or an owner/admin)',
    tag: 'comments',
    scope: 'tasks:write',
    resource: taskResource,
    plan: ({ taskId, commentId }) =>
      task(taskId, { type: 'DeleteComment', data: { taskId, commentId } }),
  }),
];
