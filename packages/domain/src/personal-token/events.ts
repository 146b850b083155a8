import type { Event } from '../event';
import type { PersonalTokenScope } from './state';

/**
 * A personal API token was made. `secretHash` is the SHA-256 (hex) of the token's 256-bit
 * random secret: enough to check a presented token, useless to make one.
 */
export type PersonalTokenCreated = Event<
  'PersonalTokenCreated',
  {
    ownerId: string;
    tokenId: string;
    name: string;
    scopes: readonly PersonalTokenScope[];
    createdAt: string;
    expiresAt: string | null;
    secretHash: string;
  }
>;

/** The token is refused from now on; `revokedBy` is the owner or an account admin. */
export type PersonalTokenRevoked = Event<
  'PersonalTokenRevoked',
  { ownerId: string; tokenId: string; revokedAt: string; revokedBy: string }
>;

export type PersonalTokenEvent = PersonalTokenCreated | PersonalTokenRevoked;
