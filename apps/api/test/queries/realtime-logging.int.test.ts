// Issue 17 §4: a notice the query side cannot handle is logged with its channel (it was
// swallowed), and the next notice is still handled.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { boardNoticesChannel } from '@taskomask/contracts/realtime';
import { readSchema } from '@taskomask/read-models';
import { sqliteReadStoreCatalog } from '@taskomask/readstore/sqlite';
import { serverUrls, unavailable, waitFor } from '@taskomask/testkit';
import Fastify from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { bearerAuth } from '../../src/http/auth';
import { startRealtime } from '../../src/queries/realtime';

describe.skipIf(unavailable('redis'))('the realtime layer’s log', () => {
  const app = Fastify();
  const dir = mkdtempSync(join(tmpdir(), 'taskomask-realtime-log-'));
  const catalog = sqliteReadStoreCatalog({ path: join(dir, 'read.db'), schema: readSchema });
  const publisher = new Redis(serverUrls.redis);
  let realtime: Awaited<ReturnType<typeof startRealtime>>;

  afterAll(async () => {
    await realtime?.close();
    await app.close();
    await catalog.close();
    publisher.disconnect();
    rmSync(dir, { recursive: true, force: true });
  });

  it('logs a notice it could not handle, with the channel', async () => {
    const errors: { fields: Record<string, unknown>; message: string }[] = [];
    const log = {
      error: (fields: Record<string, unknown>, message: string) => errors.push({ fields, message }),
      warn: () => undefined,
    };
    realtime = await startRealtime(
      app,
      {
        REALTIME_SECRET: 'a-secret-for-tickets-0123456789abcdef',
        REALTIME_REDIS_URL: serverUrls.redis,
        REALTIME_CORS_ORIGINS: [],
      },
      {
        catalog,
        auth: bearerAuth({
          issuer: 'http://127.0.0.1:9',
          audience: 'a',
          jwksUrl: 'http://127.0.0.1:9/jwks',
        }),
        log: log as never,
      },
    );
    await publisher.publish(boardNoticesChannel, 'not JSON, from the logging test');
    await waitFor(() => errors.length > 0, { what: 'the failure logged' });
    expect(errors[0]!.message).toBe('realtime notice handling failed');
    expect(errors[0]!.fields.channel).toBe(boardNoticesChannel);
    expect(errors[0]!.fields.err).toBeInstanceOf(Error);
    expect(String(errors[0]!.fields.err)).toContain('not a valid notice message');
  });
});
