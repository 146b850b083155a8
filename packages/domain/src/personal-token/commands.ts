import type { Command } from '../event';
import type { PersonalTokenScope } from './state';

/**
 * The caller makes a personal API token on `tokens-<caller>`. The shell makes the id and the
 * secret and passes only the secret's SHA-256 (hex): the secret itself never reaches an event.
 */
export type CreatePersonalToken = Command<
  'CreatePersonalToken',
  {
    tokenId: string;
    name: string;
    scopes: readonly PersonalTokenScope[];
    /** ISO instant, or null for a token that never expires. */
    expiresAt: string | null;
    secretHash: string;
  }
>;

/** The owner revokes one of their tokens, or an account admin revokes anyone's. */
export type RevokePersonalToken = Command<
  'RevokePersonalToken',
  /** `ownerId` absent: the caller's own token. */
  { ownerId?: string; tokenId: string }
>;

export type PersonalTokenCommand = CreatePersonalToken | RevokePersonalToken;
