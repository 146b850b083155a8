import { loadedPackages } from '@taskomask/testkit';
import { describe, expect, it } from 'vitest';

// A process on SQLite must not load the Redis client (issue 12: adapters at the edge).
describe('eventStoreFromUrl loads only the adapter its URL names', () => {
  it('sqlite: loads better-sqlite3 and not ioredis', async () => {
    const loaded = await loadedPackages(
      `const { eventStoreFromUrl } = await import('@taskomask/eventstore');
       const store = await eventStoreFromUrl('sqlite::memory:');
       await store.headPosition();
       await store.close();`,
      ['ioredis', 'better-sqlite3'],
    );
    expect(loaded).toEqual(['better-sqlite3']);
  });

  it('the probe sees ioredis once the Redis adapter is imported', async () => {
    const loaded = await loadedPackages(`await import('@taskomask/eventstore/redis');`, [
      'ioredis',
      'better-sqlite3',
    ]);
    expect(loaded).toEqual(['ioredis']);
  });
});
