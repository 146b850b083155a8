import type { Adapter } from 'oidc-provider';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';

/**
 * Password hashes by owner id. Kept here, never in the event store: events travel to the bus and
 * the read models, hashes must not.
 */
export interface CredentialStore {
  get(ownerId: string): Promise<string | null>;
  set(ownerId: string, hash: string): Promise<void>;
  delete(ownerId: string): Promise<void>;
}

export type RateLimiterOptions = Readonly<{
  /** Distinguishes the limiters sharing one store: letters, digits and `_` only. */
  name: string;
  points: number;
  /** Seconds after the first consumption when the points reset. */
  duration: number;
}>;

/**
 * Everything the identity service keeps besides the event store: oidc-provider's state (sessions,
 * interactions, grants, codes, refresh tokens), the credentials and the login rate limiters.
 * Embedded: one SQLite file. Distributed: Redis, with TTLs on the provider's entries.
 */
export interface IdentityStore {
  /** oidc-provider's Adapter for one model ('Session', 'Grant', 'RefreshToken', …). */
  providerAdapter(model: string): Adapter;
  readonly credentials: CredentialStore;
  rateLimiter(options: RateLimiterOptions): RateLimiterAbstract;
  close(): Promise<void>;
}

/**
 * Models whose entries belong to a grant: `revokeByGrantId` removes them all, whichever model it
 * is called on (as oidc-provider's own memory adapter does).
 */
export const grantableModels: ReadonlySet<string> = new Set([
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'DeviceCode',
  'BackchannelAuthenticationRequest',
  'PreAuthorizedCode',
]);

export function checkLimiterName(name: string): string {
  if (!/^[A-Za-z0-9_]{1,40}$/.test(name)) {
    throw new Error(`rate limiter name "${name}" must be 1-40 letters, digits or _`);
  }
  return name;
}
