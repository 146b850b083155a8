import { redact, takeQueryParam } from '@taskomask/config';
import type { EventStore, ReadShape } from './port';

/**
 * `redis://host:port[/db][?prefix=<keyPrefix>]` or `sqlite:<path>` (relative to the working
 * directory). `prefix` puts every key under that prefix, so a process can be pointed at its own
 * keys through its environment alone (tests do); an explicit `keyPrefix` option wins over it.
 * Only the chosen adapter is loaded: a process on SQLite never loads ioredis. `upcast` is passed
 * to the adapter (`raw` reads events as stored, for copying a log).
 */
export async function eventStoreFromUrl(
  url: string,
  options: { keyPrefix?: string } & ReadShape = {},
): Promise<EventStore> {
  if (url.startsWith('redis://') || url.startsWith('rediss://')) {
    const parsed = redisUrlOptions(url);
    const { redisEventStore } = await import('./redis/index');
    return redisEventStore({
      url: parsed.url,
      keyPrefix: options.keyPrefix ?? parsed.keyPrefix,
      ...(options.upcast === undefined ? {} : { upcast: options.upcast }),
    });
  }
  if (url.startsWith('sqlite:')) {
    const { sqliteEventStore } = await import('./sqlite/index');
    return sqliteEventStore({
      path: url.slice('sqlite:'.length),
      ...(options.upcast === undefined ? {} : { upcast: options.upcast }),
    });
  }
  throw new Error(`EVENT_STORE_URL must start with redis:// or sqlite:, got "${redact(url)}"`);
}

/** Splits our own `prefix` query parameter off a Redis URL; the rest goes to the client as is. */
export function redisUrlOptions(url: string): { url: string; keyPrefix?: string } {
  const { rest, values } = takeQueryParam(url, 'prefix');
  if (values.length > 1) throw new Error(`EVENT_STORE_URL names prefix twice: "${redact(url)}"`);
  const [keyPrefix] = values;
  if (keyPrefix === undefined) return { url: rest };
  if (keyPrefix === '') throw new Error(`EVENT_STORE_URL has an empty prefix: "${redact(url)}"`);
  return { url: rest, keyPrefix };
}
