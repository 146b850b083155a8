import { redact, takeQueryParam } from '@taskomask/config';
import type { IdentityStore } from './port';
import { redisIdentityStore } from './redis-identity-store';
import { sqliteIdentityStore } from './sqlite-identity-store';

/**
 * `redis://host:port[/db][?prefix=<keyPrefix>]` (distributed) or `sqlite:<path>` (embedded).
 * `prefix` replaces the default `identity:` key prefix (as EVENT_STORE_URL's does); an explicit
 * `keyPrefix` option wins over it.
 */
export function identityStoreFromUrl(
  url: string,
  options: { keyPrefix?: string } = {},
): IdentityStore {
  if (url.startsWith('redis://') || url.startsWith('rediss://')) {
    return redisIdentityStore({ ...identityRedisOptions(url), ...options });
  }
  if (url.startsWith('sqlite:')) return sqliteIdentityStore({ path: url.slice('sqlite:'.length) });
  throw new Error(`IDENTITY_STORE_URL must start with redis:// or sqlite:, got "${redact(url)}"`);
}

/** Splits our own `prefix` query parameter off a Redis URL; the rest goes to the client as is. */
export function identityRedisOptions(url: string): { url: string; keyPrefix?: string } {
  const { rest, values } = takeQueryParam(url, 'prefix');
  if (values.length > 1) throw new Error(`IDENTITY_STORE_URL names prefix twice: "${redact(url)}"`);
  const [keyPrefix] = values;
  if (keyPrefix === '') throw new Error(`IDENTITY_STORE_URL has an empty prefix: "${redact(url)}"`);
  return keyPrefix === undefined ? { url: rest } : { url: rest, keyPrefix };
}
