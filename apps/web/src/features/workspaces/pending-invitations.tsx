'use client';

import { RoleBadge } from '@taskomask/ui/badge';
import type { Invitation } from '@/lib/api';
import { revokeInvitation } from './workspace-commands';

type Run = (work: () => Promise<unknown>) => Promise<void>;

const day = (iso: string) => iso.slice(0, 10);

/** Invitations not yet accepted, for the workspace's owners and admins: who, as what, revocable. */
export function PendingInvitations({
  workspaceId,
  invitations,
  run,
}: {
  workspaceId: string;
  invitations: readonly Invitation[];
  run: Run;
}) {
  if (invitations.length === 0) return null;
  return (
    <section aria-label="Pending invitations" className="space-y-2">
      <h3 className="text-sm font-semibold">Pending invitations</h3>
      <ul className="panel divide-y divide-slate-100 dark:divide-slate-800">
        {invitations.map((i) => (
          <li key={i.invitationId} className="flex flex-wrap items-center gap-2 p-3 text-sm">
            <span className="min-w-0 flex-1">
              <span className="block truncate font-medium">{i.email}</span>
              <span className="block truncate text-xs text-slate-500">
                invited by {i.invitedByName} on {day(i.invitedAt)}
              </span>
            </span>
            <RoleBadge value={i.role} />
            <button
              type="button"
              className="btn-ghost px-2 py-1 text-xs"
              aria-label={`Revoke the invitation of ${i.email}`}
              onClick={() => run(() => revokeInvitation(workspaceId, i.invitationId))}
            >
              Revoke
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
