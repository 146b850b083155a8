import { randomUUID } from 'node:crypto';
import { serverUrls, unavailable } from '@taskomask/testkit';
import { deleteRedisKeys } from '@taskomask/testkit/cleanup';
import { afterAll, describe } from 'vitest';
import { eventStoreContract } from '../src/contract';
import { redisEventStore } from '../src/redis/redis-event-store';

const runPrefix = `test:eventstore:${randomUUID()}:`;

describe.skipIf(unavailable('redis'))('redis event store', () => {
  let n = 0;
  eventStoreContract('redis', async () =>
    redisEventStore({ url: serverUrls.redis, keyPrefix: `${runPrefix}${n++}:` }),
  );

  afterAll(async () => {
    await deleteRedisKeys(serverUrls.redis, runPrefix);
  });
});
