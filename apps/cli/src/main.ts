// npm run taskomask -- <command>: operator commands against the configured stores.
import { loadConfig } from '@taskomask/config';
import { eventStoreFromUrl } from '@taskomask/eventstore';
import { readSchema } from '@taskomask/read-models';
import { readStoreCatalogFromUrl } from '@taskomask/readstore';
import { z } from 'zod';
import { backup, restore } from './backup';
import { deadLetterQueueOf, openDeadLetters } from './dead-letters';
import { importFile } from './import';
import { migrate } from './migrate';
import { progressLine } from './progress-bar';
import { rebuildWithProgress } from './rebuild';
import { loadStoresConfig } from './stores';

const usage = `usage: npm run taskomask -- <command>

commands:
  rebuild    replay the whole event store into a fresh read store, then switch to it
             (the running projector and query side keep serving from the old one meanwhile)
  backup <file>   a consistent cut of the event log and the identity store (password hashes,
             signing keys) to one file, while the system keeps taking commands
  restore <file>  check the file whole, load it into empty stores, rebuild the read models
             all three read EVENT_STORE_URL, IDENTITY_STORE_URL, READ_STORE_URL, else the
             files under DATA_DIR (./data), as the apps do
  migrate --to-event-store <url> --to-identity-store <url>
             copy the configured (embedded) stores into empty Redis stores, keeping global
             positions, stream versions and idempotency records
  import trello <file> --workspace <id> [--project <id>] [--fix] [--dry-run] [--as <ownerId>]
             a Trello board's "Export as JSON" file into the workspace (a new project
             "Imported from Trello" without --project): the report first, nothing written
             when the file breaks our rules unless --fix; running it again finishes an
             interrupted import and writes nothing new (EVENT_STORE_URL, else DATA_DIR)
  import workspace <file> [--fix] [--dry-run] [--as <ownerId>]
             a TaskoMask workspace export (GET /workspaces/{id}/export) back in, same ids
  dlq list                 each consumer queue: ready, consumers, dead letters (BUS_URL)
  dlq show [id]            the dead letters of a queue (or the one with this message id)
  dlq redrive --all | id   publish them again with their first routing key, then remove them
             dlq takes --queue <name> (default: PROJECTOR_QUEUE, or projector)`;

async function rebuild() {
  const config = loadStoresConfig();
  const eventStore = await eventStoreFromUrl(config.eventStoreUrl);
  const catalog = await readStoreCatalogFromUrl(config.readStoreUrl, readSchema);
  try {
    await rebuildWithProgress(eventStore, catalog);
  } finally {
    await catalog.close();
    await eventStore.close();
  }
}

function fileArgument(command: string): string {
  const file = process.argv[3];
  if (file === undefined || file.startsWith('-')) {
    throw new Error(`usage: npm run taskomask -- ${command} <file>`);
  }
  return file;
}

async function backupCommand() {
  const file = fileArgument('backup');
  const header = await backup(file, loadStoresConfig());
  const c = header.counts;
  console.log(
    `backed up ${c.events.toLocaleString('en')} events up to position ${header.position}, ` +
      `${c.claims + c.counters + c.seeds} keys, ${c.checkpoints} checkpoints, ` +
      `${c.credentials} password hashes and ${c.files} files to ${file} (sha256 ${header.sha256})`,
  );
}

async function restoreCommand() {
  const file = fileArgument('restore');
  const header = await restore(file, loadStoresConfig());
  console.log(
    `restored ${header.counts.events.toLocaleString('en')} events up to position ${header.position} ` +
      `and ${header.counts.credentials} password hashes from ${file}`,
  );
}

async function migrateCommand() {
  const args = process.argv.slice(3);
  const option = (name: string) => {
    const at = args.indexOf(name);
    const value = at < 0 ? undefined : args[at + 1];
    if (value === undefined || value.startsWith('-')) {
      throw new Error(
        'usage: npm run taskomask -- migrate --to-event-store <url> --to-identity-store <url>',
      );
    }
    return value;
  };
  const to = {
    eventStoreUrl: option('--to-event-store'),
    identityStoreUrl: option('--to-identity-store'),
  };
  const config = loadStoresConfig();
  const result = await migrate({ from: config, to });
  console.log(
    `migrated ${result.position.toLocaleString('en')} events and ${result.credentials} password ` +
      `hashes in ${result.seconds.toFixed(1)}s; positions continue from ${result.position}.\n` +
      `Start the distributed mode on these stores with the identity's signing keys: ` +
      `IDENTITY_JWKS="$(cat ${config.keyFile})" (or IDENTITY_KEY_FILE=${config.keyFile}); ` +
      'its projector builds the read models from the log.',
  );
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

async function importCommand() {
  const [source, file, ...rest] = process.argv.slice(3);
  const usageLine =
    'usage: npm run taskomask -- import trello <file> --workspace <id> [--project <id>] [--fix] [--dry-run] [--as <ownerId>]\n' +
    '       npm run taskomask -- import workspace <file> [--fix] [--dry-run] [--as <ownerId>]';
  if (
    (source !== 'trello' && source !== 'workspace') ||
    file === undefined ||
    file.startsWith('-')
  ) {
    throw new Error(usageLine);
  }
  const option = (name: string) => {
    const at = rest.indexOf(name);
    if (at < 0) return undefined;
    const value = rest[at + 1];
    if (value === undefined || value.startsWith('-'))
      throw new Error(`${name} needs a value\n${usageLine}`);
    return value;
  };
  const known = new Set(['--workspace', '--project', '--as', '--fix', '--dry-run']);
  const unknown = rest.filter(
    (a, i) => a.startsWith('-') && !known.has(a) && !known.has(rest[i - 1] ?? ''),
  );
  if (unknown.length > 0) throw new Error(`unknown option ${unknown[0]}\n${usageLine}`);
  const workspaceId = option('--workspace');
  const projectId = option('--project');
  const as = option('--as');
  const config = loadStoresConfig();
  const eventStore = await eventStoreFromUrl(config.eventStoreUrl);
  try {
    process.exitCode = await importFile(eventStore, {
      source,
      file,
      ...(workspaceId === undefined ? {} : { workspaceId }),
      ...(projectId === undefined ? {} : { projectId }),
      ...(as === undefined ? {} : { as }),
      fix: rest.includes('--fix'),
      dryRun: rest.includes('--dry-run'),
    });
  } finally {
    await eventStore.close();
  }
}

const commands: Record<string, () => Promise<void>> = {
  import: importCommand,
  rebuild,
  backup: backupCommand,
  restore: restoreCommand,
  migrate: migrateCommand,
  dlq,
};
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
