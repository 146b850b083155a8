import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { frozenDir } from './frozen-log';

describe('the freeze-log script', () => {
  it('never regenerates a frozen log: the script refuses an existing version and changes nothing', () => {
    const path = new URL('v1.events.ndjson', frozenDir);
    const before = readFileSync(path, 'utf8');
    const script = fileURLToPath(new URL('../scripts/freeze-log.ts', import.meta.url));
    const run = spawnSync(process.execPath, ['--import', 'tsx', script, 'v1'], {
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('v1.events.ndjson exists');
    expect(readFileSync(path, 'utf8')).toBe(before);
  });
});
