import type { Event } from '../event';

// Every task event carries its boardId so a projector can route it to the board's view without
// a lookup.

export type TaskCreated = Event<
  'TaskCreated',
  {
    taskId: string;
    workspaceId: string;
    boardId: string;
    cardId: string;
    title: string;
    description: string;
    position: string;
    createdBy: string;
    createdAt: string;
  }
>;
export type TaskRenamed = Event<
  'TaskRenamed',
  { taskId: string; boardId: string; title: string; previousTitle: string }
>;
export type TaskDescribed = Event<
  'TaskDescribed',
  { taskId: string; boardId: string; description: string }
>;
export type TaskAssigned = Event<
  'TaskAssigned',
  { taskId: string; boardId: string; assigneeId: string; previousAssigneeId: string | null }
>;
export type TaskUnassigned = Event<
  'TaskUnassigned',
  { taskId: string; boardId: string; previousAssigneeId: string }
>;
export type TaskDueDateSet = Event<
  'TaskDueDateSet',
  { taskId: string; boardId: string; dueDate: string; previousDueDate: string | null }
>;
export type TaskDueDateCleared = Event<
  'TaskDueDateCleared',
  { taskId: string; boardId: string; previousDueDate: string }
>;
export type TaskLabelAdded = Event<
  'TaskLabelAdded',
  { taskId: string; boardId: string; label: string }
>;
export type TaskLabelRemoved = Event<
  'TaskLabelRemoved',
  { taskId: string; boardId: string; label: string }
>;
export type ChecklistItemAdded = Event<
  'ChecklistItemAdded',
  { taskId: string; boardId: string; itemId: string; text: string }
>;
export type ChecklistItemChecked = Event<
  'ChecklistItemChecked',
  { taskId: string; boardId: string; itemId: string; text: string }
>;
export type ChecklistItemUnchecked = Event<
  'ChecklistItemUnchecked',
  { taskId: string; boardId: string; itemId: string; text: string }
>;
/** `wasChecked` lets a view keep its done/total counts without remembering every item. */
export type ChecklistItemRemoved = Event<
  'ChecklistItemRemoved',
  { taskId: string; boardId: string; itemId: string; text: string; wasChecked: boolean }
>;
/** One event for every move; card names as they were, so the activity line needs no lookup. */
export type TaskMoved = Event<
  'TaskMoved',
  {
    taskId: string;
    boardId: string;
    fromCardId: string;
    toCardId: string;
    position: string;
    fromCardName: string;
    toCardName: string;
  }
>;
export type TaskDeleted = Event<
  'TaskDeleted',
  { taskId: string; boardId: string; cardId: string; title: string }
>;
export type CommentAdded = Event<
  'CommentAdded',
  {
    taskId: string;
    boardId: string;
    commentId: string;
    authorId: string;
    text: string;
    createdAt: string;
  }
>;
export type CommentEdited = Event<
  'CommentEdited',
  { taskId: string; boardId: string; commentId: string; text: string; editedAt: string }
>;
export type CommentDeleted = Event<
  'CommentDeleted',
  { taskId: string; boardId: string; commentId: string; authorId: string }
>;

export type TaskEvent =
  | TaskCreated
  | TaskRenamed
  | TaskDescribed
  | TaskAssigned
  | TaskUnassigned
  | TaskDueDateSet
  | TaskDueDateCleared
  | TaskLabelAdded
  | TaskLabelRemoved
  | ChecklistItemAdded
  | ChecklistItemChecked
  | ChecklistItemUnchecked
  | ChecklistItemRemoved
  | TaskMoved
  | TaskDeleted
  | CommentAdded
  | CommentEdited
  | CommentDeleted;
