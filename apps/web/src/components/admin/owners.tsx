'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useUser } from '@/components/providers';
import { Avatar, EmptyState, Spinner } from '@/components/ui';
import { ApiError, command, explain } from '@/lib/api';
import { wrote } from '@/lib/queries';
import {
  type AccountRole,
  type AccountStatus,
  type AdminOwner,
  adminKeys,
  type OwnerFilter,
  type Page,
  useAdminOwners,
} from './api';
import { AdminError, Badge, ConfirmButton, ErrorLine, useDebounced } from './shared';

type Action = 'deactivate' | 'reactivate' | 'grant' | 'revoke';

const requests: Record<Action, { method: 'POST' | 'DELETE'; path: (id: string) => string }> = {
  deactivate: { method: 'POST', path: (id) => `/admin/owners/${id}/deactivate` },
  reactivate: { method: 'POST', path: (id) => `/admin/owners/${id}/reactivate` },
  grant: { method: 'POST', path: (id) => `/admin/owners/${id}/admin` },
  revoke: { method: 'DELETE', path: (id) => `/admin/owners/${id}/admin` },
};

const after: Record<Action, Partial<Pick<AdminOwner, 'status' | 'role'>>> = {
  deactivate: { status: 'deactivated' },
  reactivate: { status: 'active' },
  grant: { role: 'admin' },
  revoke: { role: 'user' },
};

const done: Record<Action, string> = {
  deactivate: 'deactivated',
  reactivate: 'reactivated',
  grant: 'made an administrator',
  revoke: 'no longer an administrator',
};

/** What a refused account command means to the admin who tried it. */
function refusal(error: unknown, action: Action, owner: AdminOwner, self: boolean): string {
  if (error instanceof ApiError && error.status === 403 && self) {
    return `You cannot ${action === 'revoke' ? 'revoke your own admin role' : `${action} your own account`}: another administrator must do it. Nothing was changed.`;
  }
  return `${owner.displayName}: ${explain(error)}`;
}

export function OwnersAdmin() {
  const me = useUser();
  const client = useQueryClient();
  const [filter, setFilter] = useState<OwnerFilter>({ search: '', role: '', status: '' });
  const settled = useDebounced(filter);
  const owners = useAdminOwners(settled);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const act = useMutation({
    mutationFn: async ({ action, owner }: { action: Action; owner: AdminOwner }) =>
      wrote(await command(requests[action].method, requests[action].path(owner.ownerId))),
    onMutate: async ({ action, owner }) => {
      setError(null);
      setNotice(null);
      await client.cancelQueries({ queryKey: adminKeys.allOwners });
      const before = client.getQueriesData<Page<AdminOwner>>({ queryKey: adminKeys.allOwners });
      client.setQueriesData<Page<AdminOwner>>({ queryKey: adminKeys.allOwners }, (page) =>
        page
          ? {
              ...page,
              items: page.items.map((o) =>
                o.ownerId === owner.ownerId ? { ...o, ...after[action] } : o,
              ),
            }
          : page,
      );
      return { before };
    },
    onError: (failure, { action, owner }, context) => {
      for (const [key, data] of context?.before ?? []) client.setQueryData(key, data);
      setError(refusal(failure, action, owner, owner.ownerId === me.id));
    },
    onSuccess: (_answer, { action, owner }) =>
      setNotice(`${owner.displayName} is ${done[action]}.`),
    onSettled: () => client.invalidateQueries({ queryKey: adminKeys.allOwners }),
  });

  const busyId = act.isPending ? act.variables?.owner.ownerId : undefined;

  return (
    <section aria-labelledby="owners-heading" className="mt-6 space-y-4">
      <h2 id="owners-heading" className="text-lg font-semibold">
        Accounts
      </h2>
      <search className="flex flex-wrap items-end gap-2">
        <label className="flex min-w-48 flex-1 flex-col gap-1 text-xs font-medium text-slate-600 dark:text-slate-400">
          Search accounts
          <input
            type="search"
            className="input"
            placeholder="Name or email"
            value={filter.search}
            maxLength={100}
            onChange={(e) => setFilter({ ...filter, search: e.target.value })}
          />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600 dark:text-slate-400">
          Status
          <select
            className="input w-auto"
            value={filter.status}
            onChange={(e) => setFilter({ ...filter, status: e.target.value as '' | AccountStatus })}
          >
            <option value="">Any</option>
            <option value="active">Active</option>
            <option value="deactivated">Deactivated</option>
          </select>
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600 dark:text-slate-400">
          Role
          <select
            className="input w-auto"
            value={filter.role}
            onChange={(e) => setFilter({ ...filter, role: e.target.value as '' | AccountRole })}
          >
            <option value="">Any</option>
            <option value="admin">Administrator</option>
            <option value="user">User</option>
          </select>
        </label>
      </search>

      <ErrorLine message={error} onDismiss={() => setError(null)} />
      {notice ? (
        <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
          {notice}
        </p>
      ) : null}

      {owners.isPending ? (
        <Spinner label="Loading accounts" />
      ) : owners.isError ? (
        <AdminError error={owners.error} retry={() => owners.refetch()} />
      ) : owners.data.items.length === 0 ? (
        <EmptyState title="No accounts match">
          Try another name or email, or clear the filters.
        </EmptyState>
      ) : (
        <div className="panel overflow-x-auto">
          <table className="w-full text-left text-sm" aria-busy={owners.isFetching}>
            <caption className="sr-only">Accounts</caption>
            <thead className="border-b border-slate-200 text-xs text-slate-500 uppercase dark:border-slate-800">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  Account
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Status
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Role
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {owners.data.items.map((owner) => {
                const self = owner.ownerId === me.id;
                const busy = busyId === owner.ownerId;
                const run = (action: Action) => act.mutate({ action, owner });
                return (
                  <tr key={owner.ownerId} aria-label={owner.displayName}>
                    <td className="px-3 py-2">
                      <div className="flex items-center gap-2">
                        <Avatar id={owner.ownerId} name={owner.displayName} />
                        <div className="min-w-0">
                          <p className="truncate font-medium">
                            {owner.displayName}
                            {self ? (
                              <span className="ml-1 text-xs text-slate-500">(you)</span>
                            ) : null}
                          </p>
                          <p className="truncate text-xs text-slate-500">{owner.email}</p>
                        </div>
                      </div>
                    </td>
                    <td className="px-3 py-2">
                      {owner.status === 'active' ? (
                        <Badge tone="green">active</Badge>
                      ) : (
                        <Badge tone="red">deactivated</Badge>
                      )}
                    </td>
                    <td className="px-3 py-2">
                      {owner.role === 'admin' ? (
                        <Badge tone="brand">admin</Badge>
                      ) : (
                        <Badge tone="slate">user</Badge>
                      )}
                    </td>
                    <td className="px-3 py-2">
                      <div className="flex flex-wrap justify-end gap-1">
                        {owner.status === 'active' ? (
                          <ConfirmButton
                            label={`Deactivate ${owner.displayName}`}
                            question={`Deactivate ${owner.displayName}? They can no longer sign in.`}
                            confirmLabel="Deactivate"
                            tone="danger"
                            disabled={busy}
                            onConfirm={() => run('deactivate')}
                          />
                        ) : (
                          <ConfirmButton
                            label={`Reactivate ${owner.displayName}`}
                            question={`Reactivate ${owner.displayName}? They can sign in again.`}
                            confirmLabel="Reactivate"
                            disabled={busy}
                            onConfirm={() => run('reactivate')}
                          />
                        )}
                        {owner.role === 'admin' ? (
                          <ConfirmButton
                            label={`Revoke admin from ${owner.displayName}`}
                            question={`Take the admin role from ${owner.displayName}?`}
                            confirmLabel="Revoke admin"
                            tone="danger"
                            disabled={busy}
                            onConfirm={() => run('revoke')}
                          />
                        ) : (
                          <ConfirmButton
                            label={`Make ${owner.displayName} admin`}
                            question={`Make ${owner.displayName} an administrator of TaskoMask?`}
                            confirmLabel="Grant admin"
                            disabled={busy}
                            onConfirm={() => run('grant')}
                          />
                        )}
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {owners.data.nextCursor ? (
            <p className="border-t border-slate-100 px-3 py-2 text-xs text-slate-500 dark:border-slate-800">
              Showing the first {owners.data.items.length} accounts; search to narrow the list.
            </p>
          ) : null}
        </div>
      )}
    </section>
  );
}
