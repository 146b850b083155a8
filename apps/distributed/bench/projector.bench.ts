// npm run bench:projector — (1) rebuild of ~200,000 generated events from the Redis event store
// into the SQLite read store, beside the raw rate of reading the same events from the event store
// alone, in the same run; (2) live lag (appended → read model committed) at a steady rate through
// Redis → forwarder → RabbitMQ → projector.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { redisEventStore } from '@taskomask/eventstore/redis';
import { startForwarder } from '@taskomask/forwarder';
import { rabbitMqBus } from '@taskomask/messaging/rabbitmq';
import { startProjector } from '@taskomask/projector';
import { readSchema, rebuildReadModels, recordingNotifier } from '@taskomask/read-models';
import { generateHistory } from '@taskomask/read-models/testing';
import { sqliteReadStoreCatalog } from '@taskomask/readstore/sqlite';
import { deleteBusTopology, deleteRedisKeys } from '@taskomask/testkit/cleanup';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const amqpUrl = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const prefix = `bench:projector:${randomUUID()}:`;
const dir = mkdtempSync(join(tmpdir(), 'taskomask-bench-projector-'));
const n = (x: number) => Math.round(x).toLocaleString('en');

async function rebuildBench() {
  const store = redisEventStore({ url: redisUrl, keyPrefix: `${prefix}rebuild:` });
  // Sequential fill keeps each stream in order, which the read models rely on.
  for (const append of generateHistory({
    seed: 42,
    workspaces: 20,
    boardsPerWorkspace: 5,
    tasksPerBoard: 150,
    edits: 150_000,
  })) {
    await store.appendToStreams([append]);
  }
  const total = await store.headPosition();
  console.log(`generated ${n(total)} events`);

  const readStarted = performance.now();
  let read = 0;
  for (let from = 1; ; ) {
    const events = await store.readAll({ fromPosition: from, limit: 5_000 });
    if (events.length === 0) break;
    read += events.length;
    from = events.at(-1)!.globalPosition + 1;
  }
  const raw = read / ((performance.now() - readStarted) / 1000);
  console.log(`raw: readAll alone                  ${n(raw)} events/s`);

  const catalog = sqliteReadStoreCatalog({ path: join(dir, 'read.db'), schema: readSchema });
  const result = await rebuildReadModels({ eventStore: store, catalog });
  const value = result.events / result.seconds;
  console.log(
    `rebuild into SQLite read store       ${n(value)} events/s (${n(result.events)} in ${result.seconds.toFixed(2)}s)`,
  );
  await catalog.close();
  await store.close();
  return { value, raw };
}

async function lagBench(rate: number, seconds: number) {
  const store = redisEventStore({ url: redisUrl, keyPrefix: `${prefix}lag:` });
  const exchange = `bench.${randomUUID()}`;
  const bus = await rabbitMqBus({ url: amqpUrl, exchange });
  const catalog = sqliteReadStoreCatalog({ path: join(dir, 'lag.db'), schema: readSchema });
  const appendedAt = new Map<number, number>();
  const lags: number[] = [];
  const queue = `bench.projector.${randomUUID()}`;
  const projector = await startProjector({
    bus,
    eventStore: store,
    catalog,
    notifier: recordingNotifier(),
    queue,
    onBatch: (r) => {
      const now = performance.now();
      for (const [position, at] of appendedAt) {
        if (position > r.position) continue;
        lags.push(now - at);
        appendedAt.delete(position);
      }
    },
  });
  const forwarder = startForwarder({ store, bus });
  const history = generateHistory({
    seed: 5,
    workspaces: 5,
    boardsPerWorkspace: 2,
    tasksPerBoard: 50,
    edits: rate * seconds,
  });
  const interval = 1000 / rate;
  const started = performance.now();
  let sent = 0;
  for (const append of history) {
    const due = started + sent * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const t = performance.now();
    const [result] = await store.appendToStreams([append]);
    appendedAt.set(result!.lastGlobalPosition, t);
    sent += append.events.length;
    if (performance.now() - started > seconds * 1000) break;
  }
  const deadline = Date.now() + 30_000;
  while (appendedAt.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  await forwarder.stop();
  await projector.stop();
  await bus.close();
  await catalog.close();
  await store.close();
  lags.sort((a, b) => a - b);
  const at = (q: number) =>
    lags[Math.min(lags.length - 1, Math.floor(q * lags.length))] ?? Number.NaN;
  const achieved = sent / seconds;
  console.log(
    `live lag at ${n(achieved)} events/s: p50 ${at(0.5).toFixed(1)} ms, p99 ${at(0.99).toFixed(1)} ms (${lags.length} appends)`,
  );
  await deleteBusTopology(amqpUrl, { exchange, queues: [queue] });
  return { p50: at(0.5), p99: at(0.99) };
}

try {
  const { value, raw } = await rebuildBench();
  const lag = await lagBench(1000, Number(process.env.BENCH_SECONDS ?? 10));
  console.log(
    JSON.stringify({
      bench: 'projector',
      value: Math.round(value),
      unit: 'events/s',
      raw: Math.round(raw),
      ratio: Number((value / raw).toFixed(3)),
      lagP50Ms: Number(lag.p50.toFixed(1)),
      lagP99Ms: Number(lag.p99.toFixed(1)),
    }),
  );
} finally {
  await deleteRedisKeys(redisUrl, prefix);
  rmSync(dir, { recursive: true, force: true });
}
