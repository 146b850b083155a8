'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { type FormEvent, useState } from 'react';
import { useUser } from '@/components/providers';
import { Avatar, EmptyState, Spinner } from '@/components/ui';
import { command, explain, type Role } from '@/lib/api';
import { wrote } from '@/lib/queries';
import {
  type AdminMember,
  type AdminMembers,
  adminKeys,
  useAdminMembers,
  useAdminOwners,
} from './api';
import { AdminError, Badge, ConfirmButton, ErrorLine } from './shared';

const roles: Role[] = ['owner', 'admin', 'member', 'viewer'];

type Change =
  | { kind: 'role'; member: AdminMember; role: Role }
  | { kind: 'remove'; member: AdminMember }
  | { kind: 'add'; ownerId: string; role: Role };

const nameOf = (m: AdminMember) => m.displayName ?? `Member ${m.ownerId.slice(0, 8)}`;

export function WorkspaceMembersAdmin({ workspaceId }: { workspaceId: string }) {
  const me = useUser();
  const client = useQueryClient();
  const members = useAdminMembers(workspaceId);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [adding, setAdding] = useState({ ownerId: '', role: 'member' as Role });
  const key = adminKeys.members(workspaceId);

  const change = useMutation({
    mutationFn: async (c: Change) => {
      const base = `/admin/workspaces/${workspaceId}/members`;
      if (c.kind === 'role') {
        return wrote(await command('PATCH', `${base}/${c.member.ownerId}`, { role: c.role }));
      }
      if (c.kind === 'remove') return wrote(await command('DELETE', `${base}/${c.member.ownerId}`));
      return wrote(await command('POST', base, { ownerId: c.ownerId, role: c.role }));
    },
    onMutate: async (c) => {
      setError(null);
      setNotice(null);
      await client.cancelQueries({ queryKey: key });
      const before = client.getQueryData<AdminMembers>(key);
      if (before && c.kind !== 'add') {
        client.setQueryData<AdminMembers>(key, {
          ...before,
          members:
            c.kind === 'remove'
              ? before.members.filter((m) => m.ownerId !== c.member.ownerId)
              : before.members.map((m) =>
                  m.ownerId === c.member.ownerId ? { ...m, role: c.role } : m,
                ),
        });
      }
      return { before };
    },
    onError: (failure, c, context) => {
      if (context?.before) client.setQueryData(key, context.before);
      const who = c.kind === 'add' ? 'Adding the member' : nameOf(c.member);
      setError(`${who}: ${explain(failure)}`);
    },
    onSuccess: (_answer, c) => {
      if (c.kind === 'add') setAdding({ ownerId: '', role: 'member' });
      setNotice(
        c.kind === 'role'
          ? `${nameOf(c.member)} is now ${c.role}.`
          : c.kind === 'remove'
            ? `${nameOf(c.member)} was removed.`
            : 'Member added.',
      );
    },
    onSettled: () => client.invalidateQueries({ queryKey: key }),
  });

  if (members.isPending) return <Spinner label="Loading members" />;
  if (members.isError) return <AdminError error={members.error} retry={() => members.refetch()} />;
  const ws = members.data;
  const present = new Set(ws.members.map((m) => m.ownerId));

  const add = (event: FormEvent) => {
    event.preventDefault();
    change.mutate({ kind: 'add', ownerId: adding.ownerId.trim(), role: adding.role });
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
      <ErrorLine message={error} onDismiss={() => setError(null)} />
      {notice ? (
        <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
          {notice}
        </p>
      ) : null}
      {ws.members.length === 0 ? (
        <EmptyState title="No members">Add one below.</EmptyState>
      ) : (
        <ul className="panel divide-y divide-slate-100 dark:divide-slate-800">
          {ws.members.map((m) => (
            <li key={m.ownerId} className="flex flex-wrap items-center gap-2 p-3 text-sm">
              <Avatar id={m.ownerId} name={nameOf(m)} />
              <span className="min-w-0 flex-1">
                <span className="block truncate font-medium" title={m.ownerId}>
                  {nameOf(m)}
                  {m.ownerId === me.id ? (
                    <span className="ml-1 text-xs text-slate-500">(you)</span>
                  ) : null}
                </span>
                {m.email ? (
                  <span className="block truncate text-xs text-slate-500">{m.email}</span>
                ) : null}
              </span>
              {m.status === 'deactivated' ? <Badge tone="red">deactivated</Badge> : null}
              <select
                className="input w-auto py-1"
                aria-label={`Role of ${nameOf(m)}`}
                value={m.role}
                disabled={change.isPending}
                onChange={(e) =>
                  change.mutate({ kind: 'role', member: m, role: e.target.value as Role })
                }
              >
                {roles.map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
              </select>
              <ConfirmButton
                label={`Remove ${nameOf(m)}`}
                question={`Remove ${nameOf(m)} from ${ws.name}?`}
                confirmLabel="Remove"
                tone="danger"
                disabled={change.isPending}
                onConfirm={() => change.mutate({ kind: 'remove', member: m })}
              />
            </li>
          ))}
        </ul>
      )}
      <AddMember
        value={adding}
        onChange={setAdding}
        onSubmit={add}
        busy={change.isPending}
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
          className="input min-w-0 flex-1"
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
