import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { frozenDir, readFrozenJson, readFrozenLog } from '../../domain/test/frozen-log';
import { projectFrozenLog } from './frozen-read-models';

// Every frozen event log (packages/domain/test/frozen), stored in SQLite as it was written and
// rebuilt by today's read models, must give exactly the documents it was frozen with.
const logs = readdirSync(frozenDir)
  .filter((name) => name.endsWith('.events.ndjson'))
  .map((name) => name.slice(0, -'.events.ndjson'.length))
  .sort();

describe('frozen event logs in the read models', () => {
  const dir = mkdtempSync(join(tmpdir(), 'taskomask-frozen-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('include v1', () => {
    expect(logs).toContain('v1');
  });

  for (const version of logs) {
    it(`${version}: rebuilds into the documents it was frozen with`, async () => {
      const events = readFrozenLog(`${version}.events.ndjson`);
      const expected = readFrozenJson(`${version}.read-models.json`) as Record<
        string,
        { id: string }[]
      >;
      const actual = await projectFrozenLog(events, mkdtempSync(join(dir, `${version}-`)));
      // A read model added after the freeze (history, historySnapshots) has nothing to compare
      // with here; every collection frozen must still come out exactly.
      expect(Object.keys(actual)).toEqual(expect.arrayContaining(Object.keys(expected)));
      let documents = 0;
      for (const [collection, docs] of Object.entries(expected)) {
        const got = actual[collection] as { id: string }[];
        expect(
          got.map((d) => d.id),
          `ids in ${collection}`,
        ).toEqual(docs.map((d) => d.id));
        for (const [i, doc] of docs.entries())
          expect(got[i], `${collection}/${doc.id}`).toEqual(doc);
        documents += docs.length;
      }
      expect(documents).toBeGreaterThan(0);
    });
  }
});
