'use client';

import { SelectField } from '@taskomask/ui/form-fields';
import { displayName } from '@/lib/people';
import { type Filters, noFilters } from './board-filters';
import { filterInputId } from './use-board-shortcuts';

const dueOptions: { value: Filters['due']; label: string }[] = [
  { value: '', label: 'Any due date' },
  { value: 'overdue', label: 'Overdue' },
  { value: 'week', label: 'Due this week' },
  { value: 'none', label: 'No due date' },
];

/** Text, label, assignee and due-date filters over the board's tasks. */
export function BoardFilterBar({
  filters,
  onChange,
  filtering,
  editor,
  labels,
  memberIds,
  names,
  me,
}: {
  filters: Filters;
  onChange: (filters: Filters) => void;
  filtering: boolean;
  editor: boolean;
  labels: readonly string[];
  memberIds: readonly string[];
  names: ReadonlyMap<string, string>;
  me: string;
}) {
  const set = (change: Partial<Filters>) => onChange({ ...filters, ...change });
  return (
    <search className="mt-3 flex flex-wrap gap-2" aria-label="Filter tasks">
      <input
        className="input w-full sm:w-80"
        type="search"
        id={filterInputId}
        placeholder="Filter: titles, labels, descriptions, comments"
        aria-label="Filter by text"
        maxLength={100}
        aria-keyshortcuts="/"
        value={filters.text}
        onChange={(e) => set({ text: e.target.value })}
      />
      <SelectField
        label="Filter by label"
        value={filters.label}
        options={[
          { value: '', label: 'Any label' },
          ...labels.map((l) => ({ value: l, label: l })),
        ]}
        onChange={(label) => set({ label })}
      />
      <SelectField
        label="Filter by assignee"
        value={filters.assignee}
        options={[
          { value: '', label: 'Anyone' },
          { value: 'none', label: 'Unassigned' },
          ...memberIds.map((id) => ({ value: id, label: displayName(id, names, me) })),
        ]}
        onChange={(assignee) => set({ assignee })}
      />
      <SelectField
        label="Filter by due date"
        value={filters.due}
        options={dueOptions}
        onChange={(due) => set({ due })}
      />
      {filtering ? (
        <button type="button" className="btn-ghost" onClick={() => onChange(noFilters)}>
          Clear filters
        </button>
      ) : null}
      {filtering && editor ? (
        <span className="self-center text-xs text-slate-500">Clear filters to reorder.</span>
      ) : null}
    </search>
  );
}
