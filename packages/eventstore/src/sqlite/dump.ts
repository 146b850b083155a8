import Database from 'better-sqlite3';
import { checkContinues, type DumpedEvent, type EventLogDump, type KeyedState } from '../dump';
import { sqliteEventStore } from './sqlite-event-store';

type Row = {
  global_position: number;
  stream_name: string;
  stream_version: number;
  type: string;
  data: string;
  metadata: string;
  occurred_at: string;
  schema_version: number | null;
};

/** Export and import of the SQLite event store's file at `path` (its schema made if missing). */
export function sqliteEventLogDump({ path }: { path: string }): EventLogDump {
  // The adapter owns the schema: opening it once creates the tables an import fills.
  const store = sqliteEventStore({ path });
  const db = new Database(path);
  db.pragma('busy_timeout = 5000');
  const q = {
    head: db.prepare<[], { head: number }>(
      'SELECT coalesce(max(global_position), 0) AS head FROM events',
    ),
    events: db.prepare<[number, number, number], Row>(
      'SELECT * FROM events WHERE global_position BETWEEN ? AND ? ORDER BY global_position LIMIT ?',
    ),
    claims: db.prepare<[], { set_name: string; member: string; owner: string }>(
      'SELECT set_name, member, owner FROM claims ORDER BY set_name, member',
    ),
    counters: db.prepare<[], { key: string; value: number }>(
      'SELECT key, value FROM counters ORDER BY key',
    ),
    seeds: db.prepare<[], { marker: string }>('SELECT marker FROM seeds ORDER BY marker'),
    checkpoints: db.prepare<[], { name: string; position: number }>(
      'SELECT name, position FROM checkpoints ORDER BY name',
    ),
    anything: db.prepare<[], { n: number }>(
      `SELECT (SELECT count(*) FROM events) + (SELECT count(*) FROM claims)
        + (SELECT count(*) FROM counters) + (SELECT count(*) FROM seeds)
        + (SELECT count(*) FROM checkpoints) AS n`,
    ),
    version: db.prepare<[string], { version: number }>(
      'SELECT version FROM streams WHERE stream_name = ?',
    ),
    insert: db.prepare(
      'INSERT INTO events (global_position, stream_name, stream_version, type, data, metadata, occurred_at, schema_version) ' +
        'VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    upsertVersion: db.prepare(
      'INSERT INTO streams (stream_name, version) VALUES (?, ?) ' +
        'ON CONFLICT (stream_name) DO UPDATE SET version = excluded.version',
    ),
    claim: db.prepare('INSERT INTO claims (set_name, member, owner) VALUES (?, ?, ?)'),
    counter: db.prepare('INSERT INTO counters (key, value) VALUES (?, ?)'),
    seed: db.prepare('INSERT INTO seeds (marker) VALUES (?)'),
    checkpoint: db.prepare('INSERT INTO checkpoints (name, position) VALUES (?, ?)'),
  };

  // One read transaction: in WAL mode it sees one commit, so head and keys belong together.
  const snapshot = db.transaction(() => ({
    position: q.head.get()!.head,
    keyed: {
      claims: q.claims.all().map((r) => ({ set: r.set_name, member: r.member, owner: r.owner })),
      counters: q.counters.all(),
      seeds: q.seeds.all().map((r) => r.marker),
      checkpoints: q.checkpoints.all(),
    },
  }));

  const loadEvents = db.transaction((events: readonly DumpedEvent[]) => {
    const versions = checkContinues(
      events,
      q.head.get()!.head,
      (stream) => q.version.get(stream)?.version ?? 0,
    );
    for (const e of events) {
      q.insert.run(
        e.globalPosition,
        e.streamName,
        e.streamVersion,
        e.type,
        e.data,
        e.metadata,
        e.occurredAt,
        e.schemaVersion,
      );
    }
    for (const [stream, version] of versions) q.upsertVersion.run(stream, version);
  });

  const loadKeyed = db.transaction((state: KeyedState) => {
    for (const c of state.claims) q.claim.run(c.set, c.member, c.owner);
    for (const c of state.counters) q.counter.run(c.key, c.value);
    for (const marker of state.seeds) q.seed.run(marker);
    for (const c of state.checkpoints) q.checkpoint.run(c.name, c.position);
  });

  return {
    async snapshot() {
      return snapshot.deferred();
    },
    async readEvents(fromPosition, toPosition, limit) {
      return q.events.all(fromPosition, toPosition, limit).map((r) => ({
        globalPosition: r.global_position,
        streamName: r.stream_name,
        streamVersion: r.stream_version,
        type: r.type,
        data: r.data,
        metadata: r.metadata,
        occurredAt: r.occurred_at,
        schemaVersion: r.schema_version ?? 1,
      }));
    },
    async isEmpty() {
      return q.anything.get()!.n === 0;
    },
    async loadEvents(events) {
      loadEvents.immediate(events);
    },
    async loadKeyed(state) {
      loadKeyed.immediate(state);
    },
    async close() {
      db.close();
      await store.close();
    },
  };
}
