import { command, type Task } from '@/lib/api';

// The task drawer's writes, in one place. Callers record the answer's position (see `wrote`).

export type TaskPatch = Partial<Pick<Task, 'title' | 'description' | 'assigneeId' | 'dueDate'>>;

const path = (taskId: string) => `/tasks/${taskId}`;

export const patchTask = (taskId: string, fields: TaskPatch) =>
  command('PATCH', path(taskId), fields);
export const deleteTask = (taskId: string) => command('DELETE', path(taskId));

export const addLabel = (taskId: string, label: string) =>
  command('POST', `${path(taskId)}/labels`, { label });
export const removeLabel = (taskId: string, label: string) =>
  command('DELETE', `${path(taskId)}/labels/${encodeURIComponent(label)}`);

export const addChecklistItem = (taskId: string, text: string) =>
  command('POST', `${path(taskId)}/checklist`, { text });
export const checkChecklistItem = (taskId: string, itemId: string, done: boolean) =>
  command('PATCH', `${path(taskId)}/checklist/${itemId}`, { done });
export const removeChecklistItem = (taskId: string, itemId: string) =>
  command('DELETE', `${path(taskId)}/checklist/${itemId}`);

export const addComment = (taskId: string, text: string) =>
  command('POST', `${path(taskId)}/comments`, { text });
export const editComment = (taskId: string, commentId: string, text: string) =>
  command('PATCH', `${path(taskId)}/comments/${commentId}`, { text });
export const deleteComment = (taskId: string, commentId: string) =>
  command('DELETE', `${path(taskId)}/comments/${commentId}`);
