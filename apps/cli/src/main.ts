// npm run taskomask -- <command>: operator commands against the configured stores.
import { loadConfig, storeUrls } from '@taskomask/config';
import { eventStoreFromUrl } from '@taskomask/eventstore';
import { readSchema, rebuildReadModels } from '@taskomask/read-models';
import { readStoreCatalogFromUrl } from '@taskomask/readstore';
import { z } from 'zod';
import { deadLetterQueueOf, openDeadLetters } from './dead-letters';
import { progressLine } from './progress-bar';

const usage = `usage: npm run taskomask -- <command>

commands:
  rebuild    replay the whole event store into a fresh read store, then switch to it
             (the running projector and query side keep serving from the old one meanwhile)
  dlq list                 each consumer queue: ready, consumers, dead letters (BUS_URL)
  dlq show [id]            the dead letters of a queue (or the one with this message id)
  dlq redrive --all | id   publish them again with their first routing key, then remove them
             dlq takes --queue <name> (default: PROJECTOR_QUEUE, or projector)`;

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

async function dlq() {
  const config = loadConfig(
    z.object({
      BUS_URL: z.string().regex(/^amqps?:\/\//, { error: 'must be an amqp:// URL' }),
      PROJECTOR_QUEUE: z.string().min(1).default('projector'),
    }),
  );
  const args = process.argv.slice(3);
  const option = (name: string) => {
    const at = args.indexOf(name);
    if (at < 0) return undefined;
    const value = args[at + 1];
    args.splice(at, 2);
    return value;
  };
  const queue = option('--queue') ?? config.PROJECTOR_QUEUE;
  const all = args.includes('--all');
  const [action, id] = args.filter((a) => a !== '--all');
  const letters = await openDeadLetters(config.BUS_URL);
  try {
    if (action === 'list') {
      for (const row of await letters.list([queue])) {
        console.log(
          `${row.queue}: ${row.ready} ready, ${row.consumers} consumers; ${deadLetterQueueOf(row.queue)}: ${row.dead} dead letters`,
        );
      }
    } else if (action === 'show') {
      const shown = await letters.show(queue, id);
      for (const l of shown) {
        console.log(
          `${l.messageId}  ${l.routingKey}  reason=${l.reason} deaths=${l.deaths}\n  ${l.body.slice(0, 500)}`,
        );
      }
      console.log(`${shown.length} dead letter(s) in ${deadLetterQueueOf(queue)}`);
    } else if (action === 'redrive' && (all || id !== undefined)) {
      const tty = process.stdout.isTTY;
      const started = Date.now();
      const moved = await letters.redrive(
        queue,
        all ? { all: true } : { messageId: id! },
        (done, total) => {
          const seconds = (Date.now() - started) / 1000;
          const rate = seconds > 0 ? done / seconds : 0;
          const line = progressLine({
            done,
            total,
            ratePerSecond: rate,
            etaSeconds: rate > 0 ? (total - done) / rate : Number.POSITIVE_INFINITY,
          });
          process.stdout.write(tty ? `\r${line}` : `${line}\n`);
        },
      );
      if (tty) process.stdout.write('\n');
      console.log(`redrove ${moved} dead letter(s) from ${deadLetterQueueOf(queue)}`);
      if (!all && moved === 0)
        throw new Error(`no dead letter ${id} in ${deadLetterQueueOf(queue)}`);
    } else {
      throw new Error(
        'usage: dlq list | dlq show [id] | dlq redrive --all | <id>  [--queue <name>]',
      );
    }
  } finally {
    await letters.close();
  }
}

const commands: Record<string, () => Promise<void>> = { rebuild, dlq };
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
