import type { EventStore } from './port';
import { redisEventStore } from './redis/redis-event-store';
import { sqliteEventStore } from './sqlite/sqlite-event-store';

/** `redis://host:port[/db]` or `sqlite:<path>` (relative to the working directory). */
export function eventStoreFromUrl(url: string, options: { keyPrefix?: string } = {}): EventStore {
  if (url.startsWith('redis://') || url.startsWith('rediss://')) {
    return redisEventStore({ url, ...options });
  }
  if (url.startsWith('sqlite:')) return sqliteEventStore({ path: url.slice('sqlite:'.length) });
  throw new Error(`EVENT_STORE_URL must start with redis:// or sqlite:, got "${url}"`);
}
