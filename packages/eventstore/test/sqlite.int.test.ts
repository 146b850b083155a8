import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventFromTheFutureError } from '@taskomask/domain';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { eventStoreContract } from '../src/contract';
import { eventStoreFromUrl } from '../src/from-url';
import { raw } from '../src/port';
import { sqliteEventStore } from '../src/sqlite/sqlite-event-store';

describe('sqlite event store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'taskomask-events-'));
  let n = 0;
  eventStoreContract('sqlite', async (shape) =>
    sqliteEventStore({ path: join(dir, `${n++}.db`), ...shape }),
  );

  it('reads rows stored before events carried a schema version as version 1, rewriting none', async () => {
    const path = join(dir, 'before-versions.db');
    // The events table as it was before schema versions, with one row in it.
    const old = new Database(path);
    old.exec(`CREATE TABLE events (
      global_position INTEGER PRIMARY KEY, stream_name TEXT NOT NULL,
      stream_version INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL,
      metadata TEXT NOT NULL, occurred_at TEXT NOT NULL, UNIQUE (stream_name, stream_version));
      CREATE TABLE streams (stream_name TEXT PRIMARY KEY, version INTEGER NOT NULL) WITHOUT ROWID;
      INSERT INTO events VALUES (1, 'board-b1', 1, 'BoardRenamed',
        '{"boardId":"b1","name":"New","previousName":"Old"}',
        '{"userId":"u-1","correlationId":"c-1","causationId":"c-1"}', '2025-01-01T00:00:00.000Z');
      INSERT INTO streams VALUES ('board-b1', 1);`);
    old.close();

    const store = sqliteEventStore({ path, ...raw });
    const [before] = await store.readStream('board-b1');
    expect(before).toMatchObject({ type: 'BoardRenamed', streamVersion: 1, schemaVersion: 1 });
    await store.appendToStream(
      'board-b1',
      [{ type: 'BoardRenamed', data: {}, metadata: before!.metadata, schemaVersion: 2 }],
      { expectedVersion: 1 },
    );
    const all = await store.readAll({ fromPosition: 1, limit: 10 });
    expect(all.map((e) => e.schemaVersion)).toEqual([1, 2]);
    await store.close();
  });
  it('opens from a URL with raw reads for copying a log, upcast reads by default', async () => {
    const url = `sqlite:${join(dir, 'from-url.db')}`;
    const rawStore = await eventStoreFromUrl(url, raw);
    const metadata = { userId: 'u', correlationId: 'c', causationId: 'c' };
    await rawStore.appendToStream(
      'task-t1',
      [{ type: 'TaskRenamed', data: {}, metadata, schemaVersion: 7 }],
      { expectedVersion: 'no_stream' },
    );
    expect((await rawStore.readStream('task-t1'))[0]!.schemaVersion).toBe(7);
    const folding = await eventStoreFromUrl(url);
    await expect(folding.readStream('task-t1')).rejects.toThrow(EventFromTheFutureError);
    await Promise.all([rawStore.close(), folding.close()]);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));
});
