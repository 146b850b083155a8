import { join } from 'node:path';
import type { EventStore } from '@taskomask/eventstore';
import type { ReadStore } from '@taskomask/readstore';
import { sqliteReadStoreCatalog } from '@taskomask/readstore/sqlite';
import { expect } from 'vitest';
import { rebuildReadModels } from '../rebuild';
import { readSchema } from '../schema';
import { snapshot } from './compare';

/**
 * Replays the whole event store into a fresh SQLite catalog under `dir` and expects `live` to
 * hold exactly the same documents (ids, values, keys), collection by collection, document by
 * document, so a failure names the first document that differs.
 */
export async function expectEqualToRebuild(
  eventStore: EventStore,
  live: ReadStore,
  dir: string,
): Promise<{ events: number; documents: number }> {
  const catalog = sqliteReadStoreCatalog({ path: join(dir, 'read.db'), schema: readSchema });
  try {
    const result = await rebuildReadModels({ eventStore, catalog });
    const rebuilt = await catalog.open(result.generation);
    const [expected, actual] = [await snapshot(rebuilt), await snapshot(live)];
    let documents = 0;
    for (const collection of Object.keys(readSchema)) {
      const want = expected[collection] as { id: string }[];
      const got = actual[collection] as { id: string }[];
      expect(
        got.map((d) => d.id),
        `ids in ${collection}`,
      ).toEqual(want.map((d) => d.id));
      for (const [i, doc] of want.entries()) {
        expect(got[i], `${collection}/${doc.id}`).toEqual(doc);
      }
      documents += want.length;
    }
    expect(documents).toBeGreaterThan(0);
    expect(await rebuilt.position()).toBe(await live.position());
    return { events: result.events, documents };
  } finally {
    await catalog.close();
  }
}

/**
 * Expects the read store's version of every stream in the log to be the event store's version:
 * each event applied, none skipped. Returns how many streams were compared.
 */
export async function expectStreamVersionsMatch(
  eventStore: EventStore,
  readStore: ReadStore,
): Promise<number> {
  const inLog = new Map<string, number>();
  for (let from = 1; ; ) {
    const events = await eventStore.readAll({ fromPosition: from, limit: 5_000 });
    if (events.length === 0) break;
    for (const e of events)
      inLog.set(e.streamName, Math.max(inLog.get(e.streamName) ?? 0, e.streamVersion));
    from = events.at(-1)!.globalPosition + 1;
  }
  const streams = [...inLog.keys()].sort();
  const stored = new Map<string, number>();
  for (const stream of streams) stored.set(stream, await eventStore.streamVersion(stream));
  const applied = await readStore.streamVersions(streams);
  expect(new Map([...applied].sort(([a], [b]) => a.localeCompare(b)))).toEqual(stored);
  expect(stored).toEqual(new Map(streams.map((s) => [s, inLog.get(s)!])));
  return streams.length;
}
