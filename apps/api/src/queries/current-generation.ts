import type { ReadStore, ReadStoreCatalog } from '@taskomask/readstore';
import { unavailable } from '../http/problem';

export type CurrentGeneration = Readonly<{
  /** The store of the current generation, looked up again at most once per `switchCheckMs`. */
  store(): Promise<ReadStore>;
  /** Which generation `store()` last answered with. */
  generation(): string | undefined;
  close(): Promise<void>;
}>;

/**
 * Follows rebuilds: a rebuild fills a new generation and then makes it current, and a reader has
 * to notice. `catalog.current()` is asked at most once per `switchCheckMs` (a file read for SQLite,
 * a query for MongoDB), concurrent requests share one look-up, and the store a switch replaced is
 * kept open until the switch after it, so requests still reading it finish undisturbed.
 */
export function followCurrentGeneration(
  catalog: ReadStoreCatalog,
  { switchCheckMs = 1_000 }: { switchCheckMs?: number } = {},
): CurrentGeneration {
  let current: { generation: string; store: ReadStore } | undefined;
  let retired: ReadStore | undefined;
  let checkedAt = Number.NEGATIVE_INFINITY;
  let pending: Promise<ReadStore> | undefined;
  let closed = false;

  async function refresh(): Promise<ReadStore> {
    let generation: string;
    try {
      generation = await catalog.current();
    } catch (error) {
      throw unavailable('read store', error);
    }
    checkedAt = Date.now();
    if (current?.generation === generation) return current.store;
    let store: ReadStore;
    try {
      store = await catalog.open(generation);
    } catch (error) {
      throw unavailable('read store', error);
    }
    if (current !== undefined) {
      const older = retired;
      retired = current.store;
      await older?.close();
    }
    current = { generation, store };
    return store;
  }

  return {
    store() {
      if (closed) return Promise.reject(unavailable('read store'));
      if (current !== undefined && Date.now() - checkedAt < switchCheckMs) {
        return Promise.resolve(current.store);
      }
      pending ??= refresh().finally(() => {
        pending = undefined;
      });
      return pending;
    },
    generation: () => current?.generation,
    async close() {
      closed = true;
      await pending?.catch(() => undefined);
      await Promise.all([current?.store.close(), retired?.close()]);
      current = undefined;
      retired = undefined;
    },
  };
}
