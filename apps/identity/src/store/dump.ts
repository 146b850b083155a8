import Database from 'better-sqlite3';
import { Redis } from 'ioredis';
import { identityRedisOptions } from './from-url';
import { sqliteIdentityStore } from './sqlite-identity-store';

/** A password hash by owner id, as the identity store keeps it. */
export type DumpedCredential = Readonly<{ ownerId: string; hash: string }>;

/**
 * Export and import of what the identity store holds that nothing can rebuild: the password
 * hashes. The provider's entries (sessions, grants, codes, tokens) are short-lived and left out:
 * after a restore people sign in again. Accounts are events, exported with the event store.
 */
export interface CredentialDump {
  readAll(): Promise<DumpedCredential[]>;
  /** True when no credential is stored. */
  isEmpty(): Promise<boolean>;
  load(credentials: readonly DumpedCredential[]): Promise<void>;
  close(): Promise<void>;
}

export function sqliteCredentialDump({ path }: { path: string }): CredentialDump {
  // The store owns the schema: opening it once creates the tables an import fills.
  const store = sqliteIdentityStore({ path });
  const db = new Database(path);
  db.pragma('busy_timeout = 5000');
  const all = db.prepare<[], { owner_id: string; hash: string }>(
    'SELECT owner_id, hash FROM credentials ORDER BY owner_id',
  );
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM credentials');
  const insert = db.prepare(
    'INSERT INTO credentials (owner_id, hash, updated_at) VALUES (?, ?, ?)',
  );
  const load = db.transaction((credentials: readonly DumpedCredential[]) => {
    const now = new Date().toISOString();
    for (const c of credentials) insert.run(c.ownerId, c.hash, now);
  });
  return {
    async readAll() {
      return all.all().map((r) => ({ ownerId: r.owner_id, hash: r.hash }));
    },
    async isEmpty() {
      return count.get()!.n === 0;
    },
    async load(credentials) {
      load.immediate(credentials);
    },
    async close() {
      db.close();
      await store.close();
    },
  };
}

const glob = (text: string) => text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);

export function redisCredentialDump({
  url,
  keyPrefix = 'identity:',
}: {
  url: string;
  keyPrefix?: string;
}): CredentialDump {
  const redis = new Redis(url, { maxRetriesPerRequest: 3 });
  redis.on('error', () => undefined);
  const prefix = `${keyPrefix}credential:`;
  async function keys(stopAtFirst: boolean): Promise<string[]> {
    const found: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await redis.scan(cursor, 'MATCH', `${glob(prefix)}*`, 'COUNT', 1000);
      found.push(...batch);
      if (stopAtFirst && found.length > 0) break;
      cursor = next;
    } while (cursor !== '0');
    return found;
  }
  return {
    async readAll() {
      const found = [...new Set(await keys(false))].sort();
      const hashes = found.length === 0 ? [] : await redis.mget(...found);
      return found.flatMap((key, i) => {
        const hash = hashes[i];
        // Deleted between the scan and the read: the account is gone.
        return hash == null ? [] : [{ ownerId: key.slice(prefix.length), hash }];
      });
    },
    async isEmpty() {
      return (await keys(true)).length === 0;
    },
    async load(credentials) {
      const tx = redis.multi();
      for (const c of credentials) tx.set(`${prefix}${c.ownerId}`, c.hash);
      const failed = (await tx.exec())?.find(([error]) => error !== null);
      if (failed) throw failed[0];
    },
    async close() {
      await redis.quit();
    },
  };
}

/** The credentials of the store an IDENTITY_STORE_URL names (see identityStoreFromUrl). */
export function credentialDumpFromUrl(
  url: string,
  options: { keyPrefix?: string } = {},
): CredentialDump {
  if (url.startsWith('redis://') || url.startsWith('rediss://')) {
    return redisCredentialDump({ ...identityRedisOptions(url), ...options });
  }
  if (url.startsWith('sqlite:')) return sqliteCredentialDump({ path: url.slice('sqlite:'.length) });
  throw new Error(`IDENTITY_STORE_URL must start with redis:// or sqlite:, got "${url}"`);
}
