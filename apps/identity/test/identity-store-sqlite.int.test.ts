import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe } from 'vitest';
import { sqliteIdentityStore } from '../src/store/sqlite-identity-store';
import { identityStoreContract } from './identity-store.contract';

describe('sqlite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'taskomask-identity-'));
  let n = 0;
  identityStoreContract('sqlite', async () =>
    sqliteIdentityStore({ path: join(dir, `${n++}.db`) }),
  );
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
});
