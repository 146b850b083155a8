// npm run bench:migrate — events/s of `migrate` from the embedded SQLite stores into Redis, for a
// log of 200,000 events, beside the raw rate of reading that log alone from SQLite (the same
// batches the migration reads), measured in the same run.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DumpedEvent } from '@taskomask/eventstore';
import { sqliteEventLogDump } from '@taskomask/eventstore/sqlite-dump';
import { deleteRedisKeys } from '@taskomask/testkit/cleanup';
import { migrate } from '../src/migrate';

const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const total = Number(process.env.BENCH_EVENTS ?? 200_000);
const batchSize = 10_000;
const prefix = `bench:migrate:${randomUUID()}:`;
const dir = mkdtempSync(join(tmpdir(), 'taskomask-bench-migrate-'));
const eventsPath = join(dir, 'events.db');

try {
  // A log shaped like a team's: tasks of 2,000 boards, each event a few hundred bytes.
  const source = sqliteEventLogDump({ path: eventsPath });
  const versions = new Map<string, number>();
  const metadata = JSON.stringify({
    userId: randomUUID(),
    correlationId: randomUUID(),
    causationId: randomUUID(),
  });
  for (let from = 1; from <= total; from += batchSize) {
    const batch: DumpedEvent[] = [];
    for (let p = from; p < Math.min(total + 1, from + batchSize); p++) {
      const stream = `task-${(p * 7919) % 20_000}`;
      const version = (versions.get(stream) ?? 0) + 1;
      versions.set(stream, version);
      batch.push({
        globalPosition: p,
        streamName: stream,
        streamVersion: version,
        type: 'TaskRenamed',
        schemaVersion: 1,
        data: JSON.stringify({ taskId: stream.slice(5), title: `Write the quarterly report ${p}` }),
        metadata,
        occurredAt: new Date(1_700_000_000_000 + p * 1000).toISOString(),
      });
    }
    await source.loadEvents(batch);
  }

  // Raw: the same reads the migration does, alone.
  const readStarted = performance.now();
  let read = 0;
  for (let from = 1; from <= total; from += batchSize) {
    read += (await source.readEvents(from, total, batchSize)).length;
  }
  const raw = Math.round(read / ((performance.now() - readStarted) / 1000));
  await source.close();
  console.log(`raw read from SQLite          ${raw.toLocaleString('en')} events/s (${read})`);

  const result = await migrate({
    from: {
      eventStoreUrl: `sqlite:${eventsPath}`,
      identityStoreUrl: `sqlite:${join(dir, 'identity.db')}`,
    },
    to: {
      eventStoreUrl: `${url}?prefix=${prefix}`,
      identityStoreUrl: `${url}?prefix=${prefix}identity:`,
    },
    batchSize,
    progress: false,
  });
  const value = Math.round(result.position / result.seconds);
  console.log(
    `migrate SQLite → Redis        ${value.toLocaleString('en')} events/s (${result.position} in ${result.seconds.toFixed(1)}s)`,
  );
  console.log(
    JSON.stringify({
      bench: 'migrate',
      value,
      unit: 'events/s',
      raw,
      ratio: Number((value / raw).toFixed(3)),
    }),
  );
} finally {
  await deleteRedisKeys(url, prefix);
  rmSync(dir, { recursive: true, force: true });
}
