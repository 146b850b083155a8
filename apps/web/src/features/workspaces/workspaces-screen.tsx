'use client';

import { useQueryClient } from '@tanstack/react-query';
import { NameForm } from '@taskomask/ui/form-fields';
import { EmptyState, Spinner } from '@taskomask/ui/states';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useUser } from '@/components/providers';
import { QueryError } from '@/features/shared/query-error';
import { explain, type WorkspaceListItem } from '@/lib/api';
import { keys, useWorkspaces } from '@/lib/queries';
import { MyInvitations } from './my-invitations';
import { createWorkspace } from './workspace-commands';

function WorkspaceCard({ w }: { w: WorkspaceListItem }) {
  return (
    <Link
      href={`/workspaces/${w.workspaceId}`}
      className="panel block p-4 transition hover:border-brand-500 hover:shadow-md"
    >
      <p className="font-semibold">{w.name}</p>
      {w.description ? (
        <p className="mt-1 line-clamp-2 text-sm text-slate-500">{w.description}</p>
      ) : null}
      <p className="mt-3 text-xs text-slate-500">
        {w.role} · {w.projectCount} project{w.projectCount === 1 ? '' : 's'} · {w.memberCount}{' '}
        member{w.memberCount === 1 ? '' : 's'}
      </p>
    </Link>
  );
}

/** The user's workspaces, and a form to start one (which then opens). */
export function WorkspacesScreen() {
  const workspaces = useWorkspaces();
  const client = useQueryClient();
  const router = useRouter();
  const user = useUser();
  return (
    <main className="mx-auto w-full max-w-5xl px-4 py-6 sm:px-6">
      <h1 className="text-2xl font-bold tracking-tight">Workspaces</h1>
      <p className="mt-1 text-sm text-slate-500">
        Hello {user.name || user.email}. Pick a team space or start one.
      </p>
      <MyInvitations />
      <section className="panel mt-6 p-4">
        <h2 className="mb-3 text-sm font-semibold">New workspace</h2>
        <NameForm
          label="Create workspace"
          placeholder="e.g. Acme product team"
          withDescription
          describeError={explain}
          submit={async ({ name, description }) => {
            const answer = await createWorkspace({
              name,
              ...(description ? { description } : {}),
            });
            await client.invalidateQueries({ queryKey: keys.workspaces });
            if (answer.id) router.push(`/workspaces/${answer.id}`);
          }}
        />
      </section>
      <section className="mt-6" aria-label="Your workspaces">
        {workspaces.isPending ? (
          <Spinner label="Loading workspaces" />
        ) : workspaces.isError ? (
          <QueryError error={workspaces.error} retry={() => workspaces.refetch()} />
        ) : workspaces.data.items.length === 0 ? (
          <EmptyState title="No workspaces yet">
            Create one above, or ask a workspace owner to invite you by your email address.
          </EmptyState>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {workspaces.data.items.map((w) => (
              <li key={w.workspaceId}>
                <WorkspaceCard w={w} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}
