import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildCommandApi } from '@taskomask/api/commands';
import {
  bearerAuth,
  cachedAccounts,
  deactivatedOwners,
  eventStoreAccounts,
  eventStorePersonalTokens,
} from '@taskomask/api/http';
import { buildQueryApi, followCurrentGeneration } from '@taskomask/api/queries';
import { attachRealtime, readStoreMemberships } from '@taskomask/api/realtime';
import { sqliteEventStore } from '@taskomask/eventstore/sqlite';
import { startForwarder } from '@taskomask/forwarder';
import { type Identity, openIdentity, readIdentityConfig } from '@taskomask/identity';
import { inProcessBus } from '@taskomask/messaging/in-process';
import { createLogger, createRegistry, forwarderMetrics } from '@taskomask/observability';
import { startProjector } from '@taskomask/projector';
import { readSchema, webhookStoreSchema } from '@taskomask/read-models';
import { sqliteReadStoreCatalog } from '@taskomask/readstore/sqlite';
import { readWebhooksConfig, startWebhooks, webhookSettings } from '@taskomask/webhooks';
import type { DestinationStream } from 'pino';
import { embeddedMetricsToken } from './metrics-token';
import { startWeb } from './web';

export type EmbeddedPorts = { identity: number; commands: number; queries: number; web: number };

export type EmbeddedOptions = {
  /** Everything lives here: events.db, read.*.db, identity.db, keys and secrets. */
  dataDir: string;
  /** Interface to listen on; the default keeps a laptop's services off the network. */
  host?: string;
  ports?: Partial<EmbeddedPorts>;
  /** Extra environment for the identity service (e.g. WEB_CLIENT_SECRET, WEB_REDIRECT_URIS). */
  env?: Record<string, string | undefined>;
  /** Start the web app too (the default); API-only tests leave it out. */
  web?: boolean;
  logLevel?: 'silent' | 'error' | 'warn' | 'info';
  /** The query side is not ready while the projector is more events behind than this. */
  projectorMaxLagEvents?: number;
  /** Where the services' log lines go; stdout by default (tests read them back). */
  logDestination?: DestinationStream;
};

export type Embedded = {
  urls: {
    identity: string;
    commands: string;
    queries: string;
    jwks: string;
    /** Every service's metrics in one scrape (on the command API's port). */
    metrics: string;
    web?: string;
  };
  apiAudience: string;
  /** The identity service's OpenID provider, for tests that watch its events. */
  identityProvider: Identity['provider'];
  /** Drops a removed member's sockets from its workspace's boards (the bus does it on its own). */
  dropMember(workspaceId: string, ownerId: string): Promise<void>;
  close(): Promise<void>;
};

export const defaultPorts: EmbeddedPorts = {
  identity: 4000,
  commands: 3001,
  queries: 3002,
  web: 3000,
};

/** A random secret made on first start and kept in the data dir, so sessions survive restarts. */
function keptSecret(dir: string, name: string, given: string | undefined): string {
  if (given) return given;
  const file = join(dir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/**
 * Starts every service on SQLite and the in-process bus: identity, the command API, the query
 * API with Socket.IO, the projector and the forwarder in this process, and the web app (Next.js)
 * as a child. Data survives a restart: the event store is the truth, and the projector replays
 * from its read store's position at start (the in-process bus keeps nothing across restarts).
 */
export async function startEmbedded({
  dataDir,
  host = '127.0.0.1',
  ports: wanted = {},
  env = {},
  web = true,
  logLevel = 'warn',
  logDestination,
  projectorMaxLagEvents: maxLagEvents = 10_000,
}: EmbeddedOptions): Promise<Embedded> {
  const ports = { ...defaultPorts, ...wanted };
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const eventStore = sqliteEventStore({ path: join(dir, 'events.db') });
  const bus = inProcessBus();
  const catalog = sqliteReadStoreCatalog({ path: join(dir, 'read.db'), schema: readSchema });
  // The webhook delivery queue and log: a store of its own, as in the distributed mode.
  const webhookCatalog = sqliteReadStoreCatalog({
    path: join(dir, 'webhooks.db'),
    schema: webhookStoreSchema,
  });
  const log = (name: string) =>
    createLogger({
      name,
      level: logLevel,
      ...(logDestination === undefined ? {} : { destination: logDestination }),
    });
  // One process, one registry, one /metrics: the command API serves it for every service.
  const metricsToken = embeddedMetricsToken(dir, host, env.METRICS_TOKEN);
  const metrics = createRegistry({ token: metricsToken.token });
  if (metricsToken.file !== undefined) {
    log('metrics').warn(
      { file: metricsToken.file, host },
      'listening beyond loopback without METRICS_TOKEN: /metrics demands the bearer token in this file',
    );
  }
  const closers: (() => Promise<unknown>)[] = [];
  const closeAll = async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    await bus.close();
    await catalog.close();
    await webhookCatalog.close();
    await eventStore.close();
  };

  try {
    // The browser reaches identity on 127.0.0.1 and the web app on localhost: two hosts, so
    // their cookies never mix.
    const issuer = `http://127.0.0.1:${ports.identity}`;
    const webUrl = `http://localhost:${ports.web}`;
    const identityConfig = readIdentityConfig({
      WEB_REDIRECT_URIS: `${webUrl}/api/auth/callback/taskomask`,
      ...env,
      IDENTITY_ISSUER: issuer,
      IDENTITY_PORT: String(ports.identity),
      EVENT_STORE_URL: `sqlite:${join(dir, 'events.db')}`,
      IDENTITY_STORE_URL: `sqlite:${join(dir, 'identity.db')}`,
      IDENTITY_KEY_FILE: join(dir, 'identity-jwks.json'),
    });
    const identity = await openIdentity(identityConfig, {
      eventStore,
      logger: log('identity'),
      metrics,
      serveMetrics: false,
    });
    closers.push(() => identity.close());
    await identity.identity.app.listen({ host, port: ports.identity });

    const jwks = `${issuer}/jwks`;
    // One verifier for every side: one JWKS cache, one cache of verified tokens.
    // One verifier for both sides, checking accounts against their streams: a deactivated or
    // demoted account loses access on its next request (the event store is in this process).
    // Personal API tokens from the same event store, read on every request (a revocation holds
    // on the next one); both sides share the store, so last-use writes are throttled once.
    const personalTokens = eventStorePersonalTokens(eventStore);
    const auth = bearerAuth({
      issuer,
      audience: identityConfig.apiAudience,
      jwksUrl: jwks,
      accounts: cachedAccounts(eventStoreAccounts(eventStore)),
      personalTokens,
    });
    const commands = buildCommandApi({
      eventStore,
      auth,
      logger: log('api-commands'),
      metrics,
    });
    closers.push(() => commands.close());
    await commands.listen({ host, port: ports.commands });

    // The query side answers from the projector's work: not ready while it lags too far.
    let projectorLag: (() => Promise<number>) | undefined;
    const webhookStore = await webhookCatalog.open(await webhookCatalog.current());
    const queries = buildQueryApi({
      catalog,
      webhookStore,
      auth,
      personalTokens,
      logger: log('api-queries'),
      metrics,
      serveMetrics: false,
      readiness: [
        {
          name: 'projector',
          check: async () => {
            const lag = (await projectorLag?.()) ?? 0;
            if (lag > maxLagEvents) throw new Error(`${lag} events behind (bound ${maxLagEvents})`);
          },
        },
      ],
    });
    const current = followCurrentGeneration(catalog);
    closers.push(() => current.close());
    await queries.ready();
    const realtimeSecret = keptSecret(dir, 'realtime-secret', env.REALTIME_SECRET);
    const realtime = attachRealtime(queries.server, {
      auth,
      ticketSecret: realtimeSecret,
      memberships: readStoreMemberships(() => current.store()),
      deactivated: async () => deactivatedOwners(await current.store()),
      corsOrigins: [webUrl],
      metrics,
    });
    closers.push(
      () => queries.close(),
      () => realtime.close(),
    );
    await queries.listen({ host, port: ports.queries });

    const projectorLog = log('projector');
    const projector = await startProjector({
      bus,
      eventStore,
      catalog,
      notifier: realtime.notifier,
      metrics,
      logger: projectorLog,
      onError: (error, event) =>
        projectorLog.error(
          { err: error, ...(event === undefined ? {} : { stream: event.streamName }) },
          'event not applied',
        ),
    });
    closers.push(() => projector.stop());
    projectorLag = projector.lag;
    // A member removed from a workspace loses its boards' rooms at once. The projector's notifier
    // drops them too, after the removal committed: this consumer may run before the read store
    // has it (its re-check then keeps the rooms). Kept so its durable queue does not fill unread.
    const members = await bus.consume(
      'realtime-members',
      ['workspace.MemberRemoved'],
      async (m) => {
        const { workspaceId, ownerId } = (
          m.body as { data: { workspaceId: string; ownerId: string } }
        ).data;
        await realtime.dropMember(workspaceId, ownerId);
      },
    );
    closers.push(() => members.stop());
    const forwarderLog = log('forwarder');
    const forwarder = startForwarder({
      store: eventStore,
      bus,
      onError: (error) => forwarderLog.error({ err: error }, 'forwarding failed; retrying'),
    });
    closers.push(() => forwarder.stop());
    // Webhooks: a consumer of the in-process bus like the projector, and its sender, in this process.
    const webhooks = await startWebhooks({
      bus,
      eventStore,
      store: webhookStore,
      logger: log('webhooks'),
      ...webhookSettings(
        readWebhooksConfig({
          ...env,
          EVENT_STORE_URL: `sqlite:${join(dir, 'events.db')}`,
          BUS_URL: 'memory:',
          WEBHOOKS_STORE_URL: `sqlite:${join(dir, 'webhooks.db')}`,
        }),
      ),
    });
    closers.push(() => webhooks.stop());
    forwarderMetrics(metrics, async () =>
      Math.max(0, (await eventStore.headPosition()) - (await forwarder.checkpoint())),
    );

    const urls = {
      identity: issuer,
      commands: `http://127.0.0.1:${ports.commands}`,
      queries: `http://127.0.0.1:${ports.queries}`,
      jwks,
      metrics: `http://127.0.0.1:${ports.commands}/metrics`,
    };
    let webApp: { url: string } | undefined;
    if (web) {
      const started = await startWeb(ports.web, {
        NEXTAUTH_URL: webUrl,
        NEXTAUTH_SECRET: keptSecret(dir, 'nextauth-secret', env.NEXTAUTH_SECRET),
        IDENTITY_ISSUER: issuer,
        COMMAND_API_URL: urls.commands,
        QUERY_API_URL: urls.queries,
        REALTIME_PUBLIC_URL: urls.queries,
        REALTIME_SECRET: realtimeSecret,
        ...(env.WEB_CLIENT_SECRET ? { WEB_CLIENT_SECRET: env.WEB_CLIENT_SECRET } : {}),
        ...(env.SESSION_IDLE_DAYS ? { SESSION_IDLE_DAYS: env.SESSION_IDLE_DAYS } : {}),
        ...(metricsToken.token === undefined ? {} : { METRICS_TOKEN: metricsToken.token }),
      });
      closers.push(() => started.close());
      webApp = started;
    }

    return {
      urls: { ...urls, ...(webApp ? { web: webApp.url } : {}) },
      apiAudience: identityConfig.apiAudience,
      identityProvider: identity.identity.provider,
      dropMember: realtime.dropMember,
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
