import type { TaskSummary } from '@/lib/api';

export type Filters = {
  text: string;
  label: string;
  assignee: string;
  due: '' | 'overdue' | 'week' | 'none';
};

export const noFilters: Filters = { text: '', label: '', assignee: '', due: '' };

export const isFiltering = (filters: Filters) =>
  filters !== noFilters && Object.values(filters).some(Boolean);

const noHits: ReadonlySet<string> = new Set();

/**
 * Whether the text is in the task's title or a label (both on the board), or the server found it
 * in its description or a comment (`textHits`, the board search's answer for this text).
 */
export function matchesText(task: TaskSummary, text: string, textHits: ReadonlySet<string>) {
  const wanted = text.trim().toLowerCase();
  if (!wanted) return true;
  return (
    task.title.toLowerCase().includes(wanted) ||
    task.labels.some((l) => l.toLowerCase().includes(wanted)) ||
    textHits.has(task.taskId)
  );
}

/** Whether a task passes the filters; dates compare as YYYY-MM-DD text. */
export function matches(
  task: TaskSummary,
  f: Filters,
  today: string,
  weekEnd: string,
  textHits: ReadonlySet<string> = noHits,
): boolean {
  if (f.text && !matchesText(task, f.text, textHits)) return false;
  if (f.label && !task.labels.includes(f.label)) return false;
  if (f.assignee === 'none' && task.assigneeId !== null) return false;
  if (f.assignee && f.assignee !== 'none' && task.assigneeId !== f.assignee) return false;
  const due = task.dueDate?.slice(0, 10);
  if (f.due === 'none' && due) return false;
  if (f.due === 'overdue' && !(due && due < today)) return false;
  if (f.due === 'week' && !(due && due >= today && due <= weekEnd)) return false;
  return true;
}
