import { EventFromTheFutureError, type RecordedEvent } from '@taskomask/domain';
import type { EventStore } from '@taskomask/eventstore';
import { sqliteReadStore } from '@taskomask/readstore/sqlite';
import { describe, expect, it } from 'vitest';
import { applyBatch, readModels, readSchema } from '../src/index';

const noEventStore = {
  readStream: async () => {
    throw new Error('no gaps here');
  },
} as unknown as EventStore;

const created = (schemaVersion?: number): RecordedEvent => ({
  type: 'WorkspaceCreated',
  data: { workspaceId: 'w1', name: 'Team', description: '', ownerId: 'o1' },
  streamName: 'workspace-w1',
  streamVersion: 1,
  globalPosition: 1,
  occurredAt: '2026-01-01T00:00:00.000Z',
  metadata: { userId: 'o1', correlationId: 'c', causationId: 'c' },
  ...(schemaVersion === undefined ? {} : { schemaVersion }),
});

// Events reach a batch from the bus as well as from the event store: they go through the same
// upcaster, so an event published before versions existed folds as v1 and one newer than this
// code is refused before anything is written.
describe('applyBatch and schema versions', () => {
  it('folds an event without a schema version as version 1', async () => {
    const store = sqliteReadStore({ path: ':memory:', schema: readSchema });
    const result = await applyBatch([created()], {
      readStore: store,
      eventStore: noEventStore,
      ...readModels,
    });
    expect(result.applied).toBe(1);
    expect((await store.all('workspaces')).map((d) => d.id)).toEqual(['w1']);
  });

  it('refuses an event newer than the running code and writes nothing', async () => {
    const store = sqliteReadStore({ path: ':memory:', schema: readSchema });
    await expect(
      applyBatch([created(2)], { readStore: store, eventStore: noEventStore, ...readModels }),
    ).rejects.toThrow(EventFromTheFutureError);
    expect(await store.all('workspaces')).toEqual([]);
    expect(await store.position()).toBe(0);
  });
});
