'use client';

import { Avatar } from '@taskomask/ui/avatar';
import { Badge } from '@taskomask/ui/badge';
import { ConfirmButton } from '@taskomask/ui/confirm-button';
import { SelectField } from '@taskomask/ui/form-fields';
import { EmptyState, ErrorLine, NoticeLine, Spinner } from '@taskomask/ui/states';
import Link from 'next/link';
import { type FormEvent, useState } from 'react';
import { useUser } from '@/components/providers';
import type { Role } from '@/lib/api';
import { type AdminMember, useAdminMembers, useAdminOwners } from './admin-queries';
import { AdminError } from './admin-shell';
import { type MemberChange, useMemberChanges } from './use-member-changes';

const roles: Role[] = ['owner', 'admin', 'member', 'viewer'];
const roleOptions = roles.map((r) => ({ value: r, label: r }));

export const nameOf = (m: AdminMember) => m.displayName ?? `Member ${m.ownerId.slice(0, 8)}`;

function MemberRow({
  member: m,
  workspaceName,
  self,
  busy,
  change,
}: {
  member: AdminMember;
  workspaceName: string;
  self: boolean;
  busy: boolean;
  change: (c: MemberChange) => void;
}) {
  return (
    <li className="flex flex-wrap items-center gap-2 p-3 text-sm">
      <Avatar id={m.ownerId} name={nameOf(m)} />
      <span className="min-w-0 flex-1">
        <span className="block truncate font-medium" title={m.ownerId}>
          {nameOf(m)}
          {self ? <span className="ml-1 text-xs text-slate-500">(you)</span> : null}
        </span>
        {m.email ? <span className="block truncate text-xs text-slate-500">{m.email}</span> : null}
      </span>
      {m.status === 'deactivated' ? <Badge tone="red">deactivated</Badge> : null}
      <SelectField
        className="input w-auto py-1"
        label={`Role of ${nameOf(m)}`}
        value={m.role}
        options={roleOptions}
        disabled={busy}
        onChange={(role) => change({ kind: 'role', member: m, role })}
      />
      <ConfirmButton
        label={`Remove ${nameOf(m)}`}
        question={`Remove ${nameOf(m)} from ${workspaceName}?`}
        confirmLabel="Remove"
        tone="danger"
        disabled={busy}
        onConfirm={() => change({ kind: 'remove', member: m })}
      />
    </li>
  );
}

/** One workspace's members, as an administrator sees them: change roles, remove, add anyone. */
export function WorkspaceMembersAdmin({ workspaceId }: { workspaceId: string }) {
  const me = useUser();
  const members = useAdminMembers(workspaceId);
  const [adding, setAdding] = useState({ ownerId: '', role: 'member' as Role });
  const changes = useMemberChanges(workspaceId, nameOf, () =>
    setAdding({ ownerId: '', role: 'member' }),
  );

  if (members.isPending) return <Spinner label="Loading members" />;
  if (members.isError) return <AdminError error={members.error} retry={() => members.refetch()} />;
  const ws = members.data;
  const present = new Set(ws.members.map((m) => m.ownerId));

  const add = (event: FormEvent) => {
    event.preventDefault();
    changes.change({ kind: 'add', ownerId: adding.ownerId.trim(), role: adding.role });
  };

  return (
    <section aria-labelledby="members-heading" className="mt-6 space-y-4">
      <nav className="text-sm text-slate-500" aria-label="Breadcrumb">
        <Link href="/admin/workspaces" className="hover:underline">
          Workspaces
        </Link>
      </nav>
      <h2 id="members-heading" className="text-xl font-semibold">
        {ws.name}: members
      </h2>
      <ErrorLine message={changes.error} onDismiss={changes.dismiss} />
      <NoticeLine message={changes.notice} />
      {ws.members.length === 0 ? (
        <EmptyState title="No members">Add one below.</EmptyState>
      ) : (
        <ul className="panel divide-y divide-slate-100 dark:divide-slate-800">
          {ws.members.map((m) => (
            <MemberRow
              key={m.ownerId}
              member={m}
              workspaceName={ws.name}
              self={m.ownerId === me.id}
              busy={changes.busy}
              change={changes.change}
            />
          ))}
        </ul>
      )}
      <AddMember
        value={adding}
        onChange={setAdding}
        onSubmit={add}
        busy={changes.busy}
        present={present}
      />
    </section>
  );
}

function AddMember({
  value,
  onChange,
  onSubmit,
  busy,
  present,
}: {
  value: { ownerId: string; role: Role };
  onChange: (value: { ownerId: string; role: Role }) => void;
  onSubmit: (event: FormEvent) => void;
  busy: boolean;
  present: ReadonlySet<string>;
}) {
  const owners = useAdminOwners({ search: '', role: '', status: '' });
  const candidates = (owners.data?.items ?? []).filter((o) => !present.has(o.ownerId));
  return (
    <form className="panel max-w-xl space-y-2 p-4" aria-label="Add member" onSubmit={onSubmit}>
      <h3 className="text-sm font-semibold">Add a member</h3>
      <div className="flex flex-wrap gap-2">
        <select
          className="input min-w-0 grow basis-full sm:basis-0"
          aria-label="Account to add"
          value={value.ownerId}
          onChange={(e) => onChange({ ...value, ownerId: e.target.value })}
          required
        >
          <option value="">Choose an account…</option>
          {candidates.map((o) => (
            <option key={o.ownerId} value={o.ownerId}>
              {o.displayName} ({o.email})
            </option>
          ))}
        </select>
        <select
          className="input w-auto"
          aria-label="Role of the new member"
          value={value.role}
          onChange={(e) => onChange({ ...value, role: e.target.value as Role })}
        >
          {roles.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        <button type="submit" className="btn-primary" disabled={busy || !value.ownerId}>
          Add member
        </button>
      </div>
    </form>
  );
}
