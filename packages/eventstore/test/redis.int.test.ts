import { randomUUID } from 'node:crypto';
import { serverUrls, unavailable } from '@taskomask/testkit';
import { deleteRedisKeys } from '@taskomask/testkit/cleanup';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { eventStoreContract } from '../src/contract';
import { raw } from '../src/port';
import { redisEventStore, streamKey } from '../src/redis/redis-event-store';

const runPrefix = `test:eventstore:${randomUUID()}:`;

describe.skipIf(unavailable('redis'))('redis event store', () => {
  let n = 0;
  eventStoreContract('redis', async (shape) =>
    redisEventStore({ url: serverUrls.redis, keyPrefix: `${runPrefix}${n++}:`, ...shape }),
  );

  it('reads entries stored before events carried a schema version as version 1, rewriting none', async () => {
    const keyPrefix = `${runPrefix}before-versions:`;
    const data = '{"boardId":"b1","name":"New","previousName":"Old"}';
    const meta = '{"userId":"u-1","correlationId":"c-1","causationId":"c-1"}';
    const at = '2025-01-01T00:00:00.000Z';
    // Entries as the append script wrote them before schema versions: no `sv` field.
    const redis = new Redis(serverUrls.redis);
    await redis.xadd(
      streamKey(keyPrefix, 'board-b1'),
      '0-1',
      't',
      'BoardRenamed',
      'd',
      data,
      'm',
      meta,
      'a',
      at,
      'p',
      1,
    );
    await redis.xadd(
      `${keyPrefix}events:$all`,
      '0-1',
      's',
      'board-b1',
      'v',
      1,
      't',
      'BoardRenamed',
      'd',
      data,
      'm',
      meta,
      'a',
      at,
    );

    const store = redisEventStore({ url: serverUrls.redis, keyPrefix, ...raw });
    const [before] = await store.readStream('board-b1');
    expect(before).toMatchObject({ type: 'BoardRenamed', streamVersion: 1, schemaVersion: 1 });
    await store.appendToStream(
      'board-b1',
      [{ type: 'BoardRenamed', data: {}, metadata: before!.metadata, schemaVersion: 2 }],
      { expectedVersion: 1 },
    );
    const all = await store.readAll({ fromPosition: 1, limit: 10 });
    expect(all.map((e) => e.schemaVersion)).toEqual([1, 2]);
    const first = await redis.xrange(streamKey(keyPrefix, 'board-b1'), '0-1', '0-1');
    expect(first[0]![1]).not.toContain('sv');
    await store.close();
    await redis.quit();
  });

  afterAll(async () => {
    await deleteRedisKeys(serverUrls.redis, runPrefix);
  });
});
