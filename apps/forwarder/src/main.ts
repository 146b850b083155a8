// The forwarder as its own process (distributed mode): EVENT_STORE_URL → BUS_URL.
import { loadConfig, storeUrls } from '@taskomask/config';
import { eventStoreFromUrl } from '@taskomask/eventstore';
import { busFromUrl } from '@taskomask/messaging';
import { z } from 'zod';
import { startForwarder } from './forwarder';

const config = loadConfig(
  z.object({
    EVENT_STORE_URL: storeUrls.EVENT_STORE_URL,
    BUS_URL: storeUrls.BUS_URL,
    FORWARDER_BATCH: z.coerce.number().int().min(1).max(10_000).default(500),
  }),
);
const store = eventStoreFromUrl(config.EVENT_STORE_URL);
const bus = await busFromUrl(config.BUS_URL);
const forwarder = startForwarder({ store, bus, batchSize: config.FORWARDER_BATCH });
console.log(`[forwarder] ${forwarder.holder} following ${config.EVENT_STORE_URL}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await forwarder.stop();
    await bus.close();
    await store.close();
    process.exit(0);
  });
}
