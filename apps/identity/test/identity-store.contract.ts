import { randomUUID } from 'node:crypto';
import { waitFor } from '@taskomask/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import type { IdentityStore } from '../src/store/port';

/**
 * What oidc-provider and the identity service need from an IdentityStore, run against every
 * adapter (SQLite file, Redis). Each test gets a fresh store.
 */
export function identityStoreContract(name: string, makeStore: () => Promise<IdentityStore>) {
  describe(`${name} identity store`, () => {
    const opened: IdentityStore[] = [];
    const open = async () => {
      const store = await makeStore();
      opened.push(store);
      return store;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });

    it('upsert then find returns the payload; unknown ids and other models find nothing', async () => {
      const store = await open();
      const sessions = store.providerAdapter('Session');
      const payload = { jti: 's1', uid: 'u1', accountId: 'alice', kind: 'Session' };
      await sessions.upsert('s1', payload, 60);
      expect(await sessions.find('s1')).toEqual(payload);
      expect(await sessions.find('nope')).toBeUndefined();
      expect(await store.providerAdapter('Grant').find('s1')).toBeUndefined();
    });

    it('upsert replaces the previous payload and its consumed mark', async () => {
      const store = await open();
      const codes = store.providerAdapter('AuthorizationCode');
      await codes.upsert('c1', { jti: 'c1', grantId: 'g1', scope: 'openid' }, 60);
      await codes.consume('c1');
      await codes.upsert('c1', { jti: 'c1', grantId: 'g1', scope: 'openid email' }, 60);
      expect(await codes.find('c1')).toEqual({ jti: 'c1', grantId: 'g1', scope: 'openid email' });
    });

    it('consume marks the entry with the epoch second it was consumed', async () => {
      const store = await open();
      const tokens = store.providerAdapter('RefreshToken');
      await tokens.upsert('r1', { jti: 'r1', grantId: 'g1' }, 60);
      const before = Math.floor(Date.now() / 1000);
      await tokens.consume('r1');
      const found = await tokens.find('r1');
      expect(found?.consumed).toBeGreaterThanOrEqual(before);
      expect(found?.consumed).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
      await tokens.consume('missing');
      expect(await tokens.find('missing')).toBeUndefined();
    });

    it('destroy removes one entry', async () => {
      const store = await open();
      const grants = store.providerAdapter('Grant');
      await grants.upsert('g1', { jti: 'g1', accountId: 'alice' }, 60);
      await grants.upsert('g2', { jti: 'g2', accountId: 'bob' }, 60);
      await grants.destroy('g1');
      expect(await grants.find('g1')).toBeUndefined();
      expect(await grants.find('g2')).toEqual({ jti: 'g2', accountId: 'bob' });
    });

    it('findByUid and findByUserCode follow their index to the current entry', async () => {
      const store = await open();
      const sessions = store.providerAdapter('Session');
      await sessions.upsert('s1', { jti: 's1', uid: 'uid-1', accountId: 'alice' }, 60);
      expect(await sessions.findByUid('uid-1')).toEqual({
        jti: 's1',
        uid: 'uid-1',
        accountId: 'alice',
      });
      expect(await sessions.findByUid('uid-2')).toBeUndefined();
      const devices = store.providerAdapter('DeviceCode');
      await devices.upsert('d1', { jti: 'd1', userCode: 'ABCD-EFGH', grantId: 'g1' }, 60);
      expect((await devices.findByUserCode('ABCD-EFGH'))?.jti).toBe('d1');
      await sessions.destroy('s1');
      expect(await sessions.findByUid('uid-1')).toBeUndefined();
    });

    it('revokeByGrantId removes every token of that grant, whatever its model, and no other', async () => {
      const store = await open();
      const refresh = store.providerAdapter('RefreshToken');
      const codes = store.providerAdapter('AuthorizationCode');
      const access = store.providerAdapter('AccessToken');
      await refresh.upsert('r1', { jti: 'r1', grantId: 'g1' }, 60);
      await codes.upsert('c1', { jti: 'c1', grantId: 'g1' }, 30);
      await access.upsert('a1', { jti: 'a1', grantId: 'g1' });
      await refresh.upsert('r2', { jti: 'r2', grantId: 'g2' }, 60);
      await refresh.revokeByGrantId('g1');
      expect(await refresh.find('r1')).toBeUndefined();
      expect(await codes.find('c1')).toBeUndefined();
      expect(await access.find('a1')).toBeUndefined();
      expect(await refresh.find('r2')).toEqual({ jti: 'r2', grantId: 'g2' });
    });

    it('entries expire after expiresIn seconds; entries without it do not', async () => {
      const store = await open();
      const interactions = store.providerAdapter('Interaction');
      await interactions.upsert('i1', { jti: 'i1', uid: 'i1' }, 1);
      await interactions.upsert('i2', { jti: 'i2', uid: 'i2' });
      expect(await interactions.find('i1')).toBeDefined();
      await waitFor(async () => (await interactions.find('i1')) === undefined, {
        timeoutMs: 5000,
        what: 'the interaction to expire',
      });
      expect(await interactions.findByUid('i1')).toBeUndefined();
      expect(await interactions.find('i2')).toEqual({ jti: 'i2', uid: 'i2' });
    });

    it('keeps credentials by owner id', async () => {
      const store = await open();
      const ownerId = randomUUID();
      expect(await store.credentials.get(ownerId)).toBeNull();
      await store.credentials.set(ownerId, 'scrypt$1');
      await store.credentials.set(ownerId, 'scrypt$2');
      expect(await store.credentials.get(ownerId)).toBe('scrypt$2');
      await store.credentials.delete(ownerId);
      expect(await store.credentials.get(ownerId)).toBeNull();
    });

    it('rate limiters count per key and say how long until the window resets', async () => {
      const store = await open();
      const limiter = store.rateLimiter({ name: 'contract', points: 2, duration: 60 });
      await limiter.consume('a');
      const second = await limiter.consume('a');
      expect(second.remainingPoints).toBe(0);
      const refused = await limiter.consume('a').then(
        () => null,
        (res: { msBeforeNext: number }) => res,
      );
      expect(refused?.msBeforeNext).toBeGreaterThan(50_000);
      expect((await limiter.get('b'))?.consumedPoints ?? 0).toBe(0);
      await limiter.delete('a');
      expect(await limiter.get('a')).toBeNull();
    });
  });
}
