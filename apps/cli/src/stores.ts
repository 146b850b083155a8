import { join } from 'node:path';
import { loadConfig } from '@taskomask/config';
import { z } from 'zod';

/**
 * Where the stores are, read as the apps read them: each URL when set, else the embedded file
 * under DATA_DIR (./data by default, as `npm start` lays it out).
 */
export type StoresConfig = Readonly<{
  dataDir: string;
  eventStoreUrl: string;
  identityStoreUrl: string;
  readStoreUrl: string;
  /** The embedded identity's signing keys (IDENTITY_KEY_FILE, else DATA_DIR/identity-jwks.json). */
  keyFile: string;
}>;

const optionalUrl = (pattern: RegExp, message: string) =>
  z.preprocess((v) => (v === '' ? undefined : v), z.string().regex(pattern, message).optional());

export function loadStoresConfig(env: Record<string, string | undefined> = process.env) {
  const c = loadConfig(
    z.object({
      DATA_DIR: z.string().min(1).default('./data'),
      EVENT_STORE_URL: optionalUrl(/^(rediss?:\/\/|sqlite:)/, 'must be redis://… or sqlite:<path>'),
      IDENTITY_STORE_URL: optionalUrl(
        /^(rediss?:\/\/|sqlite:)/,
        'must be redis://… or sqlite:<path>',
      ),
      READ_STORE_URL: optionalUrl(
        /^(mongodb(\+srv)?:\/\/|sqlite:)/,
        'must be mongodb://… or sqlite:<path>',
      ),
      IDENTITY_KEY_FILE: z.string().min(1).optional(),
    }),
    env,
  );
  return {
    dataDir: c.DATA_DIR,
    eventStoreUrl: c.EVENT_STORE_URL ?? `sqlite:${join(c.DATA_DIR, 'events.db')}`,
    identityStoreUrl: c.IDENTITY_STORE_URL ?? `sqlite:${join(c.DATA_DIR, 'identity.db')}`,
    readStoreUrl: c.READ_STORE_URL ?? `sqlite:${join(c.DATA_DIR, 'read.db')}`,
    keyFile: c.IDENTITY_KEY_FILE ?? join(c.DATA_DIR, 'identity-jwks.json'),
  } satisfies StoresConfig;
}
