import type { RecordedEvent } from '../event';
import type { DomainEvent } from '../messages';
import { streamName } from '../streams';
import type { TaskEvent } from '../task/events';
import { evolveTask } from '../task/evolve';
import type { ActiveTask, ChecklistItem, TaskComment, TaskState } from '../task/state';
import { asDomainEvent } from './recorded';

export type ChecklistItemView = ChecklistItem;
export type CommentView = TaskComment;

/**
 * Everything about one task, for its detail page: the task's state as a plain JSON document for
 * the read store (lists instead of maps), kept with its last fields once deleted.
 */
export type TaskDetails = Readonly<
  Omit<ActiveTask, 'status' | 'checklist' | 'comments'> & {
    status: TaskState['status'];
    /** In the order the items were added. */
    checklist: readonly ChecklistItemView[];
    /** Oldest first. */
    comments: readonly CommentView[];
    updatedAt: string | null;
    /** streamVersion of the last applied event of `task-<id>`; 0 before any, as in the store. */
    version: number;
    lastGlobalPosition: number;
  }
>;

export function initialTaskDetails(taskId: string): TaskDetails {
  return {
    taskId,
    status: 'initial',
    workspaceId: '',
    boardId: '',
    cardId: '',
    title: '',
    description: '',
    position: '',
    assigneeId: null,
    labels: [],
    dueDate: null,
    checklist: [],
    comments: [],
    createdBy: '',
    createdAt: '',
    updatedAt: null,
    version: 0,
    lastGlobalPosition: 0,
  };
}

/** Folds one event of `task-<id>`; any other stream, unknown type or old version is ignored. */
export function evolveTaskDetails(details: TaskDetails, recorded: RecordedEvent): TaskDetails {
  const event = asDomainEvent(recorded);
  if (event === null || event.streamName !== streamName.task(details.taskId)) return details;
  if (event.streamVersion <= details.version) return details;
  return {
    ...apply(details, event),
    version: event.streamVersion,
    lastGlobalPosition: Math.max(details.lastGlobalPosition, event.globalPosition),
    updatedAt: event.occurredAt,
  };
}

export function taskDetails(taskId: string, events: Iterable<RecordedEvent>): TaskDetails {
  let details = initialTaskDetails(taskId);
  for (const event of events) details = evolveTaskDetails(details, event);
  return details;
}

/** The task's state as the decider folds it, read back from the document. */
function taskState(details: TaskDetails): TaskState {
  if (details.status === 'initial') return { status: 'initial' };
  if (details.status === 'deleted') {
    return { status: 'deleted', taskId: details.taskId, boardId: details.boardId };
  }
  return {
    status: 'active',
    taskId: details.taskId,
    workspaceId: details.workspaceId,
    boardId: details.boardId,
    cardId: details.cardId,
    title: details.title,
    description: details.description,
    position: details.position,
    assigneeId: details.assigneeId,
    dueDate: details.dueDate,
    labels: details.labels,
    checklist: new Map(details.checklist.map((item) => [item.itemId, item])),
    comments: new Map(details.comments.map((comment) => [comment.commentId, comment])),
    createdBy: details.createdBy,
    createdAt: details.createdAt,
  };
}

/**
 * Folds the event with the task's own evolve, so the page shows what the decider sees. A deleted
 * task keeps its last fields in the document (the state drops them); the key stays the doc's.
 */
function apply(details: TaskDetails, event: RecordedEvent<DomainEvent>): TaskDetails {
  const before = taskState(details);
  // Only task events are written to `task-<id>`; evolveTask leaves a type it does not know alone.
  const after = evolveTask(before, event as TaskEvent);
  if (after === before) return details;
  if (after.status !== 'active') return { ...details, status: after.status };
  return {
    ...details,
    status: 'active',
    workspaceId: after.workspaceId,
    boardId: after.boardId,
    cardId: after.cardId,
    title: after.title,
    description: after.description,
    position: after.position,
    assigneeId: after.assigneeId,
    labels: after.labels,
    dueDate: after.dueDate,
    checklist: [...after.checklist.values()],
    comments: [...after.comments.values()],
    createdBy: after.createdBy,
    createdAt: after.createdAt,
  };
}
