import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Adapter, AdapterPayload } from 'oidc-provider';
import { RateLimiterSQLite } from 'rate-limiter-flexible';
import {
  type CredentialStore,
  checkLimiterName,
  grantableModels,
  type IdentityStore,
  type RateLimiterOptions,
} from './port';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS oidc_state (
    model TEXT NOT NULL,
    id TEXT NOT NULL,
    payload TEXT NOT NULL,
    grant_id TEXT,
    uid TEXT,
    user_code TEXT,
    expires_at INTEGER,
    consumed_at INTEGER,
    PRIMARY KEY (model, id)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS oidc_state_grant ON oidc_state (grant_id) WHERE grant_id IS NOT NULL;
  CREATE INDEX IF NOT EXISTS oidc_state_uid ON oidc_state (model, uid) WHERE uid IS NOT NULL;
  CREATE INDEX IF NOT EXISTS oidc_state_user_code ON oidc_state (model, user_code)
    WHERE user_code IS NOT NULL;
  CREATE INDEX IF NOT EXISTS oidc_state_expiry ON oidc_state (expires_at) WHERE expires_at IS NOT NULL;
  CREATE TABLE IF NOT EXISTS credentials (
    owner_id TEXT PRIMARY KEY,
    hash TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) WITHOUT ROWID;
`;

type StateRow = { payload: string; consumed_at: number | null };

// Expired entries are invisible at once (every read filters on expires_at) and deleted in passing.
const PURGE_EVERY_UPSERTS = 200;

/** `path` is a file (WAL mode) or ':memory:'. */
export function sqliteIdentityStore({ path }: { path: string }): IdentityStore {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);

  const q = {
    upsert: db.prepare(
      `INSERT INTO oidc_state (model, id, payload, grant_id, uid, user_code, expires_at, consumed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, NULL)
       ON CONFLICT (model, id) DO UPDATE SET payload = excluded.payload,
         grant_id = excluded.grant_id, uid = excluded.uid, user_code = excluded.user_code,
         expires_at = excluded.expires_at, consumed_at = NULL`,
    ),
    find: db.prepare<[string, string, number], StateRow>(
      `SELECT payload, consumed_at FROM oidc_state
       WHERE model = ? AND id = ? AND (expires_at IS NULL OR expires_at > ?)`,
    ),
    findByUid: db.prepare<[string, string, number], StateRow>(
      `SELECT payload, consumed_at FROM oidc_state
       WHERE model = ? AND uid = ? AND (expires_at IS NULL OR expires_at > ?) LIMIT 1`,
    ),
    findByUserCode: db.prepare<[string, string, number], StateRow>(
      `SELECT payload, consumed_at FROM oidc_state
       WHERE model = ? AND user_code = ? AND (expires_at IS NULL OR expires_at > ?) LIMIT 1`,
    ),
    consume: db.prepare('UPDATE oidc_state SET consumed_at = ? WHERE model = ? AND id = ?'),
    destroy: db.prepare('DELETE FROM oidc_state WHERE model = ? AND id = ?'),
    revokeByGrantId: db.prepare('DELETE FROM oidc_state WHERE grant_id = ?'),
    purge: db.prepare('DELETE FROM oidc_state WHERE expires_at <= ?'),
    getCredential: db.prepare<[string], { hash: string }>(
      'SELECT hash FROM credentials WHERE owner_id = ?',
    ),
    setCredential: db.prepare(
      `INSERT INTO credentials (owner_id, hash, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (owner_id) DO UPDATE SET hash = excluded.hash, updated_at = excluded.updated_at`,
    ),
    deleteCredential: db.prepare('DELETE FROM credentials WHERE owner_id = ?'),
  };

  let upserts = 0;
  const payloadOf = (row: StateRow | undefined): AdapterPayload | undefined => {
    if (row === undefined) return undefined;
    const payload = JSON.parse(row.payload) as AdapterPayload;
    return row.consumed_at === null ? payload : { ...payload, consumed: row.consumed_at };
  };

  const adapters = new Map<string, Adapter>();
  const providerAdapter = (model: string): Adapter => {
    const existing = adapters.get(model);
    if (existing) return existing;
    const adapter: Adapter = {
      async upsert(id, payload, expiresIn) {
        const expiresAt = typeof expiresIn === 'number' ? Date.now() + expiresIn * 1000 : null;
        const grantId = grantableModels.has(model) ? (payload.grantId ?? null) : null;
        q.upsert.run(
          model,
          id,
          JSON.stringify(payload),
          grantId,
          payload.uid ?? null,
          payload.userCode ?? null,
          expiresAt,
        );
        if (++upserts % PURGE_EVERY_UPSERTS === 0) q.purge.run(Date.now());
      },
      async find(id) {
        return payloadOf(q.find.get(model, id, Date.now()));
      },
      async findByUid(uid) {
        return payloadOf(q.findByUid.get(model, uid, Date.now()));
      },
      async findByUserCode(userCode) {
        return payloadOf(q.findByUserCode.get(model, userCode, Date.now()));
      },
      async consume(id) {
        q.consume.run(Math.floor(Date.now() / 1000), model, id);
      },
      async destroy(id) {
        q.destroy.run(model, id);
      },
      async revokeByGrantId(grantId) {
        q.revokeByGrantId.run(grantId);
      },
    };
    adapters.set(model, adapter);
    return adapter;
  };

  const credentials: CredentialStore = {
    async get(ownerId) {
      return q.getCredential.get(ownerId)?.hash ?? null;
    },
    async set(ownerId, hash) {
      q.setCredential.run(ownerId, hash, new Date().toISOString());
    },
    async delete(ownerId) {
      q.deleteCredential.run(ownerId);
    },
  };

  return {
    providerAdapter,
    credentials,
    rateLimiter({ name, points, duration }: RateLimiterOptions) {
      const tableName = `rate_limit_${checkLimiterName(name)}`;
      // The same schema rate-limiter-flexible would create, made here so it exists before use.
      db.exec(
        `CREATE TABLE IF NOT EXISTS ${tableName} (
          key TEXT PRIMARY KEY, points INTEGER NOT NULL DEFAULT 0, expire INTEGER)`,
      );
      return new RateLimiterSQLite({
        storeClient: db,
        storeType: 'better-sqlite3',
        tableName,
        tableCreated: true,
        clearExpiredByTimeout: true,
        points,
        duration,
      });
    },
    async close() {
      db.close();
    },
  };
}
