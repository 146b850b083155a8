import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Doc, Key, ReadSchema, ReadStore } from '../port';
import {
  type CheckedCommit,
  checkCollection,
  checkCommit,
  checkSchema,
  checkWhere,
  encodeKey,
  serialiseValue,
} from '../validation';

// `document_keys` holds one row per (document, declared key) with the key's JSON text as value:
// a find is a range scan of its primary key — already in id order — and one rowid lookup per
// document found (`doc`, an explicit INTEGER PRIMARY KEY, so VACUUM never renumbers it). The JSON
// text keeps the type (1 ≠ '1' ≠ true, and 'null' = 'null'), which SQLite's own comparison of
// bound values would not: booleans bind as 1 and 0, and NULL equals nothing.
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS documents (
    doc INTEGER PRIMARY KEY,
    collection TEXT NOT NULL,
    id TEXT NOT NULL,
    position INTEGER NOT NULL,
    value TEXT NOT NULL,
    keys TEXT NOT NULL,
    UNIQUE (collection, id)
  );
  CREATE TABLE IF NOT EXISTS document_keys (
    collection TEXT NOT NULL,
    field TEXT NOT NULL,
    value TEXT NOT NULL,
    id TEXT NOT NULL,
    doc INTEGER NOT NULL,
    PRIMARY KEY (collection, field, value, id)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS streams (
    stream TEXT PRIMARY KEY,
    version INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS meta (id INTEGER PRIMARY KEY CHECK (id = 1), position INTEGER NOT NULL);
  INSERT OR IGNORE INTO meta (id, position) VALUES (1, 0);
`;

type Keys = Record<string, Key>;

/**
 * Documents are read as one JSON text per row, `[id, position, keys, value]`, that SQLite splices
 * together from the stored JSON: one string and one JSON.parse per document is much cheaper than
 * a four-column row object (5,000 documents: ~7 ms instead of ~11, see bench/).
 */
const docText = (d: string, id = `${d}.id`) =>
  `'[' || json_quote(${id}) || ',' || ${d}.position || ',' || ${d}.keys || ',' || ` +
  `${d}.value || ']'`;

function reader<T>(collection: string) {
  return (text: string): Doc<T> => {
    const [id, position, keys, value] = JSON.parse(text) as [string, number, Keys, T];
    return { collection, id, position, value, keys };
  };
}

/** `path` is a file (WAL mode) or ':memory:'. */
export function sqliteReadStore({ path, schema }: { path: string; schema: ReadSchema }): ReadStore {
  checkSchema(schema);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // NORMAL: in WAL mode a crash of the process loses nothing and a power cut can lose only the
  // last commits, never corrupt the file. Documents, stream versions and position are in the same
  // transactions, so such a loss leaves a consistent, older read model that the projector catches
  // up from the event store — and the read model can always be rebuilt. Skipping the fsync per
  // commit is what lets a rebuild write tens of thousands of events a second.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);

  const q = {
    get: db
      .prepare<[string, string], string>(
        `SELECT ${docText('d')} FROM documents d WHERE d.collection = ? AND d.id = ?`,
      )
      .pluck(),
    // CROSS JOIN fixes the join order (SQLite never reorders it): look up each id asked for,
    // whatever the statistics of a young, small file suggest.
    getMany: db
      .prepare<[string, string], string>(
        `SELECT ${docText('d')} FROM json_each(?) j ` +
          'CROSS JOIN documents d ON d.collection = ? AND d.id = j.value',
      )
      .pluck(),
    positionOf: db
      .prepare<[string, string], number>(
        'SELECT position FROM documents WHERE collection = ? AND id = ?',
      )
      .pluck(),
    all: db
      .prepare<[string, number], string>(
        `SELECT ${docText('d')} FROM documents d WHERE d.collection = ? ORDER BY d.id LIMIT ?`,
      )
      .pluck(),
    current: db.prepare<[string, string], { doc: number; keys: string }>(
      'SELECT doc, keys FROM documents WHERE collection = ? AND id = ?',
    ),
    insert: db.prepare<[string, string, number, string, string]>(
      'INSERT INTO documents (collection, id, position, value, keys) VALUES (?, ?, ?, ?, ?)',
    ),
    update: db.prepare<[number, string, string, number]>(
      'UPDATE documents SET position = ?, value = ?, keys = ? WHERE doc = ?',
    ),
    delete: db.prepare<[number]>('DELETE FROM documents WHERE doc = ?'),
    insertKey: db.prepare<[string, string, string, string, number]>(
      'INSERT INTO document_keys (collection, field, value, id, doc) VALUES (?, ?, ?, ?, ?)',
    ),
    deleteKey: db.prepare<[string, string, string, string]>(
      'DELETE FROM document_keys WHERE collection = ? AND field = ? AND value = ? AND id = ?',
    ),
    streamVersions: db.prepare<[string], { stream: string; version: number }>(
      'SELECT stream, version FROM streams WHERE stream IN (SELECT value FROM json_each(?))',
    ),
    upsertStream: db.prepare<[string, number]>(
      'INSERT INTO streams (stream, version) VALUES (?, ?) ' +
        'ON CONFLICT (stream) DO UPDATE SET version = max(version, excluded.version)',
    ),
    position: db.prepare<[], { position: number }>('SELECT position FROM meta WHERE id = 1'),
    advance: db.prepare<[number]>('UPDATE meta SET position = max(position, ?) WHERE id = 1'),
  };

  // One statement per number of keys in `where`: k0 drives the scan (and gives the id order), the
  // others are point lookups on their whole primary key. CROSS JOIN pins that order.
  const finds = new Map<number, Database.Statement<unknown[], string>>();
  function findStatement(n: number) {
    let statement = finds.get(n);
    if (!statement) {
      const joins = Array.from({ length: n - 1 }, (_, i) => {
        const k = `k${i + 1}`;
        return (
          `CROSS JOIN document_keys ${k} ON ${k}.collection = k0.collection ` +
          `AND ${k}.field = ? AND ${k}.value = ? AND ${k}.id = k0.id `
        );
      });
      statement = db
        .prepare<unknown[], string>(
          `SELECT ${docText('d', 'k0.id')} FROM document_keys k0 ${joins.join('')}` +
            'CROSS JOIN documents d ON d.doc = k0.doc ' +
            'WHERE k0.collection = ? AND k0.field = ? AND k0.value = ? ORDER BY k0.id LIMIT ?',
        )
        .pluck();
      finds.set(n, statement);
    }
    return statement;
  }

  const commitTx = db.transaction((commit: CheckedCommit) => {
    // Progress first, documents last: a value that fails to serialise half-way through rolls
    // back everything before it, which is what the contract's atomicity test exercises.
    for (const [stream, version] of commit.streams) q.upsertStream.run(stream, version);
    q.advance.run(commit.position);
    for (const { collection, id } of commit.deletes) {
      const old = q.current.get(collection, id);
      if (!old) continue;
      q.delete.run(old.doc);
      for (const [field, value] of Object.entries(JSON.parse(old.keys) as Keys)) {
        q.deleteKey.run(collection, field, encodeKey(value), id);
      }
    }
    for (const put of commit.puts) {
      const { collection, id, keys } = put;
      const keysJson = JSON.stringify(keys);
      const valueJson = serialiseValue(put.value, put.at);
      const old = q.current.get(collection, id);
      if (old) q.update.run(put.position, valueJson, keysJson, old.doc);
      // Most updates (a renamed task) leave the keys alone: then their rows stay as they are.
      if (old?.keys === keysJson) continue;
      const doc = old
        ? old.doc
        : Number(q.insert.run(collection, id, put.position, valueJson, keysJson).lastInsertRowid);
      const before = old ? (JSON.parse(old.keys) as Keys) : {};
      for (const [field, value] of Object.entries(keys)) {
        const encoded = encodeKey(value);
        const previous = Object.hasOwn(before, field) ? encodeKey(before[field]!) : undefined;
        if (previous === encoded) continue;
        if (previous !== undefined) q.deleteKey.run(collection, field, previous, id);
        q.insertKey.run(collection, field, encoded, id, doc);
      }
      // A key the schema no longer declares (the schema changed under a live generation).
      for (const [field, value] of Object.entries(before)) {
        if (!Object.hasOwn(keys, field)) q.deleteKey.run(collection, field, encodeKey(value), id);
      }
    }
  });

  return {
    async get<T>(collection: string, id: string) {
      checkCollection(schema, collection);
      const row = q.get.get(collection, id);
      return row ? reader<T>(collection)(row) : undefined;
    },

    async positionOf(collection: string, id: string) {
      checkCollection(schema, collection);
      return q.positionOf.get(collection, id);
    },

    async getMany<T>(collection: string, ids: readonly string[]) {
      checkCollection(schema, collection);
      if (ids.length === 0) return [];
      const docs = q.getMany.all(JSON.stringify(ids), collection).map(reader<T>(collection));
      const found = new Map(docs.map((doc) => [doc.id, doc]));
      return ids.flatMap((id) => {
        const doc = found.get(id);
        return doc ? [doc] : [];
      });
    },

    async find<T>(
      collection: string,
      where: Readonly<Record<string, Key>>,
      { limit }: { limit?: number } = {},
    ) {
      const entries = checkWhere(schema, collection, where, limit);
      const max = limit ?? -1;
      const toDoc = reader<T>(collection);
      if (entries.length === 0) return q.all.all(collection, max).map(toDoc);
      // The first key of `where` drives the scan; callers get the fastest find by naming the most
      // selective key first ({ cardId, boardId } rather than { boardId, cardId }).
      const [[field0, value0], ...rest] = entries as [[string, Key], ...[string, Key][]];
      const params: unknown[] = rest.flatMap(([field, value]) => [field, encodeKey(value)]);
      params.push(collection, field0, encodeKey(value0), max);
      return findStatement(entries.length)
        .all(...params)
        .map(toDoc);
    },

    async streamVersions(streams: readonly string[]) {
      if (streams.length === 0) return new Map<string, number>();
      const rows = q.streamVersions.all(JSON.stringify(streams));
      return new Map(rows.map((r) => [r.stream, r.version]));
    },

    async commit(commit) {
      // IMMEDIATE takes the write lock up front: two processes on one file cannot interleave.
      commitTx.immediate(checkCommit(schema, commit));
    },

    async position() {
      return q.position.get()!.position;
    },

    async all<T>(collection: string) {
      checkCollection(schema, collection);
      return q.all.all(collection, -1).map(reader<T>(collection));
    },

    async close() {
      db.close();
    },
  };
}
