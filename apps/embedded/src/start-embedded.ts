import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildCommandApi } from '@taskomask/api/commands';
import { bearerAuth } from '@taskomask/api/http';
import { buildQueryApi } from '@taskomask/api/queries';
import { sqliteEventStore } from '@taskomask/eventstore';
import { startForwarder } from '@taskomask/forwarder';
import { openIdentity, readIdentityConfig } from '@taskomask/identity';
import { inProcessBus } from '@taskomask/messaging';
import {
  type RealtimeNotifier,
  readSchema,
  recordingNotifier,
  startProjector,
} from '@taskomask/projector';
import { sqliteReadStoreCatalog } from '@taskomask/readstore';
import { pino } from 'pino';

export type EmbeddedPorts = { identity: number; commands: number; queries: number };

export type EmbeddedOptions = {
  /** Everything lives here: events.db, read.*.db, identity.db, identity-jwks.json. */
  dataDir: string;
  /** Interface to listen on; the default keeps a laptop's services off the network. */
  host?: string;
  ports?: Partial<EmbeddedPorts>;
  /** Extra environment for the identity service (e.g. WEB_CLIENT_SECRET, WEB_REDIRECT_URIS). */
  env?: Record<string, string | undefined>;
  notifier?: RealtimeNotifier;
  logLevel?: 'silent' | 'error' | 'warn' | 'info';
};

export type Embedded = {
  urls: { identity: string; commands: string; queries: string; jwks: string };
  apiAudience: string;
  close(): Promise<void>;
};

export const defaultPorts: EmbeddedPorts = { identity: 4000, commands: 3001, queries: 3002 };

/**
 * Starts every service in this process on SQLite and the in-process bus. Data survives a
 * restart: the event store is the truth, and the projector replays from its read store's
 * position at start (the in-process bus keeps nothing across restarts).
 */
export async function startEmbedded({
  dataDir,
  host = '127.0.0.1',
  ports: wanted = {},
  env = {},
  notifier = recordingNotifier(),
  logLevel = 'warn',
}: EmbeddedOptions): Promise<Embedded> {
  const ports = { ...defaultPorts, ...wanted };
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const eventStore = sqliteEventStore({ path: join(dir, 'events.db') });
  const bus = inProcessBus();
  const catalog = sqliteReadStoreCatalog({ path: join(dir, 'read.db'), schema: readSchema });
  const logger = logLevel === 'silent' ? false : { level: logLevel };
  const closers: (() => Promise<void>)[] = [];

  try {
    const issuer = `http://localhost:${ports.identity}`;
    const identityConfig = readIdentityConfig({
      ...env,
      IDENTITY_ISSUER: issuer,
      IDENTITY_PORT: String(ports.identity),
      EVENT_STORE_URL: `sqlite:${join(dir, 'events.db')}`,
      IDENTITY_STORE_URL: `sqlite:${join(dir, 'identity.db')}`,
      IDENTITY_KEY_FILE: join(dir, 'identity-jwks.json'),
    });
    const identity = await openIdentity(identityConfig, { eventStore, logger });
    closers.push(() => identity.close());
    await identity.identity.app.listen({ host, port: ports.identity });

    const jwks = `${issuer}/jwks`;
    // One verifier for both sides: one JWKS cache, one cache of verified tokens.
    const auth = bearerAuth({ issuer, audience: identityConfig.apiAudience, jwksUrl: jwks });
    const commands = buildCommandApi({
      eventStore,
      auth,
      logger: pino({ level: logLevel, name: 'api-commands' }),
    });
    closers.push(() => commands.close());
    await commands.listen({ host, port: ports.commands });

    const projector = await startProjector({ bus, eventStore, catalog, notifier });
    closers.push(() => projector.stop());
    await projector.catchUp();
    const forwarder = startForwarder({ store: eventStore, bus });
    closers.push(() => forwarder.stop());

    const queries = buildQueryApi({
      catalog,
      auth,
      logger: pino({ level: logLevel, name: 'api-queries' }),
    });
    closers.push(() => queries.close());
    await queries.listen({ host, port: ports.queries });

    return {
      urls: {
        identity: issuer,
        commands: `http://localhost:${ports.commands}`,
        queries: `http://localhost:${ports.queries}`,
        jwks,
      },
      apiAudience: identityConfig.apiAudience,
      async close() {
        for (const close of closers.reverse()) await close();
        await bus.close();
        await catalog.close();
        await eventStore.close();
      },
    };
  } catch (error) {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    await bus.close();
    await catalog.close();
    await eventStore.close();
    throw error;
  }
}
