import type { RecordedEvent } from '../event';
import { streamName } from '../streams';
import { asDomainEvent } from './recorded';

export type ChecklistItemView = Readonly<{ itemId: string; text: string; done: boolean }>;

export type CommentView = Readonly<{
  commentId: string;
  authorId: string;
  text: string;
  createdAt: string;
  editedAt: string | null;
}>;

/** Everything about one task, for its detail page; a plain JSON document for the read store. */
export type TaskDetails = Readonly<{
  taskId: string;
  status: 'initial' | 'active' | 'deleted';
  workspaceId: string;
  boardId: string;
  cardId: string;
  title: string;
  description: string;
  position: string;
  assigneeId: string | null;
  labels: readonly string[];
  dueDate: string | null;
  /** In the order the items were added. */
  checklist: readonly ChecklistItemView[];
  /** Oldest first. */
  comments: readonly CommentView[];
  createdBy: string;
  createdAt: string;
  updatedAt: string | null;
  /** streamVersion of the last applied event of `task-<id>`; 0 before any, as in the store. */
  version: number;
  lastGlobalPosition: number;
}>;

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

type Recorded = NonNullable<ReturnType<typeof asDomainEvent>>;

function setDone(details: TaskDetails, itemId: string, done: boolean): TaskDetails {
  return {
    ...details,
    checklist: details.checklist.map((item) => (item.itemId === itemId ? { ...item, done } : item)),
  };
}

function apply(details: TaskDetails, event: Recorded): TaskDetails {
  switch (event.type) {
    case 'TaskCreated': {
      const { data } = event;
      return {
        ...details,
        status: 'active',
        workspaceId: data.workspaceId,
        boardId: data.boardId,
        cardId: data.cardId,
        title: data.title,
        description: data.description,
        position: data.position,
        createdBy: data.createdBy,
        createdAt: data.createdAt,
      };
    }
    case 'TaskRenamed':
      return { ...details, title: event.data.title };
    case 'TaskDescribed':
      return { ...details, description: event.data.description };
    case 'TaskAssigned':
      return { ...details, assigneeId: event.data.assigneeId };
    case 'TaskUnassigned':
      return { ...details, assigneeId: null };
    case 'TaskDueDateSet':
      return { ...details, dueDate: event.data.dueDate };
    case 'TaskDueDateCleared':
      return { ...details, dueDate: null };
    case 'TaskLabelAdded':
      return { ...details, labels: [...details.labels, event.data.label] };
    case 'TaskLabelRemoved':
      return { ...details, labels: details.labels.filter((label) => label !== event.data.label) };
    case 'ChecklistItemAdded': {
      const { itemId, text } = event.data;
      return { ...details, checklist: [...details.checklist, { itemId, text, done: false }] };
    }
    case 'ChecklistItemChecked':
      return setDone(details, event.data.itemId, true);
    case 'ChecklistItemUnchecked':
      return setDone(details, event.data.itemId, false);
    case 'ChecklistItemRemoved':
      return {
        ...details,
        checklist: details.checklist.filter((item) => item.itemId !== event.data.itemId),
      };
    case 'TaskMoved':
      return { ...details, cardId: event.data.toCardId, position: event.data.position };
    case 'TaskDeleted':
      return { ...details, status: 'deleted' };
    case 'CommentAdded': {
      const { commentId, authorId, text, createdAt } = event.data;
      const comment: CommentView = { commentId, authorId, text, createdAt, editedAt: null };
      return { ...details, comments: [...details.comments, comment] };
    }
    case 'CommentEdited': {
      const { commentId, text, editedAt } = event.data;
      return {
        ...details,
        comments: details.comments.map((c) =>
          c.commentId === commentId ? { ...c, text, editedAt } : c,
        ),
      };
    }
    case 'CommentDeleted':
      return {
        ...details,
        comments: details.comments.filter((c) => c.commentId !== event.data.commentId),
      };
    default:
      return details;
  }
}
