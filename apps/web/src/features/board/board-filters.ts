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

/** Whether a task passes the filters; dates compare as YYYY-MM-DD text. */
export function matches(task: TaskSummary, f: Filters, today: string, weekEnd: string): boolean {
  if (f.text && !task.title.toLowerCase().includes(f.text.toLowerCase())) return false;
  if (f.label && !task.labels.includes(f.label)) return false;
  if (f.assignee === 'none' && task.assigneeId !== null) return false;
  if (f.assignee && f.assignee !== 'none' && task.assigneeId !== f.assignee) return false;
  const due = task.dueDate?.slice(0, 10);
  if (f.due === 'none' && due) return false;
  if (f.due === 'overdue' && !(due && due < today)) return false;
  if (f.due === 'week' && !(due && due >= today && due <= weekEnd)) return false;
  return true;
}
