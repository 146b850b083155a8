// npm run taskomask -- <command>: operator commands against the configured stores.
import { loadConfig, storeUrls } from '@taskomask/config';
import { eventStoreFromUrl } from '@taskomask/eventstore';
import { readSchema, rebuildReadModels } from '@taskomask/read-models';
import { readStoreCatalogFromUrl } from '@taskomask/readstore';
import { z } from 'zod';
import { progressLine } from './progress-bar';

const usage = `usage: npm run taskomask -- <command>

commands:
  rebuild    replay the whole event store into a fresh read store, then switch to it
             (the running projector and query side keep serving from the old one meanwhile)`;

async function rebuild() {
  const config = loadConfig(
    z.object({
      EVENT_STORE_URL: storeUrls.EVENT_STORE_URL,
      READ_STORE_URL: storeUrls.READ_STORE_URL,
    }),
  );
  const eventStore = await eventStoreFromUrl(config.EVENT_STORE_URL);
  const catalog = await readStoreCatalogFromUrl(config.READ_STORE_URL, readSchema);
  const tty = process.stdout.isTTY;
  let lastDraw = 0;
  try {
    const result = await rebuildReadModels({
      eventStore,
      catalog,
      onProgress: (p) => {
        const now = Date.now();
        if (now - lastDraw < 200 && p.done < p.total) return;
        lastDraw = now;
        process.stdout.write(tty ? `\r${progressLine(p)}` : `${progressLine(p)}\n`);
      },
    });
    if (tty) process.stdout.write('\n');
    console.log(
      `rebuilt ${result.events.toLocaleString('en')} events in ${result.seconds.toFixed(1)}s into ` +
        `generation ${result.generation} (was ${result.previous}); it is now current`,
    );
  } finally {
    await catalog.close();
    await eventStore.close();
  }
}

const commands: Record<string, () => Promise<void>> = { rebuild };
const name = process.argv[2];
const command = name ? commands[name] : undefined;
if (!command) {
  console.error(usage);
  process.exit(name ? 2 : 0);
}
try {
  await command();
} catch (error) {
  console.error(`taskomask ${name}: ${(error as Error).message}`);
  process.exit(1);
}
