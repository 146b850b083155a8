import { limits, type PersonalTokenScope, personalTokenScopes } from '@taskomask/domain';
import { expected, name, uuid } from './fields';
import { named } from './registry';
import type { Scope } from './scopes';
import { z } from './zod';

// Personal API tokens (issue #16 §3): `Authorization: Bearer tmpat_<ownerId>_<tokenId>_<secret>`
// on both APIs and the Socket.IO handshake. Opaque, never a JWT: the prefix tells them apart,
// the ids say which stream holds the token, the secret (32 random bytes, base64url) is checked
// against the SHA-256 the `PersonalTokenCreated` event keeps.

export const personalTokenPrefix = 'tmpat_';

/** The parts of a personal token, or null when `token` is not one. */
export function parsePersonalToken(
  token: string,
): Readonly<{ ownerId: string; tokenId: string; secret: string }> | null {
  const match =
    /^tmpat_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})_([A-Za-z0-9_-]{43})$/.exec(
      token,
    );
  if (match === null) return null;
  return { ownerId: match[1]!, tokenId: match[2]!, secret: match[3]! };
}

export function personalTokenText(ownerId: string, tokenId: string, secret: string): string {
  return `${personalTokenPrefix}${ownerId}_${tokenId}_${secret}`;
}

/** The API scopes a token's scope grants: `read` the query side's, `write` the command side's. */
export const personalTokenGrants: Readonly<Record<PersonalTokenScope, readonly Scope[]>> = {
  read: ['workspaces:read', 'boards:read', 'tasks:read'],
  write: ['workspaces:write', 'boards:write', 'tasks:write'],
};

const scopeValues = ['read', 'write'] as const satisfies readonly PersonalTokenScope[];
const scopesCovered: [Exclude<PersonalTokenScope, (typeof scopeValues)[number]>] extends [never]
  ? true
  : never = true;
void scopesCovered;
void personalTokenScopes;

const instant = () =>
  z.iso.datetime({ offset: true, error: expected('an ISO date-time with an offset') });

export const CreatePersonalTokenBody = named(
  'CreatePersonalTokenBody',
  `A personal API token: a name, its scopes (read: the query API; write: the command API) and an optional expiry at most ${limits.personalTokenMaxDays} days away (null or absent: never).`,
  z.strictObject({
    name: name(),
    scopes: z
      .array(z.enum(scopeValues, { error: expected('read or write') }), {
        error: expected('a list of read, write'),
      })
      .min(1, { error: 'must name at least one of read, write' })
      .max(2, { error: 'must name at most read and write' }),
    expiresAt: instant().nullable().optional(),
  }),
);

export const PersonalTokenParams = z.strictObject({ tokenId: uuid() });
export const OwnerPersonalTokenParams = z.strictObject({ ownerId: uuid(), tokenId: uuid() });

export const CreatedPersonalTokenDto = named(
  'CreatedPersonalToken',
  'The token made, shown this once: only its SHA-256 is kept, it cannot be shown again. Send it as `Authorization: Bearer <token>`.',
  z.strictObject({
    id: z.uuid(),
    token: z.string().startsWith(personalTokenPrefix),
    version: z.int().nonnegative(),
    position: z.int().nonnegative(),
  }),
);

export const PersonalTokenDto = named(
  'PersonalToken',
  'A personal API token as its owner and account admins see it; never its secret or hash. `lastUsedAt` is recorded at most once a minute.',
  z.strictObject({
    tokenId: z.uuid(),
    name: z.string(),
    scopes: z.array(z.enum(scopeValues)),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    status: z.enum(['active', 'expired', 'revoked']),
  }),
);

export const PersonalTokenListDto = named(
  'PersonalTokenList',
  'A person’s personal API tokens, newest first, revoked and expired ones included.',
  z.strictObject({ ownerId: z.uuid(), items: z.array(PersonalTokenDto) }),
);

export type CreatePersonalTokenBody = z.infer<typeof CreatePersonalTokenBody>;
export type CreatedPersonalTokenDto = z.infer<typeof CreatedPersonalTokenDto>;
export type PersonalTokenDto = z.infer<typeof PersonalTokenDto>;
export type PersonalTokenListDto = z.infer<typeof PersonalTokenListDto>;
