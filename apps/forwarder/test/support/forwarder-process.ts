// A forwarder process for the takeover test: main.ts with a lease short enough to lapse within a
// test, and a line per confirmed batch so the test can tell which process published.
import { loadConfig, storeUrls } from '@taskomask/config';
import { eventStoreFromUrl } from '@taskomask/eventstore';
import { busFromUrl } from '@taskomask/messaging';
import { z } from 'zod';
import { startForwarder } from '../../src/forwarder';

const config = loadConfig(
  z.object({
    EVENT_STORE_URL: storeUrls.EVENT_STORE_URL,
    BUS_URL: storeUrls.BUS_URL,
    FORWARDER_LEASE_MS: z.coerce.number().int().min(100),
    FORWARDER_BATCH: z.coerce.number().int().min(1).default(50),
  }),
);
const store = await eventStoreFromUrl(config.EVENT_STORE_URL);
const bus = await busFromUrl(config.BUS_URL, { onError: () => {} });
const forwarder = startForwarder({
  store,
  bus,
  batchSize: config.FORWARDER_BATCH,
  leaseMs: config.FORWARDER_LEASE_MS,
  onForwarded: (position, count) => console.log(`[forwarder] forwarded ${count} to ${position}`),
});
console.log(`[forwarder] started as ${forwarder.holder}`);

process.once('SIGTERM', async () => {
  await forwarder.stop();
  await bus.close();
  await store.close();
  process.exit(0);
});
