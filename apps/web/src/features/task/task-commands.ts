import { sendCommand, type Task } from '@/lib/api';

// The task drawer's writes, in one place, named after the commands in the contracts' table.
// Callers record the answer's position (see `wrote`).

export type TaskPatch = Partial<Pick<Task, 'title' | 'description' | 'assigneeId' | 'dueDate'>>;

export const patchTask = (taskId: string, fields: TaskPatch) =>
  sendCommand('updateTask', { taskId }, fields);
export const deleteTask = (taskId: string) => sendCommand('deleteTask', { taskId }, undefined);

export const addLabel = (taskId: string, label: string) =>
  sendCommand('addLabel', { taskId }, { label });
export const removeLabel = (taskId: string, label: string) =>
  sendCommand('removeLabel', { taskId, label }, undefined);

export const addChecklistItem = (taskId: string, text: string) =>
  sendCommand('addChecklistItem', { taskId }, { text });
export const checkChecklistItem = (taskId: string, itemId: string, done: boolean) =>
  sendCommand('updateChecklistItem', { taskId, itemId }, { done });
export const removeChecklistItem = (taskId: string, itemId: string) =>
  sendCommand('removeChecklistItem', { taskId, itemId }, undefined);

export const addComment = (taskId: string, text: string) =>
  sendCommand('addComment', { taskId }, { text });
export const editComment = (taskId: string, commentId: string, text: string) =>
  sendCommand('editComment', { taskId, commentId }, { text });
export const deleteComment = (taskId: string, commentId: string) =>
  sendCommand('deleteComment', { taskId, commentId }, undefined);
