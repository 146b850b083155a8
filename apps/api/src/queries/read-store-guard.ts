import { InvalidQueryError, type ReadStore } from '@taskomask/readstore';
import { unavailable } from '../http/problem';

/** What queries read; every call answers or throws a 503 problem naming the read store. */
export type QueryStore = Pick<ReadStore, 'get' | 'getMany' | 'positionOf' | 'find' | 'position'>;
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

const guarded = new WeakMap<ReadStore, ScanningQueryStore>();

/** One guard per store, the same object each time: answers cached per store recognise it. */
export function guardedReadStore(store: ReadStore): ScanningQueryStore {
  let wrapper = guarded.get(store);
  if (wrapper === undefined) {
    wrapper = guardStore(store);
    guarded.set(store, wrapper);
  }
  return wrapper;
}

function guardStore(store: ReadStore): ScanningQueryStore {
  const guard = guardReadStoreCall;
  return {
    get: guard((collection, id) => store.get(collection, id)),
    getMany: guard((collection, ids) => store.getMany(collection, ids)),
    positionOf: guard((collection, id) => store.positionOf(collection, id)),
    find: guard((collection, where, options) => store.find(collection, where, options)),
    all: guard((collection) => store.all(collection)),
    position: guard(() => store.position()),
  } as ScanningQueryStore;
}
