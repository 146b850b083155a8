import { join } from 'node:path';
import type { RecordedEvent } from '@taskomask/domain';
import { sqliteEventStore } from '@taskomask/eventstore/sqlite';
import { sqliteReadStoreCatalog } from '@taskomask/readstore/sqlite';
import { rebuildReadModels } from '../src/rebuild';
import { readSchema } from '../src/schema';
import { snapshot } from '../src/testing/compare';

/**
 * Loads a frozen log into a fresh SQLite event store as it was stored (each event at its stream
 * version and global position, with the schema version it was written in), rebuilds the read
 * models from it the way `taskomask rebuild` does — every event upcast by the store's reads — and
 * returns every document, collection by collection.
 */
export async function projectFrozenLog(
  events: readonly RecordedEvent[],
  dir: string,
): Promise<Record<string, unknown[]>> {
  const eventStore = sqliteEventStore({ path: join(dir, 'events.db') });
  const catalog = sqliteReadStoreCatalog({ path: join(dir, 'read.db'), schema: readSchema });
  try {
    for (const event of events) {
      const [result] = await eventStore.appendToStreams([
        {
          stream: event.streamName,
          expectedVersion: event.streamVersion === 1 ? 'no_stream' : event.streamVersion - 1,
          events: [
            {
              type: event.type,
              data: event.data,
              metadata: event.metadata,
              occurredAt: event.occurredAt,
              schemaVersion: event.schemaVersion ?? 1,
            },
          ],
        },
      ]);
      if (result!.lastGlobalPosition !== event.globalPosition) {
        throw new Error(`frozen log out of order at global position ${event.globalPosition}`);
      }
    }
    const { generation } = await rebuildReadModels({ eventStore, catalog });
    return await snapshot(await catalog.open(generation));
  } finally {
    await catalog.close();
    await eventStore.close();
  }
}
