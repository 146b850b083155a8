import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe } from 'vitest';
import { eventStoreContract } from '../src/contract';
import { sqliteEventStore } from '../src/sqlite/sqlite-event-store';

describe('sqlite event store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'taskomask-events-'));
  let n = 0;
  eventStoreContract('sqlite', async () => sqliteEventStore({ path: join(dir, `${n++}.db`) }));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
});
