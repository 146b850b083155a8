'use client';

import { Avatar } from '@taskomask/ui/avatar';
import { Badge } from '@taskomask/ui/badge';
import { ConfirmButton } from '@taskomask/ui/confirm-button';
import { EmptyState, ErrorLine, NoticeLine, Spinner } from '@taskomask/ui/states';
import { useState } from 'react';
import { useUser } from '@/components/providers';
import { OwnerTokens } from '@/features/tokens/owner-tokens';
import type { AccountRole, AccountStatus, AdminOwner, OwnerFilter } from './admin-queries';
import { useAdminOwners } from './admin-queries';
import { AdminError, useDebounced } from './admin-shell';
import { type OwnerAction, useOwnerActions } from './use-owner-actions';

const labelClass = 'flex flex-col gap-1 text-xs font-medium text-slate-600 dark:text-slate-400';

function OwnerFilters({
  filter,
  onChange,
}: {
  filter: OwnerFilter;
  onChange: (filter: OwnerFilter) => void;
}) {
  return (
    <search className="flex flex-wrap items-end gap-2">
      <label className="flex min-w-48 flex-1 flex-col gap-1 text-xs font-medium text-slate-600 dark:text-slate-400">
        Search accounts
        <input
          type="search"
          className="input"
          placeholder="Name or email"
          value={filter.search}
          maxLength={100}
          onChange={(e) => onChange({ ...filter, search: e.target.value })}
        />
      </label>
      <label className={labelClass}>
        Status
        <select
          className="input w-auto"
          value={filter.status}
          onChange={(e) => onChange({ ...filter, status: e.target.value as '' | AccountStatus })}
        >
          <option value="">Any</option>
          <option value="active">Active</option>
          <option value="deactivated">Deactivated</option>
        </select>
      </label>
      <label className={labelClass}>
        Role
        <select
          className="input w-auto"
          value={filter.role}
          onChange={(e) => onChange({ ...filter, role: e.target.value as '' | AccountRole })}
        >
          <option value="">Any</option>
          <option value="admin">Administrator</option>
          <option value="user">User</option>
        </select>
      </label>
    </search>
  );
}

function OwnerActions({
  owner,
  busy,
  run,
  showTokens,
}: {
  owner: AdminOwner;
  busy: boolean;
  run: (action: OwnerAction) => void;
  showTokens: () => void;
}) {
  const name = owner.displayName;
  return (
    <div className="flex flex-wrap justify-end gap-1">
      <button
        type="button"
        className="btn-ghost px-2 py-1 text-xs"
        aria-label={`API tokens of ${name}`}
        onClick={showTokens}
      >
        Tokens
      </button>
      {owner.status === 'active' ? (
        <ConfirmButton
          label={`Deactivate ${name}`}
          question={`Deactivate ${name}? They can no longer sign in.`}
          confirmLabel="Deactivate"
          tone="danger"
          disabled={busy}
          onConfirm={() => run('deactivate')}
        />
      ) : (
        <ConfirmButton
          label={`Reactivate ${name}`}
          question={`Reactivate ${name}? They can sign in again.`}
          confirmLabel="Reactivate"
          disabled={busy}
          onConfirm={() => run('reactivate')}
        />
      )}
      {owner.role === 'admin' ? (
        <ConfirmButton
          label={`Revoke admin from ${name}`}
          question={`Take the admin role from ${name}?`}
          confirmLabel="Revoke admin"
          tone="danger"
          disabled={busy}
          onConfirm={() => run('revoke')}
        />
      ) : (
        <ConfirmButton
          label={`Make ${name} admin`}
          question={`Make ${name} an administrator of TaskoMask?`}
          confirmLabel="Grant admin"
          disabled={busy}
          onConfirm={() => run('grant')}
        />
      )}
    </div>
  );
}

// On a phone the table's rows stack as cards: the account on a line, badges and actions below.
const cell = 'px-3 py-2 max-sm:p-0';

function OwnerRow({
  owner,
  self,
  busy,
  run,
  showTokens,
}: {
  owner: AdminOwner;
  self: boolean;
  busy: boolean;
  run: (action: OwnerAction) => void;
  showTokens: () => void;
}) {
  return (
    <tr
      aria-label={owner.displayName}
      className="max-sm:flex max-sm:flex-wrap max-sm:items-center max-sm:gap-2 max-sm:p-3"
    >
      <td className="px-3 py-2 max-sm:w-full max-sm:p-0">
        <div className="flex items-center gap-2">
          <Avatar id={owner.ownerId} name={owner.displayName} />
          <div className="min-w-0">
            <p className="truncate font-medium">
              {owner.displayName}
              {self ? <span className="ml-1 text-xs text-slate-500">(you)</span> : null}
            </p>
            <p className="truncate text-xs text-slate-500">{owner.email}</p>
          </div>
        </div>
      </td>
      <td className={cell}>
        {owner.status === 'active' ? (
          <Badge tone="green">active</Badge>
        ) : (
          <Badge tone="red">deactivated</Badge>
        )}
      </td>
      <td className={cell}>
        {owner.role === 'admin' ? (
          <Badge tone="brand">admin</Badge>
        ) : (
          <Badge tone="slate">user</Badge>
        )}
      </td>
      <td className={`${cell} max-sm:ml-auto`}>
        <OwnerActions owner={owner} busy={busy} run={run} showTokens={showTokens} />
      </td>
    </tr>
  );
}

function OwnersTable({
  owners,
  more,
  fetching,
  me,
  busyId,
  run,
  showTokens,
}: {
  owners: AdminOwner[];
  more: boolean;
  fetching: boolean;
  me: string;
  busyId: string | undefined;
  run: (action: OwnerAction, owner: AdminOwner) => void;
  showTokens: (owner: AdminOwner) => void;
}) {
  const th = 'px-3 py-2 font-medium';
  return (
    <div className="panel overflow-x-auto">
      <table className="w-full text-left text-sm max-sm:block" aria-busy={fetching}>
        <caption className="sr-only">Accounts</caption>
        <thead className="max-sm:sr-only border-b border-slate-200 text-xs text-slate-500 uppercase dark:border-slate-800">
          <tr>
            <th scope="col" className={th}>
              Account
            </th>
            <th scope="col" className={th}>
              Status
            </th>
            <th scope="col" className={th}>
              Role
            </th>
            <th scope="col" className={th}>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="max-sm:block divide-y divide-slate-100 dark:divide-slate-800">
          {owners.map((owner) => (
            <OwnerRow
              key={owner.ownerId}
              owner={owner}
              self={owner.ownerId === me}
              busy={busyId === owner.ownerId}
              run={(action) => run(action, owner)}
              showTokens={() => showTokens(owner)}
            />
          ))}
        </tbody>
      </table>
      {more ? (
        <p className="border-t border-slate-100 px-3 py-2 text-xs text-slate-500 dark:border-slate-800">
          Showing the first {owners.length} accounts; search to narrow the list.
        </p>
      ) : null}
    </div>
  );
}

/** Every account: find by name or email, filter, deactivate or reactivate, grant or revoke admin. */
export function OwnersAdmin() {
  const me = useUser();
  const [filter, setFilter] = useState<OwnerFilter>({ search: '', role: '', status: '' });
  const owners = useAdminOwners(useDebounced(filter));
  const actions = useOwnerActions(me.id);
  const [tokensOf, setTokensOf] = useState<AdminOwner | null>(null);

  return (
    <section aria-labelledby="owners-heading" className="mt-6 space-y-4">
      <h2 id="owners-heading" className="text-lg font-semibold">
        Accounts
      </h2>
      <OwnerFilters filter={filter} onChange={setFilter} />
      <ErrorLine message={actions.error} onDismiss={actions.dismiss} />
      <NoticeLine message={actions.notice} />
      {owners.isPending ? (
        <Spinner label="Loading accounts" />
      ) : owners.isError ? (
        <AdminError error={owners.error} retry={() => owners.refetch()} />
      ) : owners.data.items.length === 0 ? (
        <EmptyState title="No accounts match">
          Try another name or email, or clear the filters.
        </EmptyState>
      ) : (
        <OwnersTable
          owners={owners.data.items}
          more={Boolean(owners.data.nextCursor)}
          fetching={owners.isFetching}
          me={me.id}
          busyId={actions.busyId}
          run={actions.run}
          showTokens={setTokensOf}
        />
      )}
      {tokensOf === null ? null : (
        <OwnerTokens
          key={tokensOf.ownerId}
          ownerId={tokensOf.ownerId}
          name={tokensOf.displayName}
          onClose={() => setTokensOf(null)}
        />
      )}
    </section>
  );
}
