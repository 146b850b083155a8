'use client';

import { EmptyState, Spinner } from '@taskomask/ui/states';
import Link from 'next/link';
import { useState } from 'react';
import { useAdminWorkspaces } from './admin-queries';
import { AdminError, useDebounced } from './admin-shell';

export function WorkspacesAdmin() {
  const [search, setSearch] = useState('');
  const settled = useDebounced(search);
  const workspaces = useAdminWorkspaces(settled);
  return (
    <section aria-labelledby="workspaces-heading" className="mt-6 space-y-4">
      <h2 id="workspaces-heading" className="text-lg font-semibold">
        Workspaces
      </h2>
      <search>
        <label className="flex max-w-md flex-col gap-1 text-xs font-medium text-slate-600 dark:text-slate-400">
          Search workspaces
          <input
            type="search"
            className="input"
            placeholder="Workspace name"
            value={search}
            maxLength={100}
            onChange={(e) => setSearch(e.target.value)}
          />
        </label>
      </search>
      {workspaces.isPending ? (
        <Spinner label="Loading workspaces" />
      ) : workspaces.isError ? (
        <AdminError error={workspaces.error} retry={() => workspaces.refetch()} />
      ) : workspaces.data.items.length === 0 ? (
        <EmptyState title="No workspaces match">Try another name.</EmptyState>
      ) : (
        <ul
          className="panel divide-y divide-slate-100 dark:divide-slate-800"
          aria-busy={workspaces.isFetching}
        >
          {workspaces.data.items.map((ws) => (
            <li key={ws.workspaceId}>
              <Link
                href={`/admin/workspaces/${ws.workspaceId}`}
                className="flex flex-wrap items-center gap-x-4 gap-y-1 p-3 text-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-500 dark:hover:bg-slate-800/60"
              >
                <span className="min-w-0 flex-1">
                  <span className="block truncate font-medium">{ws.name}</span>
                  {ws.description ? (
                    <span className="block truncate text-xs text-slate-500">{ws.description}</span>
                  ) : null}
                </span>
                <span className="text-xs text-slate-500">
                  {ws.memberCount} {ws.memberCount === 1 ? 'member' : 'members'} · {ws.projectCount}{' '}
                  {ws.projectCount === 1 ? 'project' : 'projects'}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {workspaces.data?.nextCursor ? (
        <p className="text-xs text-slate-500">
          Showing the first {workspaces.data.items.length} workspaces; search to narrow the list.
        </p>
      ) : null}
    </section>
  );
}
