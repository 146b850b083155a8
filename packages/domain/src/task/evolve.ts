import { updateEntry, withEntry, withoutEntry } from '../maps';
import type { TaskEvent } from './events';
import type { ActiveTask, TaskState } from './state';

export function evolveTask(state: TaskState, event: TaskEvent): TaskState {
  if (event.type === 'TaskCreated') {
    const { data } = event;
    return {
      status: 'active',
      taskId: data.taskId,
      workspaceId: data.workspaceId,
      boardId: data.boardId,
      cardId: data.cardId,
      title: data.title,
      description: data.description,
      position: data.position,
      assigneeId: null,
      dueDate: null,
      labels: [],
      checklist: new Map(),
      comments: new Map(),
      createdBy: data.createdBy,
      createdAt: data.createdAt,
    };
  }
  if (state.status !== 'active') return state;
  return evolveActive(state, event);
}

function setDone(state: ActiveTask, itemId: string, done: boolean): ActiveTask {
  return { ...state, checklist: updateEntry(state.checklist, itemId, (i) => ({ ...i, done })) };
}

function evolveActive(state: ActiveTask, event: TaskEvent): TaskState {
  switch (event.type) {
    case 'TaskCreated':
      return state;
    case 'TaskRenamed':
      return { ...state, title: event.data.title };
    case 'TaskDescribed':
      return { ...state, description: event.data.description };
    case 'TaskAssigned':
      return { ...state, assigneeId: event.data.assigneeId };
    case 'TaskUnassigned':
      return { ...state, assigneeId: null };
    case 'TaskDueDateSet':
      return { ...state, dueDate: event.data.dueDate };
    case 'TaskDueDateCleared':
      return { ...state, dueDate: null };
    case 'TaskLabelAdded':
      return { ...state, labels: [...state.labels, event.data.label] };
    case 'TaskLabelRemoved':
      return { ...state, labels: state.labels.filter((label) => label !== event.data.label) };
    case 'ChecklistItemAdded': {
      const { itemId, text } = event.data;
      return {
        ...state,
        checklist: withEntry(state.checklist, itemId, { itemId, text, done: false }),
      };
    }
    case 'ChecklistItemChecked':
      return setDone(state, event.data.itemId, true);
    case 'ChecklistItemUnchecked':
      return setDone(state, event.data.itemId, false);
    case 'ChecklistItemRemoved':
      return { ...state, checklist: withoutEntry(state.checklist, event.data.itemId) };
    case 'TaskMoved':
      return { ...state, cardId: event.data.toCardId, position: event.data.position };
    case 'TaskDeleted':
      return { status: 'deleted', taskId: state.taskId, boardId: state.boardId };
    case 'CommentAdded': {
      const { commentId, authorId, text, createdAt } = event.data;
      const comment = { commentId, authorId, text, createdAt, editedAt: null };
      return { ...state, comments: withEntry(state.comments, commentId, comment) };
    }
    case 'CommentEdited': {
      const { commentId, text, editedAt } = event.data;
      return {
        ...state,
        comments: updateEntry(state.comments, commentId, (c) => ({ ...c, text, editedAt })),
      };
    }
    case 'CommentDeleted':
      return { ...state, comments: withoutEntry(state.comments, event.data.commentId) };
    default: {
      const _unknown: never = event;
      return state;
    }
  }
}
