import { type EventLogDump, eventLogDumpFromUrl } from '@taskomask/eventstore';
import { type CredentialDump, credentialDumpFromUrl } from '@taskomask/identity';
import { progressPrinter } from './progress-bar';

export type MigrateResult = Readonly<{
  position: number;
  credentials: number;
  seconds: number;
}>;

/**
 * Copies the event log (positions, versions, keyed state, checkpoints) and the password hashes
 * into empty target stores. Meant for a stopped system; on a running one it copies a cut (the
 * head first, then the log up to it), like a backup. Reading the next batch overlaps writing the
 * last one.
 */
export async function migrate({
  from,
  to,
  batchSize = 10_000,
  progress = true,
}: {
  from: Readonly<{ eventStoreUrl: string; identityStoreUrl: string }>;
  to: Readonly<{ eventStoreUrl: string; identityStoreUrl: string }>;
  batchSize?: number;
  progress?: boolean;
}): Promise<MigrateResult> {
  const opened: (EventLogDump | CredentialDump)[] = [];
  const open = <T extends EventLogDump | CredentialDump>(dump: T) => {
    opened.push(dump);
    return dump;
  };
  try {
    const source = open(await eventLogDumpFromUrl(from.eventStoreUrl));
    const target = open(await eventLogDumpFromUrl(to.eventStoreUrl));
    const sourceCredentials = open(credentialDumpFromUrl(from.identityStoreUrl));
    const targetCredentials = open(credentialDumpFromUrl(to.identityStoreUrl));
    if (!(await target.isEmpty())) {
      throw new Error('the target event store is not empty: migrate copies into empty stores only');
    }
    if (!(await targetCredentials.isEmpty())) {
      throw new Error(
        'the target identity store holds accounts: migrate copies into empty stores only',
      );
    }
    const started = performance.now();
    const { position, keyed } = await source.snapshot();
    const bar = progress ? progressPrinter('migrate') : undefined;
    bar?.step(0, position);
    let next = source.readEvents(1, position, batchSize);
    next.catch(() => undefined);
    for (let done = 0; done < position; ) {
      const batch = await next;
      if (batch.length === 0) throw new Error(`the source log ends at ${done}, before ${position}`);
      done += batch.length;
      // The load is sent first: the next (synchronous, on SQLite) read then runs while the target
      // writes.
      const loading = target.loadEvents(batch);
      next = source.readEvents(done + 1, position, batchSize);
      // Awaited on the next turn; a failed load must not leave it rejected and unobserved.
      next.catch(() => undefined);
      await loading;
      bar?.step(done, position);
    }
    await target.loadKeyed({
      ...keyed,
      checkpoints: keyed.checkpoints.map((c) => ({
        ...c,
        position: Math.min(c.position, position),
      })),
    });
    const credentials = await sourceCredentials.readAll();
    await targetCredentials.load(credentials);
    bar?.end();
    return {
      position,
      credentials: credentials.length,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    for (const dump of opened) await dump.close();
  }
}
