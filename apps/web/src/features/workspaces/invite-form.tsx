'use client';

import { SelectField } from '@taskomask/ui/form-fields';
import { ErrorLine, NoticeLine } from '@taskomask/ui/states';
import { useState } from 'react';
import { ApiError, explain, type Role } from '@/lib/api';
import { inviteMember } from './workspace-commands';

const roles = (['owner', 'admin', 'member', 'viewer'] as const).map((r) => ({
  value: r as Role,
  label: r,
}));

type Run = (work: () => Promise<unknown>) => Promise<void>;

/** A refusal in words: a member's address (409) is said as the API says it. */
function refusal(error: unknown): string {
  if (error instanceof ApiError && error.status === 409 && error.problem.detail) {
    return `${error.problem.detail[0]?.toUpperCase()}${error.problem.detail.slice(1)}.`;
  }
  return explain(error);
}

/**
 * Invites a person by email. The message after sending is the same whether or not the address
 * has an account: they join when they accept, or when they sign up with it.
 */
export function InviteForm({ workspaceId, run }: { workspaceId: string; run: Run }) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const send = () =>
    run(async () => {
      setNotice(null);
      setError(null);
      try {
        await inviteMember(workspaceId, { email: email.trim(), role });
        setNotice(`Invitation sent to ${email.trim()}`);
        setEmail('');
      } catch (e) {
        setError(refusal(e));
      }
    });
  return (
    <form
      className="panel space-y-2 p-4"
      aria-label="Invite people"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <h3 className="text-sm font-semibold">Invite people</h3>
      <input
        className="input"
        type="email"
        aria-label="Email address"
        placeholder="name@example.com"
        autoComplete="off"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        required
      />
      <div className="flex flex-wrap gap-2">
        <SelectField
          className="input w-auto"
          label="Invitation role"
          value={role}
          options={roles}
          onChange={setRole}
        />
        <button type="submit" className="btn-primary" disabled={!email.trim()}>
          Send invitation
        </button>
      </div>
      <NoticeLine message={notice} />
      <ErrorLine message={error} onDismiss={() => setError(null)} />
    </form>
  );
}
