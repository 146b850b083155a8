// The forwarder as its own process (distributed mode): EVENT_STORE_URL → BUS_URL.
import './tracing-setup';
import { loadConfig, storeUrls } from '@taskomask/config';
import { eventStoreFromUrl } from '@taskomask/eventstore';
import { serveHealth } from '@taskomask/health';
import { busFromUrl } from '@taskomask/messaging';
import { shutdownTracing } from '@taskomask/observability';
import { z } from 'zod';
import { startForwarder } from './forwarder';

const config = loadConfig(
  z.object({
    EVENT_STORE_URL: storeUrls.EVENT_STORE_URL,
    BUS_URL: storeUrls.BUS_URL,
    FORWARDER_BATCH: z.coerce.number().int().min(1).max(10_000).default(500),
    /** Serves /health/live and /health/ready when set (containers); off by default. */
    HEALTH_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    /** Ready only while the checkpoint is at most this many events behind the log's head. */
    FORWARDER_MAX_LAG: z.coerce.number().int().min(1).default(10_000),
  }),
);
const store = eventStoreFromUrl(config.EVENT_STORE_URL);
const bus = await busFromUrl(config.BUS_URL);
const forwarder = startForwarder({ store, bus, batchSize: config.FORWARDER_BATCH });
console.log(`[forwarder] ${forwarder.holder} following ${config.EVENT_STORE_URL}`);
const health =
  config.HEALTH_PORT === undefined
    ? undefined
    : await serveHealth({
        port: config.HEALTH_PORT,
        checks: [
          {
            name: 'lag',
            // A standby (not holding the lease) is ready too: it reads the same checkpoint.
            check: async () =>
              (await store.headPosition()) - (await forwarder.checkpoint()) <=
              config.FORWARDER_MAX_LAG,
          },
        ],
      });

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
