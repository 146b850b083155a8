// Following rebuilds on a real SQLite catalog: the current generation is looked up again at most
// once per switchCheckMs, and a switch is followed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSchema } from '@taskomask/read-models';
import { sqliteReadStoreCatalog } from '@taskomask/readstore/sqlite';
import { describe, expect, it } from 'vitest';
import { followCurrentGeneration } from '../../src/queries/current-generation';
import { readAt } from '../../src/queries/read-position';

function withCatalog(run: (catalog: ReturnType<typeof sqliteReadStoreCatalog>) => Promise<void>) {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'taskomask-generations-'));
    const catalog = sqliteReadStoreCatalog({ path: join(dir, 'read.db'), schema: readSchema });
    try {
      await run(catalog);
    } finally {
      await catalog.close();
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

const commitAt = (position: number) => ({ puts: [], deletes: [], streams: [], position });

describe('followCurrentGeneration', () => {
  it(
    'keeps the store it has until switchCheckMs passed, then follows a switch',
    withCatalog(async (catalog) => {
      await (await catalog.open('g1')).commit(commitAt(5));
      const g2 = await catalog.open('g2');
      await g2.commit(commitAt(9));

      const slow = followCurrentGeneration(catalog, { switchCheckMs: 60_000 });
      const eager = followCurrentGeneration(catalog, { switchCheckMs: 0 });
      expect(await (await slow.store()).position()).toBe(5);
      expect(await (await eager.store()).position()).toBe(5);

      await catalog.switchTo('g2');
      // Within its interval the slow follower does not even look…
      expect(await (await slow.store()).position()).toBe(5);
      expect(slow.generation()).toBe('g1');
      // …the eager one looks on every call and switches.
      expect(await (await eager.store()).position()).toBe(9);
      expect(eager.generation()).toBe('g2');

      // The replaced store stays open for requests still reading it.
      const [a, b] = await Promise.all([eager.store(), eager.store()]);
      expect(a).toBe(b);
      await Promise.all([slow.close(), eager.close()]);
    }),
  );

  it(
    'lets readAt wait across a switch to the generation that reaches minPosition',
    withCatalog(async (catalog) => {
      await (await catalog.open('g1')).commit(commitAt(3));
      const generation = followCurrentGeneration(catalog, { switchCheckMs: 0 });
      const stale = await readAt(generation, 7, { waitMs: 0 });
      expect(stale).toMatchObject({ position: 3, stale: true });

      const g2 = await catalog.open('g2');
      await g2.commit(commitAt(7));
      await catalog.switchTo('g2');
      const fresh = await readAt(generation, 7, { waitMs: 5_000 });
      expect(fresh).toMatchObject({ position: 7, stale: false });
      await generation.close();
    }),
  );
});
