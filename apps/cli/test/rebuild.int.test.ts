import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sqliteEventStore } from '@taskomask/eventstore/sqlite';
import { readSchema } from '@taskomask/read-models';
import { generateHistory } from '@taskomask/read-models/testing';
import { sqliteReadStoreCatalog } from '@taskomask/readstore/sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { progressLine } from '../src/progress-bar';

const run = promisify(execFile);
const root = join(import.meta.dirname, '../../..');

describe('npm run taskomask -- rebuild', () => {
  const dir = mkdtempSync(join(tmpdir(), 'taskomask-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('replays the event store into a new generation and switches to it', async () => {
    const store = sqliteEventStore({ path: join(dir, 'events.db') });
    for (const append of generateHistory({
      seed: 4,
      workspaces: 1,
      boardsPerWorkspace: 1,
      tasksPerBoard: 5,
      edits: 20,
    })) {
      await store.appendToStreams([append]);
    }
    const head = await store.headPosition();
    await store.close();

    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', 'apps/cli/src/main.ts', 'rebuild'],
      {
        cwd: root,
        env: {
          ...process.env,
          EVENT_STORE_URL: `sqlite:${join(dir, 'events.db')}`,
          READ_STORE_URL: `sqlite:${join(dir, 'read.db')}`,
        },
      },
    );
    expect(stdout).toContain(`${head}/${head} events`);
    expect(stdout).toMatch(
      new RegExp(`rebuilt ${head} events in [0-9.]+s into generation g2 \\(was g1\\)`),
    );

    const catalog = sqliteReadStoreCatalog({ path: join(dir, 'read.db'), schema: readSchema });
    expect(await catalog.current()).toBe('g2');
    const rebuilt = await catalog.open('g2');
    expect(await rebuilt.position()).toBe(head);
    expect(await rebuilt.all('boards')).toHaveLength(1);
    await catalog.close();
  });

  it('draws a progress line with rate and time left', () => {
    expect(progressLine({ done: 50, total: 200, ratePerSecond: 1000, etaSeconds: 0.15 })).toBe(
      '[########......................] 50/200 events  1,000/s  ETA 1s',
    );
  });

  it('says how to use it when the command is unknown', async () => {
    await expect(
      run(process.execPath, ['--import', 'tsx', 'apps/cli/src/main.ts', 'nonsense'], { cwd: root }),
    ).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('usage: npm run taskomask'),
    });
  });
});
