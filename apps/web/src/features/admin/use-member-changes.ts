'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { explain, type Role } from '@/lib/api';
import { adminAddMember, adminChangeRole, adminRemoveMember } from './admin-commands';
import { type AdminMember, type AdminMembers, adminKeys } from './admin-queries';

export type MemberChange =
  | { kind: 'role'; member: AdminMember; role: Role }
  | { kind: 'remove'; member: AdminMember }
  | { kind: 'add'; ownerId: string; role: Role };

function send(workspaceId: string, c: MemberChange) {
  if (c.kind === 'role') return adminChangeRole(workspaceId, c.member.ownerId, c.role);
  if (c.kind === 'remove') return adminRemoveMember(workspaceId, c.member.ownerId);
  return adminAddMember(workspaceId, c.ownerId, c.role);
}

/** The cached members after a role change or removal (an addition waits for the answer). */
function applied(before: AdminMembers, c: MemberChange): AdminMembers {
  if (c.kind === 'add') return before;
  return {
    ...before,
    members:
      c.kind === 'remove'
        ? before.members.filter((m) => m.ownerId !== c.member.ownerId)
        : before.members.map((m) => (m.ownerId === c.member.ownerId ? { ...m, role: c.role } : m)),
  };
}

/**
 * Membership changes by an administrator: shown at once, rolled back when refused; the last
 * outcome is an error or a notice. `onAdded` runs after an accepted addition.
 */
export function useMemberChanges(
  workspaceId: string,
  nameOf: (m: AdminMember) => string,
  onAdded: () => void,
) {
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const key = adminKeys.members(workspaceId);
  const mutation = useMutation({
    mutationFn: (c: MemberChange) => send(workspaceId, c),
    onMutate: async (c) => {
      setError(null);
      setNotice(null);
      await client.cancelQueries({ queryKey: key });
      const before = client.getQueryData<AdminMembers>(key);
      if (before && c.kind !== 'add') client.setQueryData<AdminMembers>(key, applied(before, c));
      return { before };
    },
    onError: (failure, c, context) => {
      if (context?.before) client.setQueryData(key, context.before);
      const who = c.kind === 'add' ? 'Adding the member' : nameOf(c.member);
      setError(`${who}: ${explain(failure)}`);
    },
    onSuccess: (_answer, c) => {
      if (c.kind === 'add') onAdded();
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
  return {
    error,
    notice,
    dismiss: () => setError(null),
    busy: mutation.isPending,
    change: (c: MemberChange) => mutation.mutate(c),
  };
}
