/** What a personal token may do: `read` the query API, `write` through the command API. */
export type PersonalTokenScope = 'read' | 'write';

export const personalTokenScopes: readonly PersonalTokenScope[] = ['read', 'write'];

export type PersonalToken = Readonly<{
  tokenId: string;
  name: string;
  scopes: readonly PersonalTokenScope[];
  createdAt: string;
  expiresAt: string | null;
  secretHash: string;
  revokedAt: string | null;
}>;

/** The `tokens-<ownerId>` stream: every token the owner ever made, revoked ones too. */
export type PersonalTokensState = Readonly<{
  ownerId: string | null;
  tokens: ReadonlyMap<string, PersonalToken>;
}>;

export const initialPersonalTokens = (): PersonalTokensState => ({
  ownerId: null,
  tokens: new Map(),
});

/** Tokens that are neither revoked nor expired at `now` (ISO instant). */
export function usableTokens(state: PersonalTokensState, now: string): PersonalToken[] {
  return [...state.tokens.values()].filter((t) => isUsable(t, now));
}

export function isUsable(token: PersonalToken, now: string): boolean {
  return (
    token.revokedAt === null &&
    (token.expiresAt === null || Date.parse(token.expiresAt) > Date.parse(now))
  );
}
