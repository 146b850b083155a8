import {
  type ActiveBoard,
  type BoardState,
  requireActiveBoard,
  requireCard,
  requireSameWorkspace,
} from '../board/state';
import { AlreadyExists, ForbiddenError, NotFoundError, RuleViolation } from '../errors';
import { limits } from '../limits';
import { positionAtEndAsOf, positionBetween } from '../position';
import {
  nameKey,
  requireDescription,
  requireDistinct,
  requireId,
  requireName,
  requireText,
} from '../validation';
import { authorize, type Capability, can, roleOf } from '../workspace/permissions';
import type { Role, WorkspaceState } from '../workspace/state';
import type {
  AddChecklistItem,
  AddComment,
  AddLabel,
  AssignTask,
  CheckChecklistItem,
  ClearDueDate,
  CreateTask,
  DeleteComment,
  DeleteTask,
  DescribeTask,
  EditComment,
  MoveTask,
  RemoveChecklistItem,
  RemoveLabel,
  RenameTask,
  SetDueDate,
  TaskCommand,
  UnassignTask,
  UncheckChecklistItem,
} from './commands';
import { requireDueDate } from './due-date';
import type { TaskEvent } from './events';
import {
  type ActiveTask,
  type ChecklistItem,
  requireActiveTask,
  type TaskComment,
  type TaskState,
} from './state';

/**
 * What a task decision reads besides the task: the board (it must be live; it holds the cards,
 * the titles for uniqueness and the task count) and the workspace (the actor's role, and the
 * members an assignee must be one of).
 */
export type TaskContext = Readonly<{ workspace: WorkspaceState; board: BoardState }>;

export function decideTask(
  command: TaskCommand,
  state: TaskState,
  context: TaskContext,
): TaskEvent[] {
  switch (command.type) {
    case 'CreateTask':
      return createTask(command, state, context);
    case 'RenameTask':
      return renameTask(command, state, context);
    case 'DescribeTask':
      return describeTask(command, state, context);
    case 'AssignTask':
      return assignTask(command, state, context);
    case 'UnassignTask':
      return unassignTask(command, state, context);
    case 'SetDueDate':
      return setDueDate(command, state, context);
    case 'ClearDueDate':
      return clearDueDate(command, state, context);
    case 'AddLabel':
      return addLabel(command, state, context);
    case 'RemoveLabel':
      return removeLabel(command, state, context);
    case 'AddChecklistItem':
      return addChecklistItem(command, state, context);
    case 'CheckChecklistItem':
      return checkChecklistItem(command, state, context);
    case 'UncheckChecklistItem':
      return uncheckChecklistItem(command, state, context);
    case 'RemoveChecklistItem':
      return removeChecklistItem(command, state, context);
    case 'MoveTask':
      return moveTask(command, state, context);
    case 'DeleteTask':
      return deleteTask(command, state, context);
    case 'AddComment':
      return addComment(command, state, context);
    case 'EditComment':
      return editComment(command, state, context);
    case 'DeleteComment':
      return deleteComment(command, state, context);
    default: {
      const unknown: never = command;
      throw new Error(`unknown task command ${(unknown as { type: string }).type}`);
    }
  }
}

type Access = Readonly<{ task: ActiveTask; board: ActiveBoard; role: Role }>;

/** The live task on its live board, with the actor's role when it grants `capability`. */
function access(
  state: TaskState,
  command: TaskCommand,
  context: TaskContext,
  capability: Capability,
): Access {
  const task = requireActiveTask(state, command.data.taskId);
  const board = requireActiveBoard(context.board, task.boardId);
  if (board.boardId !== task.boardId) {
    throw new Error(`task ${task.taskId} is on board ${task.boardId}, not ${board.boardId}`);
  }
  requireSameWorkspace(board, context.workspace);
  const role = authorize(context.workspace, command.metadata.userId, capability);
  return { task, board, role };
}

function createTask(command: CreateTask, state: TaskState, context: TaskContext): TaskEvent[] {
  const { data, metadata } = command;
  const taskId = requireId('taskId', data.taskId);
  const board = requireActiveBoard(context.board, data.boardId);
  if (board.boardId !== data.boardId) {
    throw new Error(`board ${board.boardId} given for a task on board ${data.boardId}`);
  }
  requireSameWorkspace(board, context.workspace);
  authorize(context.workspace, metadata.userId, 'tasks:write');
  if (state.status !== 'initial') throw new AlreadyExists('task', taskId);
  const card = requireCard(board, data.cardId);
  const title = requireName('title', data.title);
  const description = requireDescription(
    'description',
    data.description,
    limits.taskDescriptionMax,
  );
  requireDistinct(title, description);
  // Unique titles and the task limit are the board registry's conditions (decideTaskOnBoard).
  // No neighbours: the end of the card (the board does not know task positions; see
  // positionAtEndAsOf). One neighbour or two: between them.
  const position =
    data.after == null && data.before == null
      ? positionAtEndAsOf(metadata.now, taskId)
      : positionBetween(data.after, data.before, taskId);
  return [
    {
      type: 'TaskCreated',
      data: {
        taskId,
        workspaceId: board.workspaceId,
        boardId: board.boardId,
        cardId: card.cardId,
        title,
        description,
        position,
        createdBy: metadata.userId,
        createdAt: metadata.now,
      },
    },
  ];
}

function renameTask(command: RenameTask, state: TaskState, context: TaskContext): TaskEvent[] {
  const { task } = access(state, command, context, 'tasks:write');
  const title = requireName('title', command.data.title);
  if (title === task.title) return [];
  requireDistinct(title, task.description, 'title');
  return [
    {
      type: 'TaskRenamed',
      data: { taskId: task.taskId, boardId: task.boardId, title, previousTitle: task.title },
    },
  ];
}

function describeTask(command: DescribeTask, state: TaskState, context: TaskContext): TaskEvent[] {
  const { task } = access(state, command, context, 'tasks:write');
  const description = requireDescription(
    'description',
    command.data.description,
    limits.taskDescriptionMax,
  );
  if (description === task.description) return [];
  requireDistinct(task.title, description);
  return [
    { type: 'TaskDescribed', data: { taskId: task.taskId, boardId: task.boardId, description } },
  ];
}

function assignTask(command: AssignTask, state: TaskState, context: TaskContext): TaskEvent[] {
  const { task } = access(state, command, context, 'tasks:write');
  const assigneeId = requireId('assigneeId', command.data.assigneeId);
  if (assigneeId === task.assigneeId) return [];
  const assigneeRole = roleOf(context.workspace, assigneeId);
  if (assigneeRole === null) {
    throw new RuleViolation('assignee_not_member', 'the assignee is not a member of the workspace');
  }
  // A viewer could never move or edit the task they would be responsible for.
  if (!can(assigneeRole, 'tasks:write')) {
    throw new RuleViolation('assignee_read_only', 'a viewer cannot be assigned tasks');
  }
  return [
    {
      type: 'TaskAssigned',
      data: {
        taskId: task.taskId,
        boardId: task.boardId,
        assigneeId,
        previousAssigneeId: task.assigneeId,
      },
    },
  ];
}

function unassignTask(command: UnassignTask, state: TaskState, context: TaskContext): TaskEvent[] {
  const { task } = access(state, command, context, 'tasks:write');
  if (task.assigneeId === null) return [];
  return [
    {
      type: 'TaskUnassigned',
      data: { taskId: task.taskId, boardId: task.boardId, previousAssigneeId: task.assigneeId },
    },
  ];
}

function setDueDate(command: SetDueDate, state: TaskState, context: TaskContext): TaskEvent[] {
  const { task } = access(state, command, context, 'tasks:write');
  const dueDate = requireDueDate(command.data.dueDate);
  if (dueDate === task.dueDate) return [];
  return [
    {
      type: 'TaskDueDateSet',
      data: { taskId: task.taskId, boardId: task.boardId, dueDate, previousDueDate: task.dueDate },
    },
  ];
}

function clearDueDate(command: ClearDueDate, state: TaskState, context: TaskContext): TaskEvent[] {
  const { task } = access(state, command, context, 'tasks:write');
  if (task.dueDate === null) return [];
  return [
    {
      type: 'TaskDueDateCleared',
      data: { taskId: task.taskId, boardId: task.boardId, previousDueDate: task.dueDate },
    },
  ];
}

function findLabel(task: ActiveTask, label: string): string | undefined {
  const key = nameKey(label);
  return task.labels.find((existing) => nameKey(existing) === key);
}

function addLabel(command: AddLabel, state: TaskState, context: TaskContext): TaskEvent[] {
  const { task } = access(state, command, context, 'tasks:write');
  const label = requireText('label', command.data.label, 1, limits.labelMax);
  if (findLabel(task, label) !== undefined) return [];
  if (task.labels.length >= limits.labelsPerTask) {
    throw new RuleViolation('label_limit', `a task has at most ${limits.labelsPerTask} labels`);
  }
  return [{ type: 'TaskLabelAdded', data: { taskId: task.taskId, boardId: task.boardId, label } }];
}

function removeLabel(command: RemoveLabel, state: TaskState, context: TaskContext): TaskEvent[] {
  const { task } = access(state, command, context, 'tasks:write');
  const label = findLabel(task, requireText('label', command.data.label, 1, limits.labelMax));
  if (label === undefined) return [];
  return [
    { type: 'TaskLabelRemoved', data: { taskId: task.taskId, boardId: task.boardId, label } },
  ];
}

function requireChecklistItem(task: ActiveTask, itemId: string): ChecklistItem {
  const item = task.checklist.get(itemId);
  if (item === undefined) throw new NotFoundError('checklist_item', itemId);
  return item;
}

function addChecklistItem(
  command: AddChecklistItem,
  state: TaskState,
  context: TaskContext,
): TaskEvent[] {
  const { task } = access(state, command, context, 'tasks:write');
  const itemId = requireId('itemId', command.data.itemId);
  const text = requireText('text', command.data.text, 1, limits.checklistItemMax);
  const existing = task.checklist.get(itemId);
  if (existing !== undefined) {
    // A retried add is a no-op; the same id for other text is a clash.
    if (existing.text === text) return [];
    throw new AlreadyExists('checklist_item', itemId);
  }
  if (task.checklist.size >= limits.checklistItemsPerTask) {
    throw new RuleViolation(
      'checklist_limit',
      `a checklist has at most ${limits.checklistItemsPerTask} items`,
    );
  }
  return [
    {
      type: 'ChecklistItemAdded',
      data: { taskId: task.taskId, boardId: task.boardId, itemId, text },
    },
  ];
}

function checkChecklistItem(
  command: CheckChecklistItem,
  state: TaskState,
  context: TaskContext,
): TaskEvent[] {
  const { task } = access(state, command, context, 'tasks:write');
  const item = requireChecklistItem(task, command.data.itemId);
  if (item.done) return [];
  return [
    {
      type: 'ChecklistItemChecked',
      data: { taskId: task.taskId, boardId: task.boardId, itemId: item.itemId, text: item.text },
    },
  ];
}

function uncheckChecklistItem(
  command: UncheckChecklistItem,
  state: TaskState,
  context: TaskContext,
): TaskEvent[] {
  const { task } = access(state, command, context, 'tasks:write');
  const item = requireChecklistItem(task, command.data.itemId);
  if (!item.done) return [];
  return [
    {
      type: 'ChecklistItemUnchecked',
      data: { taskId: task.taskId, boardId: task.boardId, itemId: item.itemId, text: item.text },
    },
  ];
}

function removeChecklistItem(
  command: RemoveChecklistItem,
  state: TaskState,
  context: TaskContext,
): TaskEvent[] {
  const { task } = access(state, command, context, 'tasks:write');
  const item = requireChecklistItem(task, command.data.itemId);
  return [
    {
      type: 'ChecklistItemRemoved',
      data: {
        taskId: task.taskId,
        boardId: task.boardId,
        itemId: item.itemId,
        text: item.text,
        wasChecked: item.done,
      },
    },
  ];
}

function moveTask(command: MoveTask, state: TaskState, context: TaskContext): TaskEvent[] {
  const { task, board } = access(state, command, context, 'tasks:write');
  const toCard = requireCard(board, command.data.toCardId);
  const { after, before } = command.data;
  // Onto its own card without neighbours: it stays where it is (it may have been created at
  // the end, a key no neighbourless move would give back).
  if (toCard.cardId === task.cardId && after == null && before == null) return [];
  const position = positionBetween(after, before, task.taskId);
  if (toCard.cardId === task.cardId && position === task.position) return [];
  return [
    {
      type: 'TaskMoved',
      data: {
        taskId: task.taskId,
        boardId: task.boardId,
        fromCardId: task.cardId,
        toCardId: toCard.cardId,
        position,
        // A card with tasks cannot be deleted, so the task's card is always on the board.
        fromCardName: board.cards.get(task.cardId)?.name ?? '',
        toCardName: toCard.name,
      },
    },
  ];
}

function deleteTask(command: DeleteTask, state: TaskState, context: TaskContext): TaskEvent[] {
  const { task } = access(state, command, context, 'tasks:write');
  return [
    {
      type: 'TaskDeleted',
      data: { taskId: task.taskId, boardId: task.boardId, cardId: task.cardId, title: task.title },
    },
  ];
}

function requireComment(task: ActiveTask, commentId: string): TaskComment {
  const comment = task.comments.get(commentId);
  if (comment === undefined) throw new NotFoundError('comment', commentId);
  return comment;
}

function requireCommentText(value: unknown): string {
  return requireText('text', value, 1, limits.commentMax);
}

function addComment(command: AddComment, state: TaskState, context: TaskContext): TaskEvent[] {
  const { task } = access(state, command, context, 'comments:write');
  const commentId = requireId('commentId', command.data.commentId);
  if (task.comments.has(commentId)) throw new AlreadyExists('comment', commentId);
  const text = requireCommentText(command.data.text);
  return [
    {
      type: 'CommentAdded',
      data: {
        taskId: task.taskId,
        boardId: task.boardId,
        commentId,
        authorId: command.metadata.userId,
        text,
        createdAt: command.metadata.now,
      },
    },
  ];
}

function editComment(command: EditComment, state: TaskState, context: TaskContext): TaskEvent[] {
  const { task } = access(state, command, context, 'comments:write');
  const comment = requireComment(task, command.data.commentId);
  if (comment.authorId !== command.metadata.userId) {
    throw new ForbiddenError('only its author may edit a comment');
  }
  const text = requireCommentText(command.data.text);
  if (text === comment.text) return [];
  return [
    {
      type: 'CommentEdited',
      data: {
        taskId: task.taskId,
        boardId: task.boardId,
        commentId: comment.commentId,
        text,
        editedAt: command.metadata.now,
      },
    },
  ];
}

function deleteComment(
  command: DeleteComment,
  state: TaskState,
  context: TaskContext,
): TaskEvent[] {
  const { task, role } = access(state, command, context, 'comments:write');
  const comment = requireComment(task, command.data.commentId);
  if (comment.authorId !== command.metadata.userId && !can(role, 'comments:moderate')) {
    throw new ForbiddenError('only its author or a moderator may delete a comment');
  }
  return [
    {
      type: 'CommentDeleted',
      data: {
        taskId: task.taskId,
        boardId: task.boardId,
        commentId: comment.commentId,
        authorId: comment.authorId,
      },
    },
  ];
}
