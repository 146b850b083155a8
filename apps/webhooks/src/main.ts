// The webhook delivery process (distributed mode): BUS_URL → WEBHOOKS_STORE_URL → receivers.
import { redact } from '@taskomask/config';
import { eventStoreFromUrl } from '@taskomask/eventstore';
import { serveHealth } from '@taskomask/health';
import { busFromUrl } from '@taskomask/messaging';
import {
  createLogger,
  distributedRegistryOrExit,
  exitOnProcessFailures,
  scrapeAllowed,
} from '@taskomask/observability';
import { webhookStoreSchema } from '@taskomask/read-models';
import { readStoreCatalogFromUrl } from '@taskomask/readstore';
import { readWebhooksConfig, webhookSettings } from './config';
import { startWebhooks } from './webhooks';

const config = readWebhooksConfig();
const logger = createLogger({ name: 'webhooks', level: config.LOG_LEVEL });
exitOnProcessFailures(logger);
// Like every distributed process: no /metrics without METRICS_TOKEN (or METRICS_DISABLED=true).
const metrics = distributedRegistryOrExit(process.env);
const eventStore = await eventStoreFromUrl(config.EVENT_STORE_URL);
const bus = await busFromUrl(config.BUS_URL);
const catalog = await readStoreCatalogFromUrl(config.WEBHOOKS_STORE_URL, webhookStoreSchema);
const store = await catalog.open(await catalog.current());
const settings = webhookSettings(config);
const webhooks = await startWebhooks({ bus, eventStore, store, logger, ...settings });
logger.info(
  {
    queue: settings.queue,
    store: redact(config.WEBHOOKS_STORE_URL),
    allowPrivate: settings.limits.allowPrivate,
  },
  'webhooks consuming',
);
const health =
  config.HEALTH_PORT === undefined
    ? undefined
    : await serveHealth({
        port: config.HEALTH_PORT,
        checks: [
          { name: 'webhookStore', check: () => store.position() },
          {
            name: 'bus',
            check: async () => {
              if (!(await bus.stats(settings.queue)).exists) {
                throw new Error(`queue ${settings.queue} is missing`);
              }
            },
          },
        ],
        metrics,
        scrapeAllowed: (authorization) => scrapeAllowed(metrics, authorization),
      });
if (health) logger.info({ healthPort: health.port }, 'health and metrics listening');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await health?.close();
    await webhooks.stop();
    await bus.close();
    await catalog.close();
    await eventStore.close();
    process.exit(0);
  });
}
