'use client';

import { useMemo } from 'react';
import type { TaskSummary } from '@/lib/api';
import { type Filters, isFiltering, matches } from './board-filters';

/** Each column's tasks that pass the filters, in the order `columns` gives. */
export function useVisibleTasks(
  columns: Record<string, string[]>,
  taskById: ReadonlyMap<string, TaskSummary>,
  filters: Filters,
  textHits: ReadonlySet<string>,
): Map<string, TaskSummary[]> {
  const filtering = isFiltering(filters);
  const today = new Date().toISOString().slice(0, 10);
  const weekEnd = new Date(Date.now() + 7 * 864e5).toISOString().slice(0, 10);
  // A column's list is derived again only when its ids change (a drag step touches two columns).
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new cache whenever the inputs change
  const visibleCache = useMemo(
    () => new WeakMap<string[], TaskSummary[]>(),
    [taskById, filtering, filters, today, weekEnd, textHits],
  );
  return useMemo(() => {
    const byCard = new Map<string, TaskSummary[]>();
    for (const [cardId, ids] of Object.entries(columns)) {
      const cached = visibleCache.get(ids);
      if (cached) {
        byCard.set(cardId, cached);
        continue;
      }
      const tasks: TaskSummary[] = [];
      for (const id of ids) {
        const task = taskById.get(id);
        if (task && (!filtering || matches(task, filters, today, weekEnd, textHits)))
          tasks.push(task);
      }
      visibleCache.set(ids, tasks);
      byCard.set(cardId, tasks);
    }
    return byCard;
  }, [columns, taskById, filtering, filters, today, weekEnd, textHits, visibleCache]);
}
