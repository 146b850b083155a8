import type { Doc, Key, ReadStore } from '@taskomask/readstore';

type Entry = { value: unknown; keys?: Record<string, Key>; deleted: boolean; dirty: boolean };

/**
 * The documents one batch reads and writes. Reads go to the store once; writes stay here until
 * the batch commits them in one transaction, so a batch of a thousand events on one board writes
 * that board's document once.
 */
export class DocCache {
  private readonly entries = new Map<string, Entry>();
  private readonly positions = new Map<string, number>();

  constructor(private readonly store: ReadStore) {}

  private static key(collection: string, id: string) {
    return `${collection}\u0000${id}`;
  }

  async get<T>(collection: string, id: string): Promise<T | undefined> {
    const k = DocCache.key(collection, id);
    let entry = this.entries.get(k);
    if (!entry) {
      const doc = await this.store.get<T>(collection, id);
      entry = doc
        ? { value: doc.value, keys: doc.keys as Record<string, Key>, deleted: false, dirty: false }
        : { value: undefined, deleted: true, dirty: false };
      this.entries.set(k, entry);
    }
    return entry.deleted ? undefined : (entry.value as T);
  }

  /** Reads many documents in one query; later `get`s of them are answered from memory. */
  async prefetch(collection: string, ids: readonly string[]): Promise<void> {
    const missing = ids.filter((id) => !this.entries.has(DocCache.key(collection, id)));
    if (missing.length === 0) return;
    const found = new Map(
      (await this.store.getMany(collection, missing)).map((doc) => [doc.id, doc] as const),
    );
    for (const id of missing) {
      const doc = found.get(id);
      this.entries.set(
        DocCache.key(collection, id),
        doc
          ? {
              value: doc.value,
              keys: doc.keys as Record<string, Key>,
              deleted: false,
              dirty: false,
            }
          : { value: undefined, deleted: true, dirty: false },
      );
    }
  }

  /** Stores a document as of `position` (the event that produced it). */
  put(
    collection: string,
    id: string,
    value: unknown,
    position: number,
    keys?: Record<string, Key>,
  ): void {
    const k = DocCache.key(collection, id);
    this.entries.set(k, { value, keys, deleted: false, dirty: true });
    this.positions.set(k, position);
  }

  delete(collection: string, id: string): void {
    this.entries.set(DocCache.key(collection, id), {
      value: undefined,
      deleted: true,
      dirty: true,
    });
  }

  /** What the batch changed, ready for ReadStore.commit. */
  changes(): { puts: Doc[]; deletes: { collection: string; id: string }[] } {
    const puts: Doc[] = [];
    const deletes: { collection: string; id: string }[] = [];
    for (const [k, entry] of this.entries) {
      if (!entry.dirty) continue;
      const [collection, id] = k.split('\u0000') as [string, string];
      if (entry.deleted) deletes.push({ collection, id });
      else {
        puts.push({
          collection,
          id,
          value: entry.value,
          position: this.positions.get(k)!,
          ...(entry.keys ? { keys: entry.keys } : {}),
        });
      }
    }
    return { puts, deletes };
  }
}
