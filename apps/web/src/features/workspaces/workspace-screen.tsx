'use client';

import { useQueryClient } from '@tanstack/react-query';
import { Spinner } from '@taskomask/ui/states';
import Link from 'next/link';
import { useToast, useUser } from '@/components/providers';
import { LostWorkspace } from '@/features/membership/lost-workspace';
import { ExportMenu } from '@/features/shared/export-menu';
import { QueryError } from '@/features/shared/query-error';
import { canManage, explain } from '@/lib/api';
import { useLostWorkspace } from '@/lib/membership';
import { keys, useWorkspace } from '@/lib/queries';
import { TrelloImport } from './trello-import';
import { WorkspaceMembers } from './workspace-members';
import { WorkspaceProjects } from './workspace-projects';
import { WorkspaceWebhooks } from './workspace-webhooks';

/** A workspace: its projects and boards, and its members (managed by owners and admins). */
export function WorkspaceScreen({ workspaceId }: { workspaceId: string }) {
  const workspace = useWorkspace(workspaceId);
  const user = useUser();
  const client = useQueryClient();
  const toast = useToast();
  const lost = useLostWorkspace(workspaceId);

  if (lost) return <LostWorkspace workspaceName={workspace.data?.name} />;
  if (workspace.isPending) return <Spinner label="Loading workspace" />;
  if (workspace.isError)
    return <QueryError error={workspace.error} retry={() => workspace.refetch()} />;
  const ws = workspace.data;
  const role = ws.role;
  const refresh = () => client.invalidateQueries({ queryKey: keys.workspace(workspaceId) });
  /** Runs a membership change; a refusal is told, and the workspace is read again either way. */
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
      <div className="mt-1 flex flex-wrap items-start justify-between gap-2">
        <h1 className="min-w-0 break-words text-2xl font-bold tracking-tight">{ws.name}</h1>
        <ExportMenu
          testId="workspace-export"
          links={[
            {
              href: `/api/q/workspaces/${workspaceId}/export`,
              label: 'Workspace (JSON)',
              hint: 'Projects, boards, tasks, comments, members',
            },
            {
              href: `/api/cmd/workspaces/${workspaceId}/events.ndjson`,
              label: 'Event history (NDJSON)',
              hint: 'Every change, one event a line',
            },
          ]}
        />
      </div>
      {ws.description ? (
        <p className="mt-1 text-slate-600 dark:text-slate-400">{ws.description}</p>
      ) : null}
      <p className="mt-1 text-xs text-slate-500">Your role: {role ?? 'none'}</p>

      <div className="mt-6 grid grid-cols-[minmax(0,1fr)] gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="space-y-6">
          <WorkspaceProjects
            workspaceId={workspaceId}
            projects={ws.projects}
            editor={role !== undefined && role !== 'viewer'}
            refresh={refresh}
          />
          {role !== undefined && role !== 'viewer' ? (
            <TrelloImport
              workspaceId={workspaceId}
              projects={ws.projects}
              mayCreateProject={canManage(role)}
              refresh={refresh}
            />
          ) : null}
        </div>
        <WorkspaceMembers
          workspaceId={workspaceId}
          members={ws.members}
          invitations={ws.invitations}
          manager={canManage(role)}
          me={user}
          run={run}
        />
      </div>
      {canManage(role) ? (
        <div className="mt-8">
          <WorkspaceWebhooks workspaceId={workspaceId} />
        </div>
      ) : null}
    </main>
  );
}
