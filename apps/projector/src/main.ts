// The projector as its own process (distributed mode): BUS_URL → READ_STORE_URL.
import './tracing-setup';
import { redact } from '@taskomask/config';
import { eventStoreFromUrl } from '@taskomask/eventstore';
import { serveHealth } from '@taskomask/health';
import { busFromUrl } from '@taskomask/messaging';
import {
  createLogger,
  distributedRegistryOrExit,
  exitOnProcessFailures,
  scrapeAllowed,
  shutdownTracing,
} from '@taskomask/observability';
import { readSchema } from '@taskomask/read-models';
import { readStoreCatalogFromUrl } from '@taskomask/readstore';
import { readProjectorConfig } from './config';
import { projectorChecks } from './health';
import { noticesRedis, redisNotifier } from './notifier';
import { startProjector } from './projector';

const config = readProjectorConfig();
const logger = createLogger({ name: 'projector', level: config.LOG_LEVEL });
exitOnProcessFailures(logger);
const metrics = distributedRegistryOrExit(process.env);
const eventStore = await eventStoreFromUrl(config.EVENT_STORE_URL);
const bus = await busFromUrl(config.BUS_URL);
const catalog = await readStoreCatalogFromUrl(config.READ_STORE_URL, readSchema);
// Bounded: during a Redis outage a notice fails at once and is logged; the batch goes on.
const notices = config.REALTIME_REDIS_URL ? noticesRedis(config.REALTIME_REDIS_URL) : undefined;
const projector = await startProjector({
  bus,
  eventStore,
  catalog,
  // Without Redis nobody listens: drop the notices (a recorder would keep them all forever).
  notifier: notices ? redisNotifier(notices) : { boardChanged: () => undefined },
  queue: config.PROJECTOR_QUEUE,
  prefetch: config.PROJECTOR_PREFETCH,
  metrics,
  logger,
  onError: (error, event) =>
    logger.error(
      {
        err: error,
        ...(event === undefined
          ? {}
          : {
              stream: event.streamName,
              globalPosition: event.globalPosition,
              correlationId: event.metadata.correlationId,
              userId: event.metadata.userId,
            }),
      },
      'event not applied',
    ),
});
logger.info(
  { queue: config.PROJECTOR_QUEUE, readStore: redact(config.READ_STORE_URL) },
  'projector consuming',
);
const health =
  config.HEALTH_PORT === undefined
    ? undefined
    : await serveHealth({
        port: config.HEALTH_PORT,
        checks: projectorChecks({
          projector,
          bus,
          queue: config.PROJECTOR_QUEUE,
          maxLagEvents: config.PROJECTOR_MAX_LAG_EVENTS,
        }),
        metrics,
        scrapeAllowed: (authorization) => scrapeAllowed(metrics, authorization),
      });
if (health) logger.info({ healthPort: health.port }, 'health and metrics listening');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await health?.close();
    await projector.stop();
    await bus.close();
    await catalog.close();
    await eventStore.close();
    notices?.disconnect();
    await shutdownTracing();
    process.exit(0);
  });
}
