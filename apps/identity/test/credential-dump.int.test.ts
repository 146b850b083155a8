import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serverUrls, unavailable } from '@taskomask/testkit';
import { deleteRedisKeys } from '@taskomask/testkit/cleanup';
import { afterAll, describe, expect, it } from 'vitest';
import { type CredentialDump, credentialDumpFromUrl } from '../src/store/dump';
import type { IdentityStore } from '../src/store/port';
import { redisIdentityStore } from '../src/store/redis-identity-store';
import { sqliteIdentityStore } from '../src/store/sqlite-identity-store';

type Opened = { store: IdentityStore; dump: CredentialDump };

function credentialDumpContract(name: string, open: () => Opened) {
  describe(`credential dump: ${name}`, () => {
    const opened: Opened[] = [];
    const fresh = () => {
      const o = open();
      opened.push(o);
      return o;
    };
    afterAll(async () => {
      for (const o of opened) {
        await o.dump.close();
        await o.store.close();
      }
    });

    it('exports every password hash and none of the short-lived provider entries', async () => {
      const { store, dump } = fresh();
      expect(await dump.isEmpty()).toBe(true);
      await store.credentials.set('owner-b', 'scrypt$b');
      await store.credentials.set('owner-a', 'scrypt$a');
      await store.providerAdapter('Session').upsert('s1', { jti: 's1', accountId: 'a' }, 60);
      expect(await dump.isEmpty()).toBe(false);
      expect(await dump.readAll()).toEqual([
        { ownerId: 'owner-a', hash: 'scrypt$a' },
        { ownerId: 'owner-b', hash: 'scrypt$b' },
      ]);
    });

    it('loads hashes the store then finds', async () => {
      const { dump } = fresh();
      const target = fresh();
      await target.dump.load([{ ownerId: 'owner-c', hash: 'scrypt$c' }]);
      expect(await target.store.credentials.get('owner-c')).toBe('scrypt$c');
      expect(await dump.readAll()).toEqual([]);
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'taskomask-credentials-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
credentialDumpContract('sqlite', () => {
  const path = join(dir, `${n++}.db`);
  return { store: sqliteIdentityStore({ path }), dump: credentialDumpFromUrl(`sqlite:${path}`) };
});

const runPrefix = `test:credential-dump:${randomUUID()}:`;
describe.skipIf(unavailable('redis'))('redis', () => {
  let m = 0;
  credentialDumpContract('redis', () => {
    const keyPrefix = `${runPrefix}${m++}:`;
    return {
      store: redisIdentityStore({ url: serverUrls.redis, keyPrefix }),
      // The prefix as IDENTITY_STORE_URL names it.
      dump: credentialDumpFromUrl(`${serverUrls.redis}?prefix=${encodeURIComponent(keyPrefix)}`),
    };
  });
  afterAll(async () => {
    await deleteRedisKeys(serverUrls.redis, runPrefix);
  });
});
