import { randomUUID } from 'node:crypto';
import { EmailTaken } from '@taskomask/domain';
import type { EventStore } from '@taskomask/eventstore';
import { redisEventStore } from '@taskomask/eventstore/redis';
import { serverUrls, unavailable } from '@taskomask/testkit';
import { Browser } from '@taskomask/testkit/browser';
import { deleteRedisKeys } from '@taskomask/testkit/cleanup';
import { Redis } from 'ioredis';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccounts } from '../src/accounts';
import type { IdentityStore } from '../src/store/port';
import { redisIdentityStore } from '../src/store/redis-identity-store';
import {
  apiAudience,
  exchangeCode,
  pkce,
  type RunningIdentity,
  registerThroughPages,
  startIdentity,
  testScrypt,
  tokenRequest,
} from '../testing/identity-server';

const runPrefix = `test:identity-flow:${randomUUID()}:`;

// The distributed mode: provider state, credentials and limits in Redis, events in Redis.
describe.skipIf(unavailable('redis'))('distributed mode (Redis)', () => {
  let eventStore: EventStore;
  let store: IdentityStore;
  let running: RunningIdentity;

  beforeAll(async () => {
    eventStore = redisEventStore({ url: serverUrls.redis, keyPrefix: `${runPrefix}events:` });
    store = redisIdentityStore({ url: serverUrls.redis, keyPrefix: `${runPrefix}identity:` });
    running = await startIdentity({ eventStore, store });
  });

  afterAll(async () => {
    await running.close();
    await store.close();
    await eventStore.close();
    await deleteRedisKeys(serverUrls.redis, runPrefix);
  });

  it('registers, exchanges the code, refreshes; the session lives in Redis with a TTL', async () => {
    const browser = new Browser();
    const p = pkce();
    const code = await registerThroughPages(running, browser, p, {
      displayName: 'Frances Allen',
      email: 'frances@example.com',
      password: 'optimizing-compilers',
    });
    const tokens = await exchangeCode(running.issuer, code, p);
    const { payload } = await jwtVerify(
      tokens.access_token,
      createRemoteJWKSet(new URL('/jwks', running.issuer)),
      {
        issuer: running.issuer,
        audience: apiAudience,
        algorithms: ['RS256'],
      },
    );
    expect(payload.role).toBe('admin');
    const refreshed = await tokenRequest(running.issuer, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token!,
    });
    expect(refreshed.status).toBe(200);

    const redis = new Redis(serverUrls.redis);
    try {
      const sessions = await redis.keys(`${runPrefix}identity:oidc:Session:*`);
      expect(sessions).toHaveLength(1);
      const ttl = await redis.ttl(sessions[0]!);
      expect(ttl).toBeGreaterThan(13 * 24 * 3600);
      expect(await redis.exists(`${runPrefix}identity:credential:${payload.sub}`)).toBe(1);
    } finally {
      await redis.quit();
    }
  });

  it('concurrent registrations with one email over a networked store: exactly one wins', async () => {
    const accounts = createAccounts({
      eventStore,
      credentials: store.credentials,
      scrypt: testScrypt,
    });
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        accounts.register({
          displayName: `Racer ${i}`,
          email: 'photo@example.com',
          password: 'photo-finish-2024',
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(
      results
        .filter((r) => r.status === 'rejected')
        .every((r) => (r as PromiseRejectedResult).reason instanceof EmailTaken),
    ).toBe(true);
  });
});
