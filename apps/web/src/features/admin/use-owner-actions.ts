'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, explain } from '@/lib/api';
import { actOnOwner, type OwnerAction } from './admin-commands';
import { type AdminOwner, adminKeys, type Page } from './admin-queries';

export type { OwnerAction };

const after: Record<OwnerAction, Partial<Pick<AdminOwner, 'status' | 'role'>>> = {
  deactivate: { status: 'deactivated' },
  reactivate: { status: 'active' },
  grant: { role: 'admin' },
  revoke: { role: 'user' },
};

const done: Record<OwnerAction, string> = {
  deactivate: 'deactivated',
  reactivate: 'reactivated',
  grant: 'made an administrator',
  revoke: 'no longer an administrator',
};

/** What a refused account command means to the admin who tried it. */
function refusal(error: unknown, action: OwnerAction, owner: AdminOwner, self: boolean): string {
  if (error instanceof ApiError && error.status === 403 && self) {
    return `You cannot ${action === 'revoke' ? 'revoke your own admin role' : `${action} your own account`}: another administrator must do it. Nothing was changed.`;
  }
  return `${owner.displayName}: ${explain(error)}`;
}

/**
 * Account actions, shown at once in every cached page of accounts, rolled back when refused; the
 * last outcome is an error or a notice.
 */
export function useOwnerActions(me: string) {
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const act = useMutation({
    mutationFn: ({ action, owner }: { action: OwnerAction; owner: AdminOwner }) =>
      actOnOwner(action, owner.ownerId),
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
      setError(refusal(failure, action, owner, owner.ownerId === me));
    },
    onSuccess: (_answer, { action, owner }) =>
      setNotice(`${owner.displayName} is ${done[action]}.`),
    onSettled: () => client.invalidateQueries({ queryKey: adminKeys.allOwners }),
  });
  return {
    error,
    notice,
    dismiss: () => setError(null),
    busyId: act.isPending ? act.variables?.owner.ownerId : undefined,
    run: (action: OwnerAction, owner: AdminOwner) => act.mutate({ action, owner }),
  };
}
