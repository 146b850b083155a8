import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serverUrls, unavailable } from '@taskomask/testkit';
import { deleteRedisKeys } from '@taskomask/testkit/cleanup';
import { afterAll, describe, expect, it } from 'vitest';
import { eventLogDumpFromUrl } from '../src/dump';
import { eventLogDumpContract } from '../src/dump-contract';
import { redisEventLogDump } from '../src/redis/dump';
import { redisEventStore } from '../src/redis/redis-event-store';
import { sqliteEventLogDump } from '../src/sqlite/dump';
import { sqliteEventStore } from '../src/sqlite/sqlite-event-store';

describe('sqlite event store dump', () => {
  const dir = mkdtempSync(join(tmpdir(), 'taskomask-dump-'));
  let n = 0;
  eventLogDumpContract('sqlite', async () => {
    const path = join(dir, `${n++}.db`);
    return { store: sqliteEventStore({ path }), dump: sqliteEventLogDump({ path }) };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
});

describe.skipIf(unavailable('redis'))('redis event store dump', () => {
  const runPrefix = `test:dump:${randomUUID()}:`;
  let n = 0;
  eventLogDumpContract('redis', async () => {
    // A `*` in the prefix must not widen the scan of the keys beside the log.
    const keyPrefix = `${runPrefix}${n++}*:`;
    return {
      store: redisEventStore({ url: serverUrls.redis, keyPrefix }),
      dump: redisEventLogDump({ url: serverUrls.redis, keyPrefix }),
    };
  });

  it('copies a SQLite store into Redis through the common form', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'taskomask-dump-'));
    const path = join(dir, 'events.db');
    const source = sqliteEventStore({ path });
    for (let i = 0; i < 30; i++) {
      await source.appendToStream(
        `board-b${i % 4}`,
        [
          {
            type: 'Touched',
            data: { i },
            metadata: { userId: 'u', correlationId: 'c', causationId: 'c' },
          },
        ],
        { expectedVersion: 'any' },
      );
    }
    const from = await eventLogDumpFromUrl(`sqlite:${path}`);
    const to = await eventLogDumpFromUrl(`${serverUrls.redis}?prefix=${runPrefix}copy:`);
    const { position } = await from.snapshot();
    for (let at = 1; at <= position; at += 7) {
      await to.loadEvents(await from.readEvents(at, position, 7));
    }
    const target = redisEventStore({ url: serverUrls.redis, keyPrefix: `${runPrefix}copy:` });
    expect(await target.readAll({ fromPosition: 1, limit: 100 })).toEqual(
      await source.readAll({ fromPosition: 1, limit: 100 }),
    );
    await Promise.all([from.close(), to.close(), target.close(), source.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  afterAll(async () => {
    await deleteRedisKeys(serverUrls.redis, runPrefix);
  });
});
