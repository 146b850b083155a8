import { MongoClient } from 'mongodb';
import {
  checkGeneration,
  FIRST_GENERATION,
  nextGenerationAfter,
  sortGenerations,
} from '../catalog';
import { GenerationError } from '../errors';
import type { ReadSchema, ReadStore, ReadStoreCatalog } from '../port';
import { checkSchema } from '../validation';
import { checkDatabaseName, openMongoReadStore } from './mongo-read-store';

type Pointer = { _id: string; generation: string };
type GenerationRow = { _id: string; openedAt: Date };
const CURRENT = 'current';

/**
 * Generations of a MongoDB read store: generation g is database `<database>_<g>`; database
 * `<database>_meta` holds the pointer (`pointer`, one document, so a switch is one atomic
 * single-document write) and the generations ever opened (`generations`) — listing them there
 * needs no listDatabases privilege. One client serves the catalog and every store it opens.
 */
export function mongoReadStoreCatalog({
  url,
  database,
  schema,
}: {
  url: string;
  database: string;
  schema: ReadSchema;
}): ReadStoreCatalog {
  checkSchema(schema);
  checkDatabaseName(`${database}_meta`);
  const client = new MongoClient(url);
  const metaDb = client.db(`${database}_meta`);
  const pointer = metaDb.collection<Pointer>('pointer');
  const known = metaDb.collection<GenerationRow>('generations');
  const databaseOf = (generation: string) => checkDatabaseName(`${database}_${generation}`);
  const opened = new Map<string, Set<ReadStore>>();

  const current = async () =>
    (await pointer.findOne({ _id: CURRENT }))?.generation ?? FIRST_GENERATION;
  const listGenerations = async () =>
    sortGenerations((await known.find({}).toArray()).map((row) => row._id));
  const closeOpened = async (generation: string) => {
    await Promise.all([...(opened.get(generation) ?? [])].map((store) => store.close()));
  };

  return {
    current,

    async open(generation) {
      checkGeneration(generation);
      const stores = opened.get(generation) ?? new Set<ReadStore>();
      opened.set(generation, stores);
      const store: ReadStore = await openMongoReadStore(
        client,
        databaseOf(generation),
        schema,
        async () => {
          stores.delete(store);
        },
      );
      stores.add(store);
      await known.updateOne(
        { _id: generation },
        { $setOnInsert: { openedAt: new Date() } },
        { upsert: true },
      );
      return store;
    },

    async switchTo(generation) {
      checkGeneration(generation);
      if (!(await known.findOne({ _id: generation }))) {
        throw new GenerationError(generation, 'does not exist; open it and fill it first');
      }
      await pointer.updateOne({ _id: CURRENT }, { $set: { generation } }, { upsert: true });
    },

    async drop(generation) {
      checkGeneration(generation);
      if (generation === (await current())) {
        throw new GenerationError(generation, 'is the current generation and cannot be dropped');
      }
      await closeOpened(generation);
      await client.db(databaseOf(generation)).dropDatabase();
      await known.deleteOne({ _id: generation });
    },

    generations: listGenerations,

    async nextGeneration() {
      return nextGenerationAfter([...(await listGenerations()), await current()]);
    },

    async close() {
      await Promise.all([...opened.keys()].map(closeOpened));
      await client.close();
    },
  };
}
