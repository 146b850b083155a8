'use client';

import { Badge } from '@taskomask/ui/badge';
import { ConfirmButton } from '@taskomask/ui/confirm-button';
import { EmptyState } from '@taskomask/ui/states';
import type { PersonalToken } from './token-queries';

const when = (iso: string | null, none: string) =>
  iso === null
    ? none
    : new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

const statusTone = { active: 'green', expired: 'slate', revoked: 'red' } as const;

/** A person's tokens: name, scopes, created, last used, expiry, status; revoke with a question. */
export function TokenList({
  tokens,
  busyId,
  onRevoke,
  emptyText,
}: {
  tokens: readonly PersonalToken[];
  busyId: string | undefined;
  onRevoke: (token: PersonalToken) => void;
  emptyText: string;
}) {
  if (tokens.length === 0) return <EmptyState title="No API tokens">{emptyText}</EmptyState>;
  return (
    <ul className="panel divide-y divide-slate-100 dark:divide-slate-800" aria-label="API tokens">
      {tokens.map((token) => (
        <li
          key={token.tokenId}
          aria-label={token.name}
          className="flex flex-wrap items-start gap-x-4 gap-y-2 p-3 text-sm"
        >
          <div className="min-w-0 flex-1">
            <p className="flex flex-wrap items-center gap-2">
              <span className="font-medium break-all">{token.name}</span>
              <Badge tone={statusTone[token.status]}>{token.status}</Badge>
              {token.scopes.map((scope) => (
                <Badge key={scope} tone="brand">
                  {scope}
                </Badge>
              ))}
            </p>
            <dl className="mt-1 grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-0.5 text-xs text-slate-500 dark:text-slate-400">
              <dt>Created</dt>
              <dd>{when(token.createdAt, '—')}</dd>
              <dt>Last used</dt>
              <dd data-testid="token-last-used">{when(token.lastUsedAt, 'never')}</dd>
              <dt>{token.status === 'revoked' ? 'Revoked' : 'Expires'}</dt>
              <dd>
                {token.status === 'revoked'
                  ? when(token.revokedAt, '—')
                  : when(token.expiresAt, 'never')}
              </dd>
            </dl>
          </div>
          {token.status === 'revoked' ? null : (
            <ConfirmButton
              label={`Revoke ${token.name}`}
              question={`Revoke ${token.name}? Anything using it is refused from now on.`}
              confirmLabel="Revoke"
              tone="danger"
              disabled={busyId === token.tokenId}
              onConfirm={() => onRevoke(token)}
            />
          )}
        </li>
      ))}
    </ul>
  );
}
