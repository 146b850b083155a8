'use client';

import { useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { use, useState } from 'react';
import { NameForm } from '@/components/forms';
import { useToast, useUser } from '@/components/providers';
import { Avatar, displayName, EmptyState, ErrorState, Spinner } from '@/components/ui';
import { canManage, command, explain, type Role } from '@/lib/api';
import { keys, useWorkspace, wrote } from '@/lib/queries';

const roles: Role[] = ['owner', 'admin', 'member', 'viewer'];

export default function WorkspacePage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = use(params);
  const workspace = useWorkspace(workspaceId);
  const user = useUser();
  const client = useQueryClient();
  const toast = useToast();
  const [newMember, setNewMember] = useState({ ownerId: '', role: 'member' as Role });

  if (workspace.isPending) return <Spinner label="Loading workspace" />;
  if (workspace.isError)
    return <ErrorState error={workspace.error} retry={() => workspace.refetch()} />;
  const ws = workspace.data;
  const role = ws.role;
  const editor = role !== undefined && role !== 'viewer';
  const manager = canManage(role);
  const names = new Map<string, string>([[user.id, user.name]]);
  const refresh = () => client.invalidateQueries({ queryKey: keys.workspace(workspaceId) });
  const run = async (work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (error) {
      toast(explain(error));
    } finally {
      await refresh();
    }
  };

  return (
    <main className="mx-auto w-full max-w-5xl px-4 py-6 sm:px-6">
      <nav className="text-sm text-slate-500" aria-label="Breadcrumb">
        <Link href="/workspaces" className="hover:underline">
          Workspaces
        </Link>
      </nav>
      <h1 className="mt-1 text-2xl font-bold tracking-tight">{ws.name}</h1>
      {ws.description ? (
        <p className="mt-1 text-slate-600 dark:text-slate-400">{ws.description}</p>
      ) : null}
      <p className="mt-1 text-xs text-slate-500">Your role: {role ?? 'none'}</p>

      <div className="mt-6 grid gap-6 lg:grid-cols-[2fr_1fr]">
        <section aria-label="Projects" className="space-y-4">
          <h2 className="text-lg font-semibold">Projects</h2>
          {ws.projects.length === 0 ? (
            <EmptyState title="No projects yet">
              {editor
                ? 'A project groups boards. Create the first one below.'
                : 'Nothing to see here yet.'}
            </EmptyState>
          ) : null}
          {ws.projects.map((project) => (
            <article key={project.projectId} className="panel p-4">
              <h3 className="font-semibold">{project.name}</h3>
              {project.description ? (
                <p className="text-sm text-slate-500">{project.description}</p>
              ) : null}
              <ul className="mt-3 flex flex-wrap gap-2">
                {project.boards.length === 0 ? (
                  <li className="text-sm text-slate-500">No boards yet.</li>
                ) : null}
                {project.boards.map((board) => (
                  <li key={board.boardId}>
                    <Link
                      href={`/boards/${board.boardId}`}
                      className="inline-flex rounded-lg border border-slate-200 bg-slate-50 px-3 py-2 text-sm font-medium hover:border-brand-500 dark:border-slate-700 dark:bg-slate-800"
                    >
                      {board.name}
                    </Link>
                  </li>
                ))}
              </ul>
              {editor ? (
                <div className="mt-3">
                  <NameForm
                    label="Create board"
                    placeholder="Board name"
                    submit={async ({ name }) => {
                      wrote(
                        await command(
                          'POST',
                          `/workspaces/${workspaceId}/projects/${project.projectId}/boards`,
                          {
                            name,
                          },
                        ),
                      );
                      await refresh();
                    }}
                  />
                </div>
              ) : null}
            </article>
          ))}
          {editor ? (
            <div className="panel p-4">
              <h3 className="mb-2 text-sm font-semibold">New project</h3>
              <NameForm
                label="Create project"
                placeholder="Project name"
                withDescription
                submit={async ({ name, description }) => {
                  wrote(
                    await command('POST', `/workspaces/${workspaceId}/projects`, {
                      name,
                      ...(description ? { description } : {}),
                    }),
                  );
                  await refresh();
                }}
              />
            </div>
          ) : null}
        </section>

        <section aria-label="Members" className="space-y-3">
          <h2 className="text-lg font-semibold">Members</h2>
          <ul className="panel divide-y divide-slate-100 dark:divide-slate-800">
            {ws.members.map((m) => (
              <li key={m.ownerId} className="flex items-center gap-2 p-3 text-sm">
                <Avatar id={m.ownerId} name={displayName(m.ownerId, names, user.id)} />
                <span className="min-w-0 flex-1 truncate" title={m.ownerId}>
                  {displayName(m.ownerId, names, user.id)}
                </span>
                {manager && m.ownerId !== user.id ? (
                  <>
                    <select
                      className="input w-auto py-1"
                      aria-label={`Role of ${displayName(m.ownerId, names)}`}
                      value={m.role}
                      onChange={(e) =>
                        run(async () =>
                          wrote(
                            await command(
                              'PATCH',
                              `/workspaces/${workspaceId}/members/${m.ownerId}`,
                              {
                                role: e.target.value,
                              },
                            ),
                          ),
                        )
                      }
                    >
                      {roles.map((r) => (
                        <option key={r} value={r}>
                          {r}
                        </option>
                      ))}
                    </select>
                    <button
                      type="button"
                      className="btn-danger px-2"
                      aria-label={`Remove ${displayName(m.ownerId, names)}`}
                      onClick={() =>
                        run(async () =>
                          wrote(
                            await command(
                              'DELETE',
                              `/workspaces/${workspaceId}/members/${m.ownerId}`,
                            ),
                          ),
                        )
                      }
                    >
                      ×
                    </button>
                  </>
                ) : (
                  <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs dark:bg-slate-800">
                    {m.role}
                  </span>
                )}
              </li>
            ))}
          </ul>
          {manager ? (
            <form
              className="panel space-y-2 p-4"
              aria-label="Add member"
              onSubmit={(e) => {
                e.preventDefault();
                void run(async () => {
                  wrote(await command('POST', `/workspaces/${workspaceId}/members`, newMember));
                  setNewMember({ ownerId: '', role: 'member' });
                });
              }}
            >
              <h3 className="text-sm font-semibold">Add a member</h3>
              <input
                className="input"
                aria-label="Member id"
                placeholder="Their member id (shown on their profile)"
                value={newMember.ownerId}
                onChange={(e) => setNewMember({ ...newMember, ownerId: e.target.value.trim() })}
                required
              />
              <div className="flex gap-2">
                <select
                  className="input"
                  aria-label="New member role"
                  value={newMember.role}
                  onChange={(e) => setNewMember({ ...newMember, role: e.target.value as Role })}
                >
                  {roles.map((r) => (
                    <option key={r} value={r}>
                      {r}
                    </option>
                  ))}
                </select>
                <button type="submit" className="btn-primary" disabled={!newMember.ownerId}>
                  Add member
                </button>
              </div>
            </form>
          ) : null}
        </section>
      </div>
    </main>
  );
}
