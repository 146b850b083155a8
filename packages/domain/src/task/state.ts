import { NotFoundError } from '../errors';

export type ChecklistItem = Readonly<{ itemId: string; text: string; done: boolean }>;

export type TaskComment = Readonly<{
  commentId: string;
  authorId: string;
  text: string;
  createdAt: string;
  editedAt: string | null;
}>;

export type ActiveTask = Readonly<{
  status: 'active';
  taskId: string;
  workspaceId: string;
  boardId: string;
  cardId: string;
  title: string;
  description: string;
  position: string;
  assigneeId: string | null;
  /** ISO date (`2025-03-01`) or date-time with an offset, as given. */
  dueDate: string | null;
  labels: readonly string[];
  /** In the order the items were added. */
  checklist: ReadonlyMap<string, ChecklistItem>;
  /** Live comments in the order they were added; a deleted comment leaves the map. */
  comments: ReadonlyMap<string, TaskComment>;
  createdBy: string;
  createdAt: string;
}>;

export type TaskState =
  | Readonly<{ status: 'initial' }>
  | ActiveTask
  | Readonly<{ status: 'deleted'; taskId: string; boardId: string }>;

export const initialTaskState = (): TaskState => ({ status: 'initial' });

export function requireActiveTask(state: TaskState, taskId = ''): ActiveTask {
  if (state.status !== 'active') {
    throw new NotFoundError('task', state.status === 'deleted' ? state.taskId : taskId);
  }
  return state;
}
