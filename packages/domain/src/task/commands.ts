import type { Command } from '../event';

/**
 * `after`/`before` are the position keys of the neighbouring tasks on the target card (null or
 * missing = that end of the card). CreateTask with neither goes to the end of the card (a key
 * derived from the command's instant, see positionAtEndAsOf); MoveTask with neither leaves a
 * task on its own card where it is and puts it at the start of another card (pass `after` =
 * the last task's key to move to the end).
 */
type Neighbours = { after?: string | null; before?: string | null };

export type CreateTask = Command<
  'CreateTask',
  {
    taskId: string;
    boardId: string;
    cardId: string;
    title: string;
    description?: string;
  } & Neighbours
>;
export type RenameTask = Command<'RenameTask', { taskId: string; title: string }>;
export type DescribeTask = Command<'DescribeTask', { taskId: string; description: string }>;
export type AssignTask = Command<'AssignTask', { taskId: string; assigneeId: string }>;
export type UnassignTask = Command<'UnassignTask', { taskId: string }>;
export type SetDueDate = Command<'SetDueDate', { taskId: string; dueDate: string }>;
export type ClearDueDate = Command<'ClearDueDate', { taskId: string }>;
export type AddLabel = Command<'AddLabel', { taskId: string; label: string }>;
export type RemoveLabel = Command<'RemoveLabel', { taskId: string; label: string }>;
export type AddChecklistItem = Command<
  'AddChecklistItem',
  { taskId: string; itemId: string; text: string }
>;
export type CheckChecklistItem = Command<'CheckChecklistItem', { taskId: string; itemId: string }>;
export type UncheckChecklistItem = Command<
  'UncheckChecklistItem',
  { taskId: string; itemId: string }
>;
export type RemoveChecklistItem = Command<
  'RemoveChecklistItem',
  { taskId: string; itemId: string }
>;
export type MoveTask = Command<'MoveTask', { taskId: string; toCardId: string } & Neighbours>;
export type DeleteTask = Command<'DeleteTask', { taskId: string }>;
export type AddComment = Command<'AddComment', { taskId: string; commentId: string; text: string }>;
export type EditComment = Command<
  'EditComment',
  { taskId: string; commentId: string; text: string }
>;
export type DeleteComment = Command<'DeleteComment', { taskId: string; commentId: string }>;

/** The commands that also write the board's task registry (see decideTaskOnBoard). */
export type TaskOnBoardCommand = CreateTask | RenameTask | MoveTask | DeleteTask;

export type TaskCommand =
  | TaskOnBoardCommand
  | DescribeTask
  | AssignTask
  | UnassignTask
  | SetDueDate
  | ClearDueDate
  | AddLabel
  | RemoveLabel
  | AddChecklistItem
  | CheckChecklistItem
  | UncheckChecklistItem
  | RemoveChecklistItem
  | AddComment
  | EditComment
  | DeleteComment;
