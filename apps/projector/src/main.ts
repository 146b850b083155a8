// The projector as its own process (distributed mode): BUS_URL → READ_STORE_URL.
import './tracing-setup';
import { loadConfig, storeUrls } from '@taskomask/config';
import { eventStoreFromUrl } from '@taskomask/eventstore';
import { serveHealth } from '@taskomask/health';
import { busFromUrl } from '@taskomask/messaging';
import { shutdownTracing } from '@taskomask/observability';
import { readStoreCatalogFromUrl } from '@taskomask/readstore';
import { Redis } from 'ioredis';
import { z } from 'zod';
import { recordingNotifier, redisNotifier } from './notifier';
import { startProjector } from './projector';
import { readSchema } from './read-models';

const config = loadConfig(
  z.object({
    ...storeUrls,
    PROJECTOR_QUEUE: z
      .string()
      .regex(/^[\w.-]{1,100}$/)
      .default('projector'),
    PROJECTOR_PREFETCH: z.coerce.number().int().min(1).max(5_000).default(500),
    /** Serves /health/live and /health/ready when set (containers); off by default. */
    HEALTH_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    /** Ready only while the read store is at most this many events behind the log's head. */
    PROJECTOR_MAX_LAG: z.coerce.number().int().min(1).default(10_000),
    /** Where the query side listens for board notices (Socket.IO); none: notices are dropped. */
    REALTIME_REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, 'must be redis://…')
      .optional(),
  }),
);
const eventStore = eventStoreFromUrl(config.EVENT_STORE_URL);
const bus = await busFromUrl(config.BUS_URL);
const catalog = readStoreCatalogFromUrl(config.READ_STORE_URL, readSchema);
const noticesRedis = config.REALTIME_REDIS_URL ? new Redis(config.REALTIME_REDIS_URL) : undefined;
const projector = await startProjector({
  bus,
  eventStore,
  catalog,
  notifier: noticesRedis ? redisNotifier(noticesRedis) : recordingNotifier(),
  queue: config.PROJECTOR_QUEUE,
  prefetch: config.PROJECTOR_PREFETCH,
});
console.log(`[projector] consuming ${config.PROJECTOR_QUEUE} into ${config.READ_STORE_URL}`);
const health =
  config.HEALTH_PORT === undefined
    ? undefined
    : await serveHealth({
        port: config.HEALTH_PORT,
        checks: [
          {
            name: 'lag',
            check: async () =>
              (await eventStore.headPosition()) - (await projector.readStore().position()) <=
              config.PROJECTOR_MAX_LAG,
          },
        ],
      });

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await health?.close();
    await projector.stop();
    await bus.close();
    await catalog.close();
    await eventStore.close();
    noticesRedis?.disconnect();
    await shutdownTracing();
    process.exit(0);
  });
}
