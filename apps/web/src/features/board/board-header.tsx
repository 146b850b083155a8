'use client';

import { Avatar } from '@taskomask/ui/avatar';
import { ViewOnlyBadge } from '@taskomask/ui/badge';
import { Button } from '@taskomask/ui/button';
import Link from 'next/link';
import type { LiveStatus, PresentUser } from '@/components/board/realtime';
import { ExportMenu } from '@/features/shared/export-menu';
import type { Role } from '@/lib/api';

const statusText: Record<LiveStatus, string> = {
  live: 'Live',
  connecting: 'Connecting',
  offline: 'Offline',
};

function LiveBadge({ status }: { status: LiveStatus }) {
  return (
    <span
      className={`inline-flex items-center gap-1 text-xs ${status === 'live' ? 'text-emerald-600' : 'text-slate-400'}`}
      data-testid="live-status"
      data-status={status}
    >
      <span
        className={`size-1.5 rounded-full ${status === 'live' ? 'bg-emerald-500' : 'bg-slate-400'}`}
      />
      {statusText[status]}
    </span>
  );
}

function Presence({ presence, me }: { presence: PresentUser[]; me: string }) {
  const others = presence.filter((p) => p.id !== me);
  return (
    <>
      <ul className="flex -space-x-1.5" aria-label="On this board now" data-testid="presence">
        {presence.map((p) => (
          <li key={p.id}>
            <Avatar id={p.id} name={p.id === me ? `${p.name} (you)` : p.name} size="md" />
          </li>
        ))}
      </ul>
      {others.length > 0 ? (
        <span className="text-xs text-slate-500">
          {others.length} other{others.length === 1 ? '' : 's'} here
        </span>
      ) : null}
    </>
  );
}

/**
 * Breadcrumb, board name, connection status, view-only mark, who else is here, History and
 * Export.
 */
export function BoardHeader({
  boardId,
  workspaceId,
  workspaceName,
  boardName,
  status,
  role,
  presence,
  me,
  historyOpen,
  onToggleHistory,
}: {
  boardId: string;
  workspaceId: string;
  workspaceName: string | undefined;
  boardName: string;
  status: LiveStatus;
  role: Role | undefined;
  presence: PresentUser[];
  me: string;
  historyOpen: boolean;
  onToggleHistory: () => void;
}) {
  return (
    <>
      <nav className="text-xs text-slate-500" aria-label="Breadcrumb">
        <Link href={`/workspaces/${workspaceId}`} className="hover:underline">
          {workspaceName ?? 'Workspace'}
        </Link>
      </nav>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-bold tracking-tight">{boardName}</h1>
        <LiveBadge status={status} />
        {role === 'viewer' ? <ViewOnlyBadge /> : null}
        <span className="flex-1" />
        <Presence presence={presence} me={me} />
        <Link
          href={`/boards/${boardId}/insights`}
          className="btn-ghost text-sm"
          data-testid="board-insights"
        >
          Insights
        </Link>
        <Button onClick={onToggleHistory} aria-expanded={historyOpen} data-testid="history-toggle">
          History
        </Button>
        <ExportMenu
          testId="board-export"
          links={[
            {
              href: `/api/q/boards/${boardId}/export.csv`,
              label: 'Board (CSV)',
              hint: 'One row per task, for spreadsheets',
            },
          ]}
        />
      </div>
    </>
  );
}
