'use client';

import Link from 'next/link';
import { dueTone, EmptyState, ErrorState, LabelChip, Spinner } from '@/components/ui';
import { useMyTasks } from '@/lib/queries';

export default function MyTasksPage() {
  const tasks = useMyTasks();
  return (
    <main className="mx-auto w-full max-w-3xl px-4 py-6 sm:px-6">
      <h1 className="text-2xl font-bold tracking-tight">My tasks</h1>
      <p className="mt-1 text-sm text-slate-500">Assigned to you, soonest due first.</p>
      <div className="mt-6">
        {tasks.isPending ? (
          <Spinner label="Loading your tasks" />
        ) : tasks.isError ? (
          <ErrorState error={tasks.error} retry={() => tasks.refetch()} />
        ) : tasks.data.items.length === 0 ? (
          <EmptyState title="Nothing assigned to you">
            Tasks you are assigned to will show up here.
          </EmptyState>
        ) : (
          <ul className="panel divide-y divide-slate-100 dark:divide-slate-800">
            {tasks.data.items.map((t) => (
              <li key={t.taskId}>
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
                  {t.dueDate ? (
                    <span
                      className={`rounded px-1.5 py-0.5 text-xs font-medium ${dueTone(t.dueDate.slice(0, 10))}`}
                    >
                      {t.dueDate.slice(0, 10)}
                    </span>
                  ) : null}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </div>
    </main>
  );
}
