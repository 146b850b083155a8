import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contractSchema, readStoreContract } from '../src/contract';
import { readStoreCatalogFromUrl } from '../src/from-url';
import { sqliteReadStoreCatalog } from '../src/sqlite/sqlite-catalog';
import { sqliteReadStore } from '../src/sqlite/sqlite-read-store';

describe('sqlite read store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'taskomask-read-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  readStoreContract(
    'sqlite',
    async (schema) => sqliteReadStore({ path: join(dir, `store-${n++}.db`), schema }),
    async (place, schema) => sqliteReadStoreCatalog({ path: join(dir, place, 'read.db'), schema }),
  );

  it('keeps documents, keys, streams and position in its file across reopening', async () => {
    const path = join(dir, 'reopen', 'read.db');
    const first = sqliteReadStore({ path, schema: contractSchema });
    await first.commit({
      puts: [
        {
          collection: 'tasks',
          id: 't-1',
          position: 4,
          value: { title: 'Write' },
          keys: { boardId: 'b-1' },
        },
      ],
      deletes: [],
      streams: [{ stream: 'task-1', version: 2 }],
      position: 4,
    });
    await first.close();
    const again = sqliteReadStore({ path, schema: contractSchema });
    expect((await again.find('tasks', { boardId: 'b-1' })).map((d) => d.value)).toEqual([
      { title: 'Write' },
    ]);
    expect(await again.streamVersions(['task-1'])).toEqual(new Map([['task-1', 2]]));
    expect(await again.position()).toBe(4);
    await again.close();
  });

  it('lays generations out next to the configured path, with a pointer file', async () => {
    const catalog = await readStoreCatalogFromUrl(
      `sqlite:${join(dir, 'layout', 'read.db')}`,
      contractSchema,
    );
    await catalog.open('g1');
    await catalog.open('g2');
    await catalog.switchTo('g2');
    expect(existsSync(join(dir, 'layout', 'read.g1.db'))).toBe(true);
    expect(existsSync(join(dir, 'layout', 'read.g2.db'))).toBe(true);
    expect(readFileSync(join(dir, 'layout', 'read.current'), 'utf8')).toBe('g2\n');
    await catalog.drop('g1');
    expect(existsSync(join(dir, 'layout', 'read.g1.db'))).toBe(false);
    expect(existsSync(join(dir, 'layout', 'read.g1.db-wal'))).toBe(false);
    await catalog.close();
  });
});
