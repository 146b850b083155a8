import type { ReadStore } from '@taskomask/readstore';
import { readSchema } from '../schema';

/** Every document of every read model, as comparable plain data. */
export async function snapshot(store: ReadStore) {
  const out: Record<string, unknown[]> = {};
  for (const collection of Object.keys(readSchema)) {
    out[collection] = (await store.all(collection)).map((d) => ({
      id: d.id,
      value: d.value,
      keys: d.keys,
    }));
  }
  return out;
}
