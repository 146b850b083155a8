'use client';

import { Avatar } from '@taskomask/ui/avatar';
import { RoleBadge } from '@taskomask/ui/badge';
import { SelectField } from '@taskomask/ui/form-fields';
import type { Invitation, Role, Workspace } from '@/lib/api';
import { InviteForm } from './invite-form';
import { PendingInvitations } from './pending-invitations';
import { changeMemberRole, removeMember } from './workspace-commands';

const roles = (['owner', 'admin', 'member', 'viewer'] as const).map((r) => ({
  value: r as Role,
  label: r,
}));

type Member = Workspace['members'][number];
type Run = (work: () => Promise<unknown>) => Promise<void>;

function MemberRow({
  workspaceId,
  member: m,
  manager,
  me,
  run,
}: {
  workspaceId: string;
  member: Member;
  manager: boolean;
  me: string;
  run: Run;
}) {
  return (
    <li className="flex items-center gap-2 p-3 text-sm">
      <Avatar id={m.ownerId} name={m.displayName} />
      <span className="min-w-0 flex-1 truncate">
        {m.displayName}
        {m.ownerId === me ? <span className="ml-1 text-xs text-slate-500">(you)</span> : null}
      </span>
      {manager && m.ownerId !== me ? (
        <>
          <SelectField
            className="input w-auto py-1"
            label={`Role of ${m.displayName}`}
            value={m.role as Role}
            options={roles}
            onChange={(role) => run(() => changeMemberRole(workspaceId, m.ownerId, role))}
          />
          <button
            type="button"
            className="btn-danger px-2"
            aria-label={`Remove ${m.displayName}`}
            onClick={() => run(() => removeMember(workspaceId, m.ownerId))}
          >
            ×
          </button>
        </>
      ) : (
        <RoleBadge value={m.role} />
      )}
    </li>
  );
}

/**
 * The workspace's members by name; owners and admins change roles, remove members, invite people
 * by email and see (and revoke) the invitations still pending.
 */
export function WorkspaceMembers({
  workspaceId,
  members,
  invitations,
  manager,
  me,
  run,
}: {
  workspaceId: string;
  members: readonly Member[];
  invitations: readonly Invitation[];
  manager: boolean;
  me: { id: string; name: string };
  run: Run;
}) {
  return (
    <section aria-label="Members" className="space-y-3">
      <h2 className="text-lg font-semibold">Members</h2>
      <ul className="panel divide-y divide-slate-100 dark:divide-slate-800">
        {members.map((m) => (
          <MemberRow
            key={m.ownerId}
            workspaceId={workspaceId}
            member={m}
            manager={manager}
            me={me.id}
            run={run}
          />
        ))}
      </ul>
      {manager ? (
        <>
          <PendingInvitations workspaceId={workspaceId} invitations={invitations} run={run} />
          <InviteForm workspaceId={workspaceId} run={run} />
        </>
      ) : null}
    </section>
  );
}
