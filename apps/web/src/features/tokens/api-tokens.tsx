'use client';

import { CopyButton } from '@taskomask/ui/copy-button';
import { ErrorLine, NoticeLine, Spinner } from '@taskomask/ui/states';
import { type FormEvent, useState } from 'react';
import { explain } from '@/lib/api';
import { TokenList } from './token-list';
import { type TokenScope, useCreateToken, useMyTokens, useRevokeToken } from './token-queries';

const expiries = [
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
  { value: 'none', label: 'Never' },
] as const;

const labelClass = 'flex flex-col gap-1 text-xs font-medium text-slate-600 dark:text-slate-400';

/** The token just made: shown this once, with a copy button and why it matters. */
function NewTokenNotice({ token, onDone }: { token: string; onDone: () => void }) {
  return (
    <div
      role="alert"
      className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-700 dark:bg-amber-950/60"
    >
      <p className="font-medium text-amber-900 dark:text-amber-200">
        Copy your new token now: it is shown only this once.
      </p>
      <p className="mt-1 text-xs text-amber-800 dark:text-amber-300">
        Anyone holding it acts as you. Send it as <code>Authorization: Bearer …</code>; revoke it
        here when it is no longer needed.
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <code
          data-testid="new-token"
          className="min-w-0 flex-1 rounded bg-white px-2 py-1 text-xs break-all dark:bg-slate-900"
        >
          {token}
        </code>
        <CopyButton text={token} />
        <button type="button" className="btn-ghost px-2 py-0.5 text-xs" onClick={onDone}>
          Done
        </button>
      </div>
    </div>
  );
}

function CreateTokenForm({ onCreated }: { onCreated: (token: string) => void }) {
  const create = useCreateToken();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Record<TokenScope, boolean>>({ read: true, write: false });
  const [expiry, setExpiry] = useState<(typeof expiries)[number]['value']>('90');
  const [error, setError] = useState<string | null>(null);
  const chosen = (Object.keys(scopes) as TokenScope[]).filter((s) => scopes[s]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (chosen.length === 0) {
      setError('Choose at least one scope: read or write.');
      return;
    }
    create.mutate(
      {
        name: name.trim(),
        scopes: chosen,
        expiresInDays: expiry === 'none' ? null : Number(expiry),
      },
      {
        onSuccess: (answer) => {
          setName('');
          onCreated(answer.token);
        },
        onError: (e) => setError(explain(e)),
      },
    );
  };

  return (
    <form onSubmit={submit} className="panel space-y-3 p-4" aria-label="New API token">
      <ErrorLine message={error} onDismiss={() => setError(null)} />
      <label className={labelClass}>
        Name
        <input
          className="input"
          required
          minLength={3}
          maxLength={50}
          placeholder="CI pipeline"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </label>
      <fieldset className="flex flex-wrap items-center gap-4 text-sm">
        <legend className="mb-1 text-xs font-medium text-slate-600 dark:text-slate-400">
          Scopes
        </legend>
        {(['read', 'write'] as const).map((scope) => (
          <label key={scope} className="inline-flex items-center gap-2">
            <input
              type="checkbox"
              checked={scopes[scope]}
              onChange={(e) => setScopes({ ...scopes, [scope]: e.target.checked })}
            />
            {scope === 'read' ? 'Read (query API)' : 'Write (command API)'}
          </label>
        ))}
      </fieldset>
      <label className={labelClass}>
        Expires
        <select
          className="input w-auto"
          value={expiry}
          onChange={(e) => setExpiry(e.target.value as typeof expiry)}
        >
          {expiries.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="btn-primary" disabled={create.isPending}>
        {create.isPending ? 'Creating…' : 'Create token'}
      </button>
    </form>
  );
}

/** The profile's "API tokens": make one (shown once), see them all, revoke one. */
export function ApiTokens() {
  const tokens = useMyTokens();
  const revoke = useRevokeToken();
  const [created, setCreated] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <section aria-labelledby="api-tokens-heading" className="mt-8 space-y-4">
      <div>
        <h2 id="api-tokens-heading" className="text-lg font-semibold">
          API tokens
        </h2>
        <p className="mt-1 text-sm text-slate-500">
          Personal tokens let scripts use the TaskoMask APIs as you, with your permissions.
        </p>
      </div>
      {created === null ? null : <NewTokenNotice token={created} onDone={() => setCreated(null)} />}
      <CreateTokenForm
        onCreated={(token) => {
          setNotice(null);
          setCreated(token);
        }}
      />
      <ErrorLine message={error} onDismiss={() => setError(null)} />
      <NoticeLine message={notice} />
      {tokens.isPending ? (
        <Spinner label="Loading API tokens" />
      ) : tokens.isError ? (
        <ErrorLine message={explain(tokens.error)} onDismiss={() => tokens.refetch()} />
      ) : (
        <TokenList
          tokens={tokens.data.items}
          busyId={revoke.isPending ? revoke.variables : undefined}
          emptyText="Create one above to call the APIs from a script."
          onRevoke={(token) => {
            setError(null);
            setNotice(null);
            revoke.mutate(token.tokenId, {
              onSuccess: () => setNotice(`${token.name} revoked.`),
              onError: (e) => setError(`${token.name}: ${explain(e)}`),
            });
          }}
        />
      )}
    </section>
  );
}
