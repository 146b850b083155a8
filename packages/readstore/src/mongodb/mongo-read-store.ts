import {
  type AnyBulkWriteOperation,
  type Db,
  type Filter,
  MongoClient,
  MongoServerError,
} from 'mongodb';
import type { Doc, Key, ReadSchema, ReadStore } from '../port';
import {
  checkCollection,
  checkCommit,
  checkSchema,
  checkWhere,
  serialiseValue,
} from '../validation';

type Stored = { _id: string; position: number; value: unknown; keys: Record<string, Key> };
type StreamRow = { _id: string; version: number };
type MetaRow = { _id: string; position: number };

const POSITION_ID = 'position';
const NAMESPACE_EXISTS = 48;
/** A standalone server's answer to a transaction: "Transaction numbers are only allowed on …". */
const ILLEGAL_OPERATION = 20;

const REPLICA_SET_NEEDED =
  'the MongoDB read store commits in transactions, which need a replica set or a sharded ' +
  'cluster, and this server is standalone. Run mongod with --replSet rs0 and call ' +
  'rs.initiate() once (a one-member replica set is enough), or use READ_STORE_URL=sqlite:…';

// Transactions (session.withTransaction) only exist on replica sets and sharded clusters; check
// once per client so a standalone server fails at start with a message that says what to do.
const topologyChecked = new WeakMap<MongoClient, Promise<void>>();
export function checkTransactionsAvailable(client: MongoClient): Promise<void> {
  let checked = topologyChecked.get(client);
  if (!checked) {
    checked = client
      .db('admin')
      .command({ hello: 1 })
      .then((hello) => {
        if (typeof hello.setName !== 'string' && hello.msg !== 'isdbgrid') {
          throw new Error(REPLICA_SET_NEEDED);
        }
      });
    checked.catch(() => topologyChecked.delete(client));
    topologyChecked.set(client, checked);
  }
  return checked;
}

function explainCommitError(error: unknown): unknown {
  if (error instanceof MongoServerError && error.code === ILLEGAL_OPERATION) {
    return new Error(`${REPLICA_SET_NEEDED} (server said: ${error.message})`, { cause: error });
  }
  return error;
}

// MongoDB database names cannot hold / \ . space " $ and are at most 63 bytes long.
const DATABASE = /^[A-Za-z0-9_-]{1,63}$/;
export function checkDatabaseName(name: string): string {
  if (!DATABASE.test(name)) {
    throw new Error(
      `"${name}" cannot be a MongoDB database name here (letters, digits, '_', '-'; at most 63)`,
    );
  }
  return name;
}

function toDoc<T>(collection: string, row: Stored): Doc<T> {
  return { collection, id: row._id, position: row.position, value: row.value as T, keys: row.keys };
}

async function ensureCollections(db: Db, schema: ReadSchema): Promise<void> {
  const existing = new Set(
    (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name),
  );
  for (const name of [...Object.keys(schema), 'streams', 'meta']) {
    if (existing.has(name)) continue;
    try {
      await db.createCollection(name);
    } catch (error) {
      // Another process created it between our look and our create.
      if (!(error instanceof MongoServerError && error.code === NAMESPACE_EXISTS)) throw error;
    }
  }
  for (const [name, { keys }] of Object.entries(schema)) {
    const collection = db.collection<Stored>(name);
    for (const field of keys) {
      // Equality on the key, then _id: a find with one key reads the index in the order it returns.
      await collection.createIndex({ [`keys.${field}`]: 1, _id: 1 }, { name: `by_${field}` }, {});
    }
  }
}

/**
 * A read store in database `databaseName` of a client someone else owns (the catalog); `close`
 * only stops this store. Collections and indexes are created here, before the first commit.
 */
export async function openMongoReadStore(
  client: MongoClient,
  databaseName: string,
  schema: ReadSchema,
  onClose: () => Promise<void> = async () => {},
): Promise<ReadStore> {
  checkSchema(schema);
  checkDatabaseName(databaseName);
  await checkTransactionsAvailable(client);
  const db = client.db(databaseName);
  await ensureCollections(db, schema);
  const documents = (name: string) => db.collection<Stored>(name);
  const streams = db.collection<StreamRow>('streams');
  const meta = db.collection<MetaRow>('meta');

  let closed = false;
  const open = () => {
    if (closed) throw new Error(`the read store on ${databaseName} is closed`);
  };

  return {
    async get<T>(collection: string, id: string) {
      open();
      checkCollection(schema, collection);
      const row = await documents(collection).findOne({ _id: id });
      return row ? toDoc<T>(collection, row) : undefined;
    },

    async positionOf(collection: string, id: string) {
      open();
      checkCollection(schema, collection);
      const row = await documents(collection).findOne(
        { _id: id },
        { projection: { _id: 0, position: 1 } },
      );
      return row === null ? undefined : (row.position as number);
    },

    async getMany<T>(collection: string, ids: readonly string[]) {
      open();
      checkCollection(schema, collection);
      if (ids.length === 0) return [];
      const rows = await documents(collection)
        .find({ _id: { $in: [...ids] } })
        .toArray();
      const found = new Map(rows.map((r) => [r._id, r]));
      return ids.flatMap((id) => {
        const row = found.get(id);
        return row ? [toDoc<T>(collection, row)] : [];
      });
    },

    async find<T>(
      collection: string,
      where: Readonly<Record<string, Key>>,
      { limit }: { limit?: number } = {},
    ) {
      open();
      const entries = checkWhere(schema, collection, where, limit);
      if (limit === 0) return [];
      // Values are checked scalars, so `{ 'keys.f': v }` is plain equality: BSON compares by
      // type (1 ≠ '1' ≠ true) and every declared key is stored, so null matches only null.
      const filter: Filter<Stored> = {};
      for (const [field, value] of entries)
        (filter as Record<string, Key>)[`keys.${field}`] = value;
      let cursor = documents(collection).find(filter).sort({ _id: 1 });
      if (limit !== undefined) cursor = cursor.limit(limit);
      return (await cursor.toArray()).map((r) => toDoc<T>(collection, r));
    },

    async streamVersions(names: readonly string[]) {
      open();
      if (names.length === 0) return new Map<string, number>();
      const rows = await streams.find({ _id: { $in: [...names] } }).toArray();
      return new Map(rows.map((r) => [r._id, r.version]));
    },

    async commit(commit) {
      open();
      const checked = checkCommit(schema, commit);
      // Values go through JSON so both adapters hold exactly the same thing (Dates become
      // strings, undefined fields vanish) and BSON-only types (BigInt → Int64) are refused alike.
      const writes = new Map<string, AnyBulkWriteOperation<Stored>[]>();
      const writesOf = (collection: string) => {
        let list = writes.get(collection);
        if (!list) {
          list = [];
          writes.set(collection, list);
        }
        return list;
      };
      for (const { collection, id } of checked.deletes) {
        writesOf(collection).push({ deleteOne: { filter: { _id: id } } });
      }
      for (const put of checked.puts) {
        const value: unknown = JSON.parse(serialiseValue(put.value, put.at));
        writesOf(put.collection).push({
          replaceOne: {
            filter: { _id: put.id },
            replacement: { position: put.position, value, keys: put.keys },
            upsert: true,
          },
        });
      }
      const streamWrites: AnyBulkWriteOperation<StreamRow>[] = [...checked.streams].map(
        ([stream, version]) => ({
          updateOne: { filter: { _id: stream }, update: { $max: { version } }, upsert: true },
        }),
      );

      const session = client.startSession();
      try {
        // The callback may run more than once (the driver retries transient errors), so it only
        // issues writes. Operations run one after another: a transaction allows no parallelism.
        await session.withTransaction(async (s) => {
          for (const [collection, operations] of writes) {
            await documents(collection).bulkWrite(operations, { session: s, ordered: true });
          }
          if (streamWrites.length > 0) await streams.bulkWrite(streamWrites, { session: s });
          await meta.updateOne(
            { _id: POSITION_ID },
            { $max: { position: checked.position } },
            { upsert: true, session: s },
          );
        });
      } catch (error) {
        throw explainCommitError(error);
      } finally {
        await session.endSession();
      }
    },

    async position() {
      open();
      return (await meta.findOne({ _id: POSITION_ID }))?.position ?? 0;
    },

    async all<T>(collection: string) {
      open();
      checkCollection(schema, collection);
      const rows = await documents(collection).find({}).sort({ _id: 1 }).toArray();
      return rows.map((r) => toDoc<T>(collection, r));
    },

    async close() {
      if (closed) return;
      closed = true;
      await onClose();
    },
  };
}

/**
 * A MongoDB read store that owns its client. `url` must reach a replica set (or mongos):
 * commits are transactions.
 */
export async function mongoReadStore({
  url,
  database,
  schema,
}: {
  url: string;
  database: string;
  schema: ReadSchema;
}): Promise<ReadStore> {
  checkSchema(schema);
  checkDatabaseName(database);
  const client = new MongoClient(url);
  try {
    return await openMongoReadStore(client, database, schema, () => client.close());
  } catch (error) {
    await client.close();
    throw error;
  }
}
