import { randomUUID } from 'node:crypto';
import { serverUrls, unavailable } from '@taskomask/testkit';
import { MongoClient } from 'mongodb';
import { afterAll, describe } from 'vitest';
import { readStoreContract } from '../src/contract';
import { mongoReadStoreCatalog } from '../src/mongodb/mongo-catalog';
import { mongoReadStore } from '../src/mongodb/mongo-read-store';

// Needs a replica set (commits are transactions): MONGODB_URL=mongodb://host:27017/?replicaSet=rs0
describe.skipIf(unavailable('mongodb'))('mongodb read store', () => {
  const url = serverUrls.mongodb!;
  // Short: database names are at most 63 bytes, and generations add `_<g>`.
  const runPrefix = `tm_test_${randomUUID().slice(0, 8)}`;
  let n = 0;
  readStoreContract(
    'mongodb',
    (schema) => mongoReadStore({ url, database: `${runPrefix}_s${n++}`, schema }),
    async (place, schema) =>
      mongoReadStoreCatalog({ url, database: `${runPrefix}_${place}`, schema }),
  );

  afterAll(async () => {
    const client = new MongoClient(url);
    const { databases } = await client.db('admin').admin().listDatabases({ nameOnly: true });
    for (const { name } of databases) {
      if (name.startsWith(runPrefix)) await client.db(name).dropDatabase();
    }
    await client.close();
  });
});
