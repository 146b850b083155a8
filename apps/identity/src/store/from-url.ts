import type { IdentityStore } from './port';
import { redisIdentityStore } from './redis-identity-store';
import { sqliteIdentityStore } from './sqlite-identity-store';

/** `redis://host:port[/db]` (distributed) or `sqlite:<path>` (embedded). */
export function identityStoreFromUrl(
  url: string,
  options: { keyPrefix?: string } = {},
): IdentityStore {
  if (url.startsWith('redis://') || url.startsWith('rediss://')) {
    return redisIdentityStore({ url, ...options });
  }
  if (url.startsWith('sqlite:')) return sqliteIdentityStore({ path: url.slice('sqlite:'.length) });
  throw new Error(`IDENTITY_STORE_URL must start with redis:// or sqlite:, got "${url}"`);
}
