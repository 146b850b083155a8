'use client';

import { useQueryClient } from '@tanstack/react-query';
import { RoleBadge } from '@taskomask/ui/badge';
import { useToast } from '@/components/providers';
import { explain, type MyInvitations as Invitations } from '@/lib/api';
import { keys, useMyInvitations } from '@/lib/queries';
import { acceptInvitation, declineInvitation } from './workspace-commands';

type Item = Invitations['items'][number];

function InvitationRow({ item, answer }: { item: Item; answer: (accept: boolean) => void }) {
  return (
    <li className="flex flex-wrap items-center gap-2 p-3 text-sm">
      <span className="min-w-0 flex-1">
        <span className="block truncate font-medium">{item.workspaceName}</span>
        <span className="block truncate text-xs text-slate-500">
          {item.invitedByName} invited you
        </span>
      </span>
      <RoleBadge value={item.role} />
      <button
        type="button"
        className="btn-primary px-3 py-1 text-xs"
        aria-label={`Accept the invitation to ${item.workspaceName}`}
        onClick={() => answer(true)}
      >
        Accept
      </button>
      <button
        type="button"
        className="btn-ghost px-3 py-1 text-xs"
        aria-label={`Decline the invitation to ${item.workspaceName}`}
        onClick={() => answer(false)}
      >
        Decline
      </button>
    </li>
  );
}

/** Invitations to the signed-in person's email: accept (join) or decline. Hidden when none. */
export function MyInvitations() {
  const invitations = useMyInvitations();
  const client = useQueryClient();
  const toast = useToast();
  const items = invitations.data?.items ?? [];
  if (items.length === 0) return null;
  const answer = async (item: Item, accept: boolean) => {
    try {
      await (accept ? acceptInvitation : declineInvitation)(item.invitationId);
    } catch (error) {
      toast(explain(error));
    }
    await Promise.all([
      client.invalidateQueries({ queryKey: keys.myInvitations }),
      client.invalidateQueries({ queryKey: keys.workspaces }),
    ]);
  };
  return (
    <section className="mt-6 space-y-2" aria-label="Invitations">
      <h2 className="text-sm font-semibold">Invitations</h2>
      <ul className="panel divide-y divide-slate-100 dark:divide-slate-800">
        {items.map((item) => (
          <InvitationRow
            key={item.invitationId}
            item={item}
            answer={(accept) => void answer(item, accept)}
          />
        ))}
      </ul>
    </section>
  );
}
