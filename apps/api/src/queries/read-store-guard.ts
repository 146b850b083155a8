import { InvalidQueryError, type ReadStore } from '@taskomask/readstore';
import { unavailable } from '../http/problem';

/** What queries read; every call answers or throws a 503 problem naming the read store. */
export type QueryStore = Pick<ReadStore, 'get' | 'getMany' | 'find' | 'position'>;
/** And the whole-collection scans only the admin's searches make. */
export type ScanningQueryStore = QueryStore & Pick<ReadStore, 'all'>;

// A malformed query is our bug (a 500 with its cause logged); anything else — a closed database,
// a refused connection, a timeout — means the store is down: 503 with Retry-After.
export function guardReadStoreCall<A extends unknown[], R>(call: (...args: A) => Promise<R>) {
  return async (...args: A): Promise<R> => {
    try {
      return await call(...args);
    } catch (error) {
      if (error instanceof InvalidQueryError) throw error;
      throw unavailable('read store', error);
    }
  };
}

export function guardedReadStore(store: ReadStore): ScanningQueryStore {
  const guard = guardReadStoreCall;
  return {
    get: guard((collection, id) => store.get(collection, id)),
    getMany: guard((collection, ids) => store.getMany(collection, ids)),
    find: guard((collection, where, options) => store.find(collection, where, options)),
    all: guard((collection) => store.all(collection)),
    position: guard(() => store.position()),
  } as ScanningQueryStore;
}
