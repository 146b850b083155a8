import { randomUUID } from 'node:crypto';
import { serverUrls, unavailable } from '@taskomask/testkit';
import { deleteRedisKeys } from '@taskomask/testkit/cleanup';
import { afterAll, describe } from 'vitest';
import { redisIdentityStore } from '../src/store/redis-identity-store';
import { identityStoreContract } from './identity-store.contract';

const runPrefix = `test:identity:${randomUUID()}:`;

describe.skipIf(unavailable('redis'))('redis', () => {
  let n = 0;
  identityStoreContract('redis', async () =>
    redisIdentityStore({ url: serverUrls.redis, keyPrefix: `${runPrefix}${n++}:` }),
  );

  afterAll(async () => {
    await deleteRedisKeys(serverUrls.redis, runPrefix);
  });
});
