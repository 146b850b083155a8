// The forwarder as its own process (distributed mode): EVENT_STORE_URL → BUS_URL.
import './tracing-setup';
import { loadConfig, redact, storeUrls } from '@taskomask/config';
import { eventStoreFromUrl } from '@taskomask/eventstore';
import { serveHealth } from '@taskomask/health';
import { busFromUrl } from '@taskomask/messaging';
import {
  createLogger,
  distributedRegistryOrExit,
  exitOnProcessFailures,
  forwarderMetrics,
  metricsTokenReason,
  scrapeAllowed,
  shutdownTracing,
} from '@taskomask/observability';
import { z } from 'zod';
import { startForwarder } from './forwarder';

const config = loadConfig(
  z.object({
    EVENT_STORE_URL: storeUrls.EVENT_STORE_URL,
    BUS_URL: storeUrls.BUS_URL,
    FORWARDER_BATCH: z.coerce.number().int().min(1).max(10_000).default(500),
    /**
     * Serves /health/live, /health/ready and /metrics when set (containers); off by default. 0
     * picks a free port (logged at start).
     */
    HEALTH_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    /** Ready only while the checkpoint is at most this many events behind the log's head. */
    FORWARDER_MAX_LAG: z.coerce.number().int().min(1).default(10_000),
    /** When set, /metrics demands it as a bearer token. */
    METRICS_TOKEN: z.string().min(16, metricsTokenReason).optional(),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
  }),
);
const logger = createLogger({ name: 'forwarder', level: config.LOG_LEVEL });
exitOnProcessFailures(logger);
const store = await eventStoreFromUrl(config.EVENT_STORE_URL);
const bus = await busFromUrl(config.BUS_URL);
const forwarder = startForwarder({
  store,
  bus,
  batchSize: config.FORWARDER_BATCH,
  onError: (error) => logger.error({ err: error }, 'forwarding failed; retrying'),
  onForwarded: (position, count) => logger.debug({ position, count }, 'events forwarded'),
});
logger.info(
  { holder: forwarder.holder, eventStore: redact(config.EVENT_STORE_URL) },
  'forwarder following the log',
);
// A standby (not holding the lease) reads the same checkpoint: its lag is the active one's.
const lag = async () => Math.max(0, (await store.headPosition()) - (await forwarder.checkpoint()));
const metrics = distributedRegistryOrExit(process.env);
forwarderMetrics(metrics, lag);
const health =
  config.HEALTH_PORT === undefined
    ? undefined
    : await serveHealth({
        port: config.HEALTH_PORT,
        checks: [
          {
            name: 'lag',
            check: async () => {
              const behind = await lag();
              if (behind > config.FORWARDER_MAX_LAG) {
                throw new Error(`${behind} events behind (bound ${config.FORWARDER_MAX_LAG})`);
              }
            },
          },
          // Any queue will do: the answer proves the broker connection works.
          { name: 'bus', check: () => bus.stats('forwarder.health') },
        ],
        metrics,
        scrapeAllowed: (authorization) => scrapeAllowed(metrics, authorization),
      });
if (health) logger.info({ healthPort: health.port }, 'health and metrics listening');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await health?.close();
    await forwarder.stop();
    await bus.close();
    await store.close();
    await shutdownTracing();
    process.exit(0);
  });
}
