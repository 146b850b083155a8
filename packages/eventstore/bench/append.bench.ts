// npm run bench:eventstore — appends/s through the EventStore port (Redis adapter), 64 writers on
// distinct streams, 1-event appends; beside the raw rate of the same Lua script called directly
// through ioredis in the same run, with the same payload.
import { randomUUID } from 'node:crypto';
import { deleteRedisKeys } from '@taskomask/testkit/cleanup';
import { Redis } from 'ioredis';
import { appendScript, redisEventStore, streamKey } from '../src/redis/redis-event-store';

const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const writers = 64;
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const prefix = `bench:eventstore:${randomUUID()}:`;
const data = { taskId: randomUUID(), title: 'Write the quarterly report', cardId: randomUUID() };
const metadata = { userId: randomUUID(), correlationId: randomUUID(), causationId: randomUUID() };

async function run(label: string, append: (writer: number, i: number) => Promise<unknown>) {
  let count = 0;
  const until = Date.now() + seconds * 1000;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      for (let i = 0; Date.now() < until; i++) {
        await append(w, i);
        count++;
      }
    }),
  );
  const rate = count / (Number(process.hrtime.bigint() - started) / 1e9);
  console.log(`${label.padEnd(34)} ${Math.round(rate).toLocaleString('en')} appends/s (${count})`);
  return rate;
}

const store = redisEventStore({ url, keyPrefix: `${prefix}port:` });
const raw = new Redis(url) as Redis & {
  rawAppend(...args: (string | number)[]): Promise<number[]>;
};
raw.defineCommand('rawAppend', { lua: appendScript });
const rawGlobal = `${prefix}raw:events:$all`;
const rawArgs = [JSON.stringify(data), JSON.stringify(metadata)];

const rawRuns: number[] = [];
const portRuns: number[] = [];
// Alternate the two so neither gets a warmer machine; keep each side's best run.
for (let round = 1; round <= 2; round++) {
  rawRuns.push(
    await run(`raw Lua via ioredis (round ${round})`, (w, i) =>
      raw.rawAppend(
        2,
        rawGlobal,
        streamKey(`${prefix}raw:r${round}:`, `task-${w}`),
        1,
        String(i),
        1,
        `task-${w}`,
        'TaskRenamed',
        rawArgs[0]!,
        rawArgs[1]!,
        new Date().toISOString(),
        1,
      ),
    ),
  );
  portRuns.push(
    await run(`EventStore port (round ${round})`, (w, i) =>
      store.appendToStream(`task-r${round}w${w}`, [{ type: 'TaskRenamed', data, metadata }], {
        expectedVersion: i === 0 ? 'no_stream' : i,
      }),
    ),
  );
}

await raw.quit();
await deleteRedisKeys(url, prefix);
await store.close();

const value = Math.round(Math.max(...portRuns));
const rawRate = Math.round(Math.max(...rawRuns));
const ratio = Number((value / rawRate).toFixed(3));
console.log(JSON.stringify({ bench: 'eventstore', value, unit: 'appends/s', raw: rawRate, ratio }));
