'use client';

import { DueDate } from '@taskomask/ui/due-date';
import { LabelChip } from '@taskomask/ui/label-chip';
import { EmptyState, Spinner } from '@taskomask/ui/states';
import Link from 'next/link';
import { QueryError } from '@/features/shared/query-error';
import type { MyTask } from '@/lib/api';
import { useMyTasks } from '@/lib/queries';

function MyTaskRow({ t }: { t: MyTask }) {
  return (
    <Link
      href={`/boards/${t.boardId}/tasks/${t.taskId}`}
      className="flex flex-wrap items-center gap-2 p-3 hover:bg-slate-50 dark:hover:bg-slate-800/60"
    >
      <span className="min-w-0 flex-1">
        <span className="block font-medium break-words">{t.title}</span>
        <span className="block text-xs text-slate-500">
          {t.workspaceName} › {t.boardName} › {t.cardName}
        </span>
      </span>
      {t.labels.map((l) => (
        <LabelChip key={l} label={l} />
      ))}
      {t.dueDate ? <DueDate date={t.dueDate} className="text-xs" /> : null}
    </Link>
  );
}

/** The tasks assigned to the user, across workspaces, soonest due first. */
export function MyTasksScreen() {
  const tasks = useMyTasks();
  return (
    <main className="mx-auto w-full max-w-3xl px-4 py-6 sm:px-6">
      <h1 className="text-2xl font-bold tracking-tight">My tasks</h1>
      <p className="mt-1 text-sm text-slate-500">Assigned to you, soonest due first.</p>
      <div className="mt-6">
        {tasks.isPending ? (
          <Spinner label="Loading your tasks" />
        ) : tasks.isError ? (
          <QueryError error={tasks.error} retry={() => tasks.refetch()} />
        ) : tasks.data.items.length === 0 ? (
          <EmptyState title="Nothing assigned to you">
            Tasks you are assigned to will show up here.
          </EmptyState>
        ) : (
          <ul className="panel divide-y divide-slate-100 dark:divide-slate-800">
            {tasks.data.items.map((t) => (
              <li key={t.taskId}>
                <MyTaskRow t={t} />
              </li>
            ))}
          </ul>
        )}
      </div>
    </main>
  );
}
