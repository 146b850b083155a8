import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serverUrls, unavailable } from '@taskomask/testkit';
import { deleteRedisKeys } from '@taskomask/testkit/cleanup';
import { afterAll, describe, expect, it } from 'vitest';
import { type DumpedEvent, eventLogDumpFromUrl } from '../src/dump';
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

  it('loads any text exactly: quotes, escapes, astral characters, line separators, long data', async () => {
    const keyPrefix = `${runPrefix}text:`;
    const dump = redisEventLogDump({ url: serverUrls.redis, keyPrefix });
    const texts = [
      'plain',
      'quotes " and \\ backslashes \\" and \\u0041 as text',
      '𝄞 clef, 🧪 and 漢字 and é',
      'line\u2028separator\u2029 and \n newline \t tab \u0000 nul \u007f',
      'x'.repeat(200_000),
    ];
    const events: DumpedEvent[] = texts.map((text, i) => ({
      globalPosition: i + 1,
      streamName: `board-${i % 2}`,
      streamVersion: Math.floor(i / 2) + 1,
      type: `Typed"${i}`,
      schemaVersion: i + 1,
      data: JSON.stringify({ text, n: 1.25e-7 * i }),
      metadata: JSON.stringify({ userId: text.slice(0, 40), correlationId: 'c', causationId: 'c' }),
      occurredAt: new Date(1_700_000_000_000 + i).toISOString(),
    }));
    await dump.loadEvents(events);
    expect(await dump.readEvents(1, events.length, 100)).toEqual(events);
    const store = redisEventStore({ url: serverUrls.redis, keyPrefix, upcast: (e) => e });
    const stream = await store.readStream('board-1');
    expect(stream.map((e) => [e.globalPosition, e.streamVersion, e.type, e.data])).toEqual(
      events
        .filter((_, i) => i % 2 === 1)
        .map((e) => [e.globalPosition, e.streamVersion, e.type, JSON.parse(e.data)]),
    );
    await Promise.all([dump.close(), store.close()]);
  });

  afterAll(async () => {
    await deleteRedisKeys(serverUrls.redis, runPrefix);
  });
});
