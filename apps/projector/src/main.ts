// The projector as its own process (distributed mode): BUS_URL → READ_STORE_URL.
import { loadConfig, storeUrls } from '@taskomask/config';
import { eventStoreFromUrl } from '@taskomask/eventstore';
import { busFromUrl } from '@taskomask/messaging';
import { readStoreCatalogFromUrl } from '@taskomask/readstore';
import { z } from 'zod';
import { recordingNotifier } from './notifier';
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
  }),
);
const eventStore = eventStoreFromUrl(config.EVENT_STORE_URL);
const bus = await busFromUrl(config.BUS_URL);
const catalog = readStoreCatalogFromUrl(config.READ_STORE_URL, readSchema);
const projector = await startProjector({
  bus,
  eventStore,
  catalog,
  // Socket.IO notices arrive with the web app; until then they are only counted.
  notifier: recordingNotifier(),
  queue: config.PROJECTOR_QUEUE,
  prefetch: config.PROJECTOR_PREFETCH,
});
console.log(`[projector] consuming ${config.PROJECTOR_QUEUE} into ${config.READ_STORE_URL}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await projector.stop();
    await bus.close();
    await catalog.close();
    await eventStore.close();
    process.exit(0);
  });
}
