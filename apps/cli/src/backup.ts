import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type EventLogDump, eventLogDumpFromUrl, eventStoreFromUrl } from '@taskomask/eventstore';
import { type CredentialDump, credentialDumpFromUrl } from '@taskomask/identity';
import { readSchema } from '@taskomask/read-models';
import { readStoreCatalogFromUrl } from '@taskomask/readstore';
import {
  type BackupFile,
  type BackupHeader,
  type BackupSink,
  readBackup,
  verifyChecksum,
  writeBackup,
} from './backup-file';
import { progressPrinter } from './progress-bar';
import { rebuildWithProgress } from './rebuild';
import type { StoresConfig } from './stores';

const BATCH = 5_000;

/** The files of the data directory nothing can rebuild, by their name in a backup. */
function keptFiles(config: StoresConfig): Record<string, string> {
  return {
    'identity-jwks.json': config.keyFile,
    'nextauth-secret': join(config.dataDir, 'nextauth-secret'),
    'realtime-secret': join(config.dataDir, 'realtime-secret'),
  };
}

/**
 * A consistent cut while commands keep arriving: the head position with the keyed state of that
 * instant first, then the log up to it (committed events never change) and the password hashes
 * (a registration stores its hash before its events, so every account up to the cut has one).
 */
export async function backup(file: string, config: StoresConfig): Promise<BackupHeader> {
  const events = await eventLogDumpFromUrl(config.eventStoreUrl);
  const credentials = credentialDumpFromUrl(config.identityStoreUrl);
  try {
    const { position, keyed } = await events.snapshot();
    const cut = {
      ...keyed,
      // A checkpoint past the cut names events the backup does not hold.
      checkpoints: keyed.checkpoints.map((c) => ({
        ...c,
        position: Math.min(c.position, position),
      })),
    };
    const hashes = await credentials.readAll();
    const files: BackupFile[] = [];
    for (const [name, path] of Object.entries(keptFiles(config))) {
      if (existsSync(path)) files.push({ name, content: readFileSync(path, 'utf8') });
    }
    const bar = progressPrinter('backup ');
    async function* batches() {
      bar.step(0, position);
      for (let from = 1; from <= position; from += BATCH) {
        const batch = await events.readEvents(from, position, BATCH);
        yield batch;
        bar.step(Math.min(position, from + batch.length - 1), position);
        if (batch.length < BATCH) break;
      }
    }
    const header = await writeBackup(file, {
      position,
      keyed: cut,
      events: batches(),
      credentials: hashes,
      files,
    });
    bar.end();
    return header;
  } finally {
    await events.close();
    await credentials.close();
  }
}

const nothing: BackupSink = {
  events: async () => undefined,
  keyed: async () => undefined,
  credentials: async () => undefined,
  files: async () => undefined,
};

/**
 * Checks the file whole (checksum, then every section against the header) before writing
 * anything, refuses stores that hold data, loads, then rebuilds the read models.
 */
export async function restore(file: string, config: StoresConfig): Promise<BackupHeader> {
  await verifyChecksum(file);
  const header = await readBackup(file, nothing);

  let events: EventLogDump | undefined;
  let credentials: CredentialDump | undefined;
  try {
    events = await eventLogDumpFromUrl(config.eventStoreUrl);
    credentials = credentialDumpFromUrl(config.identityStoreUrl);
    if (!(await events.isEmpty())) {
      throw new Error(`the event store is not empty: restore loads into empty stores only`);
    }
    if (!(await credentials.isEmpty())) {
      throw new Error(`the identity store holds accounts: restore loads into empty stores only`);
    }
    const paths = keptFiles(config);
    // Files are checked before the first write too: an existing one with other content refuses.
    await readBackup(file, {
      ...nothing,
      files: async (files) => {
        for (const f of files) {
          const path = paths[f.name];
          if (path === undefined) throw new Error(`the backup holds an unknown file ${f.name}`);
          if (existsSync(path) && readFileSync(path, 'utf8') !== f.content) {
            throw new Error(`${path} exists with other content: restore into a fresh DATA_DIR`);
          }
        }
      },
    });

    const bar = progressPrinter('restore');
    let loaded = 0;
    bar.step(0, header.position);
    const target = events;
    const hashes = credentials;
    await readBackup(
      file,
      {
        async events(batch) {
          await target.loadEvents(batch);
          loaded += batch.length;
          bar.step(loaded, header.position);
        },
        keyed: (state) => target.loadKeyed(state),
        credentials: (list) => hashes.load(list),
        async files(files) {
          for (const f of files) {
            const path = paths[f.name]!;
            if (existsSync(path)) continue;
            mkdirSync(dirname(path), { recursive: true });
            writeFileSync(path, f.content, { mode: 0o600 });
          }
        },
      },
      { batchSize: BATCH },
    );
    bar.end();
  } finally {
    await events?.close();
    await credentials?.close();
  }

  const eventStore = await eventStoreFromUrl(config.eventStoreUrl);
  const catalog = await readStoreCatalogFromUrl(config.readStoreUrl, readSchema);
  try {
    await rebuildWithProgress(eventStore, catalog);
  } finally {
    await catalog.close();
    await eventStore.close();
  }
  return header;
}
