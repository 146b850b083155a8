'use client';

import { ErrorLine, NoticeLine, Spinner } from '@taskomask/ui/states';
import { useState } from 'react';
import { explain } from '@/lib/api';
import { TokenList } from './token-list';
import { useOwnerTokens, useRevokeToken } from './token-queries';

/** An account admin's view of one person's API tokens, each revocable. */
export function OwnerTokens({
  ownerId,
  name,
  onClose,
}: {
  ownerId: string;
  name: string;
  onClose: () => void;
}) {
  const tokens = useOwnerTokens(ownerId);
  const revoke = useRevokeToken(ownerId);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <section aria-labelledby="owner-tokens-heading" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id="owner-tokens-heading" className="font-semibold break-all">
          API tokens of {name}
        </h3>
        <button type="button" className="btn-ghost px-2 py-1 text-xs" onClick={onClose}>
          Close
        </button>
      </div>
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
          emptyText={`${name} has made no API tokens.`}
          onRevoke={(token) => {
            setError(null);
            setNotice(null);
            revoke.mutate(token.tokenId, {
              onSuccess: () => setNotice(`${token.name} of ${name} revoked.`),
              onError: (e) => setError(`${token.name}: ${explain(e)}`),
            });
          }}
        />
      )}
    </section>
  );
}
