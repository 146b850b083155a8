import { describe, expect, it } from 'vitest';
import type { TaskSummary } from '@/lib/api';
import { isFiltering, matches, noFilters } from './board-filters';

const task: TaskSummary = {
  taskId: 't1',
  title: 'Write Copy',
  position: 'a',
  assigneeId: 'owner-1',
  labels: ['seo'],
  dueDate: '2026-01-03T00:00:00.000Z',
  checklist: { done: 0, total: 0 },
  commentCount: 0,
};
const today = '2026-01-02';
const weekEnd = '2026-01-09';
const f = (change: Partial<typeof noFilters>) => ({ ...noFilters, ...change });

describe('board filters', () => {
  it('filters only when a field is set', () => {
    expect(isFiltering(noFilters)).toBe(false);
    expect(isFiltering(f({}))).toBe(false);
    expect(isFiltering(f({ text: 'x' }))).toBe(true);
  });

  it('matches text without case, a label, an assignee or none', () => {
    expect(matches(task, f({ text: 'copy' }), today, weekEnd)).toBe(true);
    expect(matches(task, f({ text: 'hero' }), today, weekEnd)).toBe(false);
    expect(matches(task, f({ label: 'seo' }), today, weekEnd)).toBe(true);
    expect(matches(task, f({ label: 'ux' }), today, weekEnd)).toBe(false);
    expect(matches(task, f({ assignee: 'owner-1' }), today, weekEnd)).toBe(true);
    expect(matches(task, f({ assignee: 'none' }), today, weekEnd)).toBe(false);
  });

  it('matches text in a label, or where the server found it (description, comments)', () => {
    expect(matches(task, f({ text: 'SE' }), today, weekEnd)).toBe(true);
    expect(matches(task, f({ text: 'invoice' }), today, weekEnd)).toBe(false);
    expect(matches(task, f({ text: 'invoice' }), today, weekEnd, new Set(['t1']))).toBe(true);
    expect(matches(task, f({ text: 'invoice' }), today, weekEnd, new Set(['t2']))).toBe(false);
    // The other filters still apply to a server hit.
    expect(
      matches(task, f({ text: 'invoice', label: 'ux' }), today, weekEnd, new Set(['t1'])),
    ).toBe(false);
  });

  it('matches due dates: overdue, this week, none', () => {
    expect(matches(task, f({ due: 'week' }), today, weekEnd)).toBe(true);
    expect(matches(task, f({ due: 'overdue' }), today, weekEnd)).toBe(false);
    expect(matches(task, f({ due: 'overdue' }), '2026-01-04', weekEnd)).toBe(true);
    expect(matches(task, f({ due: 'none' }), today, weekEnd)).toBe(false);
    expect(matches({ ...task, dueDate: null }, f({ due: 'none' }), today, weekEnd)).toBe(true);
  });
});
