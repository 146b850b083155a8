import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { type EventMetadata, type RecordedEvent, upcastEvent } from '@taskomask/domain';
import Database from 'better-sqlite3';
import { ConditionFailedError, WrongExpectedVersionError } from '../errors';
import type {
  AppendCondition,
  AppendOptions,
  AppendResult,
  EventStore,
  ReadShape,
  StreamAppend,
} from '../port';
import {
  checkAppendOptions,
  matchesExpected,
  parseStreamName,
  serializeAppends,
} from '../validate-append';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS events (
    global_position INTEGER PRIMARY KEY,
    stream_name TEXT NOT NULL,
    stream_version INTEGER NOT NULL,
    type TEXT NOT NULL,
    data TEXT NOT NULL,
    metadata TEXT NOT NULL,
    occurred_at TEXT NOT NULL,
    schema_version INTEGER NOT NULL DEFAULT 1,
    UNIQUE (stream_name, stream_version)
  );
  CREATE TABLE IF NOT EXISTS streams (
    stream_name TEXT PRIMARY KEY,
    version INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS checkpoints (name TEXT PRIMARY KEY, position INTEGER NOT NULL) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS leases (
    name TEXT PRIMARY KEY, holder TEXT NOT NULL, expires_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS claims (
    set_name TEXT NOT NULL, member TEXT NOT NULL, owner TEXT NOT NULL,
    PRIMARY KEY (set_name, member)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS counters (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS seeds (marker TEXT PRIMARY KEY) WITHOUT ROWID;
`;

type Row = {
  global_position: number;
  stream_name: string;
  stream_version: number;
  type: string;
  data: string;
  metadata: string;
  occurred_at: string;
  schema_version: number;
};

function recorded(row: Row): RecordedEvent {
  return {
    type: row.type,
    data: JSON.parse(row.data),
    streamName: row.stream_name,
    streamVersion: row.stream_version,
    globalPosition: row.global_position,
    occurredAt: row.occurred_at,
    metadata: JSON.parse(row.metadata) as EventMetadata,
    schemaVersion: row.schema_version,
  };
}

/**
 * Files made before events carried a schema version lack the column: adding it with DEFAULT 1
 * makes their rows read as version 1 without rewriting one of them.
 */
function addSchemaVersionColumn(db: Database.Database): void {
  // Under the write lock: two processes opening the same old file add it once.
  db.transaction(() => {
    const columns = db.pragma('table_info(events)') as { name: string }[];
    if (!columns.some((c) => c.name === 'schema_version')) {
      db.exec('ALTER TABLE events ADD COLUMN schema_version INTEGER NOT NULL DEFAULT 1');
    }
  }).immediate();
}

/** `path` is a file (WAL mode) or ':memory:'. */
export function sqliteEventStore({
  path,
  upcast = upcastEvent,
}: { path: string } & ReadShape): EventStore {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // FULL: an acknowledged append survives a power cut, the promise the embedded mode makes.
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  addSchemaVersionColumn(db);
  const read = (row: Row) => upcast(recorded(row));

  const appended = new EventEmitter();
  appended.setMaxListeners(0);
  /** Waits in progress, ended by close() so that none polls a closed database. */
  const waits = new Set<(found: boolean) => void>();
  const q = {
    version: db.prepare<[string], { version: number }>(
      'SELECT version FROM streams WHERE stream_name = ?',
    ),
    head: db.prepare<[], { head: number }>(
      'SELECT coalesce(max(global_position), 0) AS head FROM events',
    ),
    upsertVersion: db.prepare(
      'INSERT INTO streams (stream_name, version) VALUES (?, ?) ' +
        'ON CONFLICT (stream_name) DO UPDATE SET version = excluded.version',
    ),
    insert: db.prepare(
      'INSERT INTO events (global_position, stream_name, stream_version, type, data, metadata, occurred_at, schema_version) ' +
        'VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    readStream: db.prepare<[string, number, number], Row>(
      'SELECT * FROM events WHERE stream_name = ? AND stream_version >= ? ORDER BY stream_version LIMIT ?',
    ),
    readAll: db.prepare<[number, number], Row>(
      'SELECT * FROM events WHERE global_position >= ? ORDER BY global_position LIMIT ?',
    ),
    getCheckpoint: db.prepare<[string], { position: number }>(
      'SELECT position FROM checkpoints WHERE name = ?',
    ),
    setCheckpoint: db.prepare(
      'INSERT INTO checkpoints (name, position) VALUES (?, ?) ' +
        // Forward only, as in Redis: a stale follower never moves a checkpoint back.
        'ON CONFLICT (name) DO UPDATE SET position = max(position, excluded.position)',
    ),
    lease: db.prepare(
      'INSERT INTO leases (name, holder, expires_at) VALUES (@name, @holder, @expires) ' +
        'ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at ' +
        'WHERE leases.holder = excluded.holder OR leases.expires_at < @now',
    ),
    releaseLease: db.prepare('DELETE FROM leases WHERE name = ? AND holder = ?'),
    holder: db.prepare<[string, string], { owner: string }>(
      'SELECT owner FROM claims WHERE set_name = ? AND member = ?',
    ),
    claim: db.prepare(
      'INSERT INTO claims (set_name, member, owner) VALUES (?, ?, ?) ' +
        'ON CONFLICT (set_name, member) DO UPDATE SET owner = excluded.owner',
    ),
    release: db.prepare('DELETE FROM claims WHERE set_name = ? AND member = ? AND owner = ?'),
    counter: db.prepare<[string], { value: number }>('SELECT value FROM counters WHERE key = ?'),
    setCounter: db.prepare(
      'INSERT INTO counters (key, value) VALUES (?, ?) ' +
        'ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ),
    seed: db.prepare('INSERT INTO seeds (marker) VALUES (?) ON CONFLICT (marker) DO NOTHING'),
  };
  const counterOf = (key: string) => q.counter.get(key)?.value ?? 0;

  // Inside the append's transaction: a throw rolls back whatever the earlier conditions did.
  function apply(condition: AppendCondition, index: number): void {
    switch (condition.kind) {
      case 'claim': {
        const owner = q.holder.get(condition.set, condition.member)?.owner;
        if (owner !== undefined && owner !== condition.owner) {
          throw new ConditionFailedError(index, condition);
        }
        q.claim.run(condition.set, condition.member, condition.owner);
        return;
      }
      case 'release':
        q.release.run(condition.set, condition.member, condition.owner);
        return;
      case 'counter': {
        const value = counterOf(condition.key) + condition.delta;
        if (
          (condition.min !== undefined && value < condition.min) ||
          (condition.max !== undefined && value > condition.max)
        ) {
          throw new ConditionFailedError(index, condition);
        }
        q.setCounter.run(condition.key, value);
        return;
      }
      case 'seed': {
        if (q.seed.run(condition.marker).changes === 0) return;
        for (const claim of condition.claims) {
          if (q.holder.get(claim.set, claim.member) === undefined) {
            q.claim.run(claim.set, claim.member, claim.owner);
          }
        }
        for (const counter of condition.counters) {
          q.setCounter.run(counter.key, counterOf(counter.key) + counter.value);
        }
        return;
      }
    }
  }
  const versionOf = (stream: string) => q.version.get(stream)?.version ?? 0;

  const appendTx = db.transaction(
    (appends: readonly StreamAppend[], options: AppendOptions | undefined): AppendResult[] => {
      const batch = serializeAppends(appends);
      const { checks, conditions } = checkAppendOptions(options);
      const current = batch.map((a) => {
        const actual = versionOf(a.stream);
        if (!matchesExpected(a.expectedVersion, actual)) {
          throw new WrongExpectedVersionError(a.stream, a.expectedVersion, actual);
        }
        return actual;
      });
      for (const check of checks) {
        const actual = versionOf(check.stream);
        if (!matchesExpected(check.expectedVersion, actual)) {
          throw new WrongExpectedVersionError(check.stream, check.expectedVersion, actual);
        }
      }
      conditions.forEach(apply);
      let position = q.head.get()!.head;
      const versions = batch.map((a, i) => {
        let version = current[i]!;
        for (const e of a.events) {
          q.insert.run(
            ++position,
            a.stream,
            ++version,
            e.type,
            e.data,
            e.metadata,
            e.occurredAt,
            e.schemaVersion,
          );
        }
        q.upsertVersion.run(a.stream, version);
        return version;
      });
      return versions.map((nextVersion) => ({ nextVersion, lastGlobalPosition: position }));
    },
  );

  async function appendToStreams(
    appends: readonly StreamAppend[],
    options?: AppendOptions,
  ): Promise<AppendResult[]> {
    // IMMEDIATE takes the write lock up front: two processes on one file cannot interleave.
    const results = appendTx.immediate(appends, options);
    appended.emit('append', results[0]!.lastGlobalPosition);
    return results;
  }

  return {
    async appendToStream(stream, events, { expectedVersion }) {
      const [result] = await appendToStreams([{ stream, events, expectedVersion }]);
      return result!;
    },

    appendToStreams,

    async readStream(stream, { fromVersion = 1, limit = -1 } = {}) {
      parseStreamName(stream);
      return q.readStream.all(stream, fromVersion, limit).map(read);
    },

    async streamVersion(stream) {
      return versionOf(stream);
    },

    async readAll({ fromPosition, limit }) {
      return q.readAll.all(fromPosition, limit).map(read);
    },

    async headPosition() {
      return q.head.get()!.head;
    },

    waitForPosition(position, timeoutMs) {
      if (q.head.get()!.head >= position) return Promise.resolve(true);
      return new Promise((resolve) => {
        // Appends from this process wake us at once; a poll catches other processes' appends. It
        // backs off (50 ms → 1 s): a fixed 50 ms poll woke an idle embedded process 20 times a
        // second, forever (the forwarder always waits here).
        const check = () => {
          if (q.head.get()!.head >= position) finish(true);
        };
        let pollMs = 50;
        let poll: NodeJS.Timeout | undefined;
        let done = false;
        const schedule = () => {
          poll = setTimeout(() => {
            check();
            pollMs = Math.min(pollMs * 2, 1_000);
            if (!done) schedule();
          }, pollMs);
        };
        schedule();
        const timer = setTimeout(() => finish(q.head.get()!.head >= position), timeoutMs);
        const finish = (found: boolean) => {
          done = true;
          clearTimeout(poll);
          clearTimeout(timer);
          appended.off('append', check);
          waits.delete(finish);
          resolve(found);
        };
        appended.on('append', check);
        waits.add(finish);
      });
    },

    async getCheckpoint(name) {
      return q.getCheckpoint.get(name)?.position ?? 0;
    },

    async setCheckpoint(name, position) {
      q.setCheckpoint.run(name, position);
    },

    async acquireLease(name, holder, ttlMs) {
      const now = Date.now();
      return q.lease.run({ name, holder, expires: now + ttlMs, now }).changes === 1;
    },

    async releaseLease(name, holder) {
      q.releaseLease.run(name, holder);
    },

    async close() {
      for (const finish of waits) finish(false);
      db.close();
    },
  };
}
