import { loadedPackages } from '@taskomask/testkit';
import { describe, expect, it } from 'vitest';

// A process on SQLite must not load the MongoDB driver.
describe('readStoreCatalogFromUrl loads only the adapter its URL names', () => {
  it('sqlite: loads better-sqlite3 and not mongodb', async () => {
    const loaded = await loadedPackages(
      `const { mkdtempSync, rmSync } = await import('node:fs');
       const { join } = await import('node:path');
       const { tmpdir } = await import('node:os');
       const dir = mkdtempSync(join(tmpdir(), 'lazy-readstore-'));
       const { readStoreCatalogFromUrl } = await import('@taskomask/readstore');
       const catalog = await readStoreCatalogFromUrl('sqlite:' + join(dir, 'read.db'), {});
       await catalog.current();
       await catalog.close();
       rmSync(dir, { recursive: true, force: true });`,
      ['mongodb', 'better-sqlite3'],
    );
    expect(loaded).toEqual(['better-sqlite3']);
  });

  it('the probe sees mongodb once the MongoDB adapter is imported', async () => {
    const loaded = await loadedPackages(`await import('@taskomask/readstore/mongodb');`, [
      'mongodb',
      'better-sqlite3',
    ]);
    expect(loaded).toEqual(['mongodb']);
  });
});
