import { randomUUID } from 'node:crypto';
import { streamName } from '@taskomask/domain';
import { unavailable } from '@taskomask/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { eventStorePersonalTokens, secretHashOf, secretMatches } from '../src/http/personal-tokens';
import { deleteRedisKeys, openStore, type StoreKind } from './support/harness';

const metadata = { userId: 'x', correlationId: 'c', causationId: 'c' };

for (const kind of ['sqlite', 'redis'] as const satisfies readonly StoreKind[]) {
  describe.skipIf(kind === 'redis' && unavailable('redis'))(
    `the personal token store (${kind})`,
    () => {
      const store = openStore(kind);
      afterAll(async () => {
        await store.close();
        if (kind === 'redis') await deleteRedisKeys();
      });

      it('writes last use at most once per interval per token, and only forward', async () => {
        let now = 1_800_000_000_000;
        const tokens = eventStorePersonalTokens(store, { touchEveryMs: 60_000, now: () => now });
        const id = randomUUID();
        expect(await tokens.lastUsed(id)).toBeNull();
        await tokens.touch(id);
        expect(await tokens.lastUsed(id)).toBe(now);
        const first = now;
        now += 59_000;
        await tokens.touch(id);
        expect(await tokens.lastUsed(id)).toBe(first);
        now += 2_000;
        await tokens.touch(id);
        expect(await tokens.lastUsed(id)).toBe(now);
        // Another process whose clock is behind never moves it back.
        const behind = eventStorePersonalTokens(store, { now: () => first });
        await behind.touch(id);
        expect(await tokens.lastUsed(id)).toBe(now);
      });

      it('sees events appended after its last read, by itself or another writer', async () => {
        const tokens = eventStorePersonalTokens(store);
        const ownerId = randomUUID();
        const created = (tokenId: string) => ({
          type: 'PersonalTokenCreated',
          data: {
            ownerId,
            tokenId,
            name: 'Bot',
            scopes: ['read'],
            createdAt: new Date().toISOString(),
            expiresAt: null,
            secretHash: secretHashOf(tokenId),
          },
          metadata,
        });
        expect((await tokens.tokensOf(ownerId)).tokens.size).toBe(0);
        await store.appendToStream(streamName.tokens(ownerId), [created('t1')], {
          expectedVersion: 'no_stream',
        });
        expect([...(await tokens.tokensOf(ownerId)).tokens.keys()]).toEqual(['t1']);
        await store.appendToStream(
          streamName.tokens(ownerId),
          [
            created('t2'),
            {
              type: 'PersonalTokenRevoked',
              data: {
                ownerId,
                tokenId: 't1',
                revokedAt: new Date().toISOString(),
                revokedBy: ownerId,
              },
              metadata,
            },
          ],
          { expectedVersion: 1 },
        );
        const state = await tokens.tokensOf(ownerId);
        expect([...state.tokens.keys()]).toEqual(['t1', 't2']);
        expect(state.tokens.get('t1')?.revokedAt).not.toBeNull();
      });
    },
  );
}

describe('secret hashes', () => {
  it('match only the same secret', () => {
    const hash = secretHashOf('s3cret');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(secretMatches('s3cret', hash)).toBe(true);
    expect(secretMatches('s3creT', hash)).toBe(false);
    expect(secretMatches('s3cret', 'abc')).toBe(false);
  });
});
