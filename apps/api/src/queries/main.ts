// The query side as its own process: `tsx apps/api/src/queries/main.ts`. REST on QUERY_PORT,
// gRPC on GRPC_PORT, both reading only the read store.

import './tracing-setup';
import { redact } from '@taskomask/config';
import { eventStoreFromUrl } from '@taskomask/eventstore';
import { distributedRegistryOrExit } from '@taskomask/observability';
import { readSchema, webhookStoreSchema } from '@taskomask/read-models';
import { readStoreCatalogFromUrl } from '@taskomask/readstore';
import { cachedAccounts, eventStoreAccounts, readStoreAccounts } from '../http/account-status';
import { bearerAuth } from '../http/auth';
import { authOptionsFrom } from '../http/config';
import { eventStorePersonalTokens } from '../http/personal-tokens';
import { closeOnSignals, startApiProcess } from '../http/process';
import { buildQueryApi } from './api';
import { commitSignal } from './commit-signal';
import { readQueryConfig } from './config';
import { followCurrentGeneration } from './current-generation';
import { startGrpcQueries } from './grpc-server';
import { startRealtime } from './realtime';

const { config, logger } = startApiProcess('api-queries', readQueryConfig);
const metrics = distributedRegistryOrExit(process.env);
const catalog = await readStoreCatalogFromUrl(config.READ_STORE_URL, readSchema);
// One verifier, so REST and gRPC share the cached JWKS; accounts as the read store has them, so
// a deactivation or demotion holds on the next request, not when the token expires.
const accountsGeneration = followCurrentGeneration(catalog);
// Personal API tokens are checked against the event store, where their revocations are at once.
const eventStore =
  config.EVENT_STORE_URL === undefined
    ? undefined
    : await eventStoreFromUrl(config.EVENT_STORE_URL);
const personalTokens = eventStore === undefined ? undefined : eventStorePersonalTokens(eventStore);
const auth = bearerAuth({
  ...authOptionsFrom(config),
  accounts: cachedAccounts(readStoreAccounts(() => accountsGeneration.store())),
  ...(eventStore === undefined || personalTokens === undefined
    ? {}
    : { personalTokens, personalTokenAccounts: cachedAccounts(eventStoreAccounts(eventStore)) }),
});
const minPositionWaitMs = config.QUERY_MIN_POSITION_WAIT_MS;
const webhookCatalog = config.WEBHOOKS_STORE_URL
  ? await readStoreCatalogFromUrl(config.WEBHOOKS_STORE_URL, webhookStoreSchema)
  : undefined;
const webhookStore = webhookCatalog
  ? await webhookCatalog.open(await webhookCatalog.current())
  : undefined;
// Realtime starts on the server the API makes; its readiness joins once it exists.
let realtime: Awaited<ReturnType<typeof startRealtime>>;
// With the projectors' notices on Redis, minPosition waits wake on their commit notices.
const commits = config.REALTIME_SECRET && config.REALTIME_REDIS_URL ? commitSignal() : undefined;
const app = buildQueryApi({
  catalog,
  auth,
  logger,
  minPositionWaitMs,
  ...(commits === undefined ? {} : { commits }),
  ...(webhookStore === undefined ? {} : { webhookStore }),
  metrics,
  ...(personalTokens === undefined ? {} : { personalTokens }),
  readiness: config.REALTIME_REDIS_URL
    ? [{ name: 'realtimeRedis', check: async () => realtime?.ready() }]
    : [],
});
realtime = await startRealtime(app, config, {
  catalog,
  auth,
  metrics,
  log: logger,
  ...(commits === undefined ? {} : { commits }),
});
const grpc = await startGrpcQueries({
  host: config.GRPC_HOST,
  port: config.GRPC_PORT,
  catalog,
  auth,
  logger,
  minPositionWaitMs,
});

closeOnSignals(logger, async () => {
  await realtime?.close();
  await Promise.all([app.close(), grpc.close()]);
  await catalog.close();
  await eventStore?.close();
  await webhookCatalog?.close();
});

await app.listen({ host: config.QUERY_HOST, port: config.QUERY_PORT });
logger.info(
  { grpc: `${config.GRPC_HOST}:${grpc.port}`, readStore: redact(config.READ_STORE_URL) },
  'query side ready',
);
