'use client';

import { Avatar } from '@taskomask/ui/avatar';
import { RoleBadge } from '@taskomask/ui/badge';
import { SelectField } from '@taskomask/ui/form-fields';
import { useState } from 'react';
import type { Role, Workspace } from '@/lib/api';
import { displayName } from '@/lib/people';
import { addMember, changeMemberRole, removeMember } from './workspace-commands';

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
  names,
  me,
  run,
}: {
  workspaceId: string;
  member: Member;
  manager: boolean;
  names: ReadonlyMap<string, string>;
  me: string;
  run: Run;
}) {
  return (
    <li className="flex items-center gap-2 p-3 text-sm">
      <Avatar id={m.ownerId} name={displayName(m.ownerId, names, me)} />
      <span className="min-w-0 flex-1 truncate" title={m.ownerId}>
        {displayName(m.ownerId, names, me)}
      </span>
      {manager && m.ownerId !== me ? (
        <>
          <SelectField
            className="input w-auto py-1"
            label={`Role of ${displayName(m.ownerId, names)}`}
            value={m.role as Role}
            options={roles}
            onChange={(role) => run(() => changeMemberRole(workspaceId, m.ownerId, role))}
          />
          <button
            type="button"
            className="btn-danger px-2"
            aria-label={`Remove ${displayName(m.ownerId, names)}`}
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

function AddMemberForm({ workspaceId, run }: { workspaceId: string; run: Run }) {
  const [newMember, setNewMember] = useState({ ownerId: '', role: 'member' as Role });
  return (
    <form
      className="panel space-y-2 p-4"
      aria-label="Add member"
      onSubmit={(e) => {
        e.preventDefault();
        void run(async () => {
          await addMember(workspaceId, newMember);
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
        <SelectField
          className="input"
          label="New member role"
          value={newMember.role}
          options={roles}
          onChange={(role) => setNewMember({ ...newMember, role })}
        />
        <button type="submit" className="btn-primary shrink-0" disabled={!newMember.ownerId}>
          Add member
        </button>
      </div>
    </form>
  );
}

/** The workspace's members; owners and admins change roles, remove and add members. */
export function WorkspaceMembers({
  workspaceId,
  members,
  manager,
  me,
  run,
}: {
  workspaceId: string;
  members: readonly Member[];
  manager: boolean;
  me: { id: string; name: string };
  run: Run;
}) {
  const names = new Map<string, string>([[me.id, me.name]]);
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
            names={names}
            me={me.id}
            run={run}
          />
        ))}
      </ul>
      {manager ? <AddMemberForm workspaceId={workspaceId} run={run} /> : null}
    </section>
  );
}
