// npm run bench:board — GET of a board with 5,000 tasks through the query side, embedded: the
// board's events appended straight to a SQLite event store (the 1,000-task rule guards creation
// through the API), projected into a SQLite read store, then read over real HTTP by a member.
// Prints p50/p95 of a plain GET, of a GET asking for gzip, and of a 304 (If-None-Match), beside
// the raw cost of the same run: reading the board document from the read store and
// JSON.stringify of it — what any answer must at least pay without a cache. Last line JSON.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bearerAuth } from '@taskomask/api/http';
import { buildQueryApi } from '@taskomask/api/queries';
import { sqliteEventStore } from '@taskomask/eventstore/sqlite';
import { startForwarder } from '@taskomask/forwarder';
import { inProcessBus } from '@taskomask/messaging/in-process';
import { startProjector } from '@taskomask/projector';
import { readSchema, recordingNotifier } from '@taskomask/read-models';
import { generateHistory } from '@taskomask/read-models/testing';
import { sqliteReadStoreCatalog } from '@taskomask/readstore/sqlite';
import { startTestIssuer } from '@taskomask/testkit/jwks';

const runs = Number(process.env.RUNS ?? 200);
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

const dir = mkdtempSync(join(tmpdir(), 'taskomask-board-bench-'));
const eventStore = sqliteEventStore({ path: join(dir, 'events.db') });
const bus = inProcessBus();
const catalog = sqliteReadStoreCatalog({ path: join(dir, 'read.db'), schema: readSchema });
const member = randomUUID();

let boardId = '';
for (const append of generateHistory({
  seed: 11,
  workspaces: 1,
  boardsPerWorkspace: 1,
  tasksPerBoard: 5000,
  edits: 0,
})) {
  const first = append.events[0];
  const a =
    append.stream.startsWith('workspace-') && first?.type === 'WorkspaceCreated'
      ? {
          ...append,
          events: [
            ...append.events,
            {
              type: 'MemberAdded',
              data: { workspaceId: append.stream.slice(10), ownerId: member, role: 'member' },
              metadata: first.metadata,
            },
          ],
        }
      : append;
  if (append.stream.startsWith('board-') && first?.type === 'BoardCreated') {
    boardId = append.stream.slice(6);
  }
  await eventStore.appendToStreams([a]);
}
const head = await eventStore.headPosition();

const projector = await startProjector({
  bus,
  eventStore,
  catalog,
  notifier: recordingNotifier(),
  onError: (error) => console.error('[projector]', error),
});
const forwarder = startForwarder({ store: eventStore, bus });
const readStore = projector.readStore();
for (const until = Date.now() + 120_000; (await readStore.position()) < head; ) {
  if (Date.now() > until) throw new Error('the projector did not catch up in 120 s');
  await new Promise((r) => setTimeout(r, 50));
}

const issuer = await startTestIssuer();
const auth = bearerAuth({
  issuer: issuer.issuer,
  audience: issuer.audience,
  jwksUrl: issuer.jwksUrl,
});
const queries = buildQueryApi({ catalog, auth });
const base = await queries.listen({ port: 0, host: '127.0.0.1' });
// The same query side without its answer cache: every GET reads, assembles and serialises.
const uncachedApi = buildQueryApi({ catalog, auth, answerCacheBytes: 0 });
const uncachedBase = await uncachedApi.listen({ port: 0, host: '127.0.0.1' });
const token = await issuer.tokenFor(member, { expiresIn: '1h' });
const url = `${base}/boards/${boardId}`;

async function timed(headers: Record<string, string>, status: number, at = url) {
  const get = async () => {
    const response = await fetch(at, {
      headers: { authorization: `Bearer ${token}`, ...headers },
    });
    const bytes = (await response.arrayBuffer()).byteLength;
    if (response.status !== status) throw new Error(`GET board answered ${response.status}`);
    return { response, bytes };
  };
  for (let i = 0; i < 10; i++) await get();
  const times: number[] = [];
  let last = { bytes: 0, encoding: '' };
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const { response, bytes } = await get();
    times.push(performance.now() - t0);
    const sent = Number(response.headers.get('content-length') ?? bytes);
    last = { bytes: sent, encoding: response.headers.get('content-encoding') ?? 'identity' };
  }
  times.sort((a, b) => a - b);
  return { p50: pct(times, 0.5), p95: pct(times, 0.95), ...last };
}

// Raw: the read store's document and its JSON, without HTTP, authorization or assembly.
const rawTimes: number[] = [];
const readTimes: number[] = [];
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  const doc = await readStore.get('boards', boardId);
  const t1 = performance.now();
  JSON.stringify(doc?.value);
  rawTimes.push(performance.now() - t0);
  readTimes.push(t1 - t0);
}
rawTimes.sort((a, b) => a - b);
readTimes.sort((a, b) => a - b);
const raw = pct(rawTimes, 0.5);

// fetch (undici) asks for gzip, deflate, br by default; identity is what a plain client gets.
const uncached = await timed(
  { 'accept-encoding': 'identity' },
  200,
  `${uncachedBase}/boards/${boardId}`,
);
const plain = await timed({ 'accept-encoding': 'identity' }, 200);
const first = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
const etag = first.headers.get('etag') ?? '';
await first.arrayBuffer();
const gzip = await timed({ 'accept-encoding': 'gzip' }, 200);
const notModified = await timed({ 'accept-encoding': 'identity', 'if-none-match': etag }, 304);

const f = (x: number) => x.toFixed(1);
console.log(`board ${boardId}: 5,000 tasks, ETag ${etag}`);
console.log(
  `raw: read store get + JSON.stringify of the board document  p50 ${f(raw)} ms, p95 ${f(pct(rawTimes, 0.95))} ms (the get alone: p50 ${f(pct(readTimes, 0.5))} ms)`,
);
console.log(
  `GET board, identity  p50 ${f(plain.p50)} ms, p95 ${f(plain.p95)} ms  (${plain.bytes} bytes, ${plain.encoding})`,
);
console.log(
  `GET board, gzip      p50 ${f(gzip.p50)} ms, p95 ${f(gzip.p95)} ms  (${gzip.bytes} bytes, ${gzip.encoding})`,
);
console.log(
  `GET board, no cache  p50 ${f(uncached.p50)} ms, p95 ${f(uncached.p95)} ms  (every GET reads and serialises)`,
);
console.log(`GET board, 304       p50 ${f(notModified.p50)} ms, p95 ${f(notModified.p95)} ms`);

await queries.close();
await uncachedApi.close();
await forwarder.stop();
await projector.stop();
await bus.close();
await catalog.close();
await eventStore.close();
await issuer.close();
rmSync(dir, { recursive: true, force: true });
console.log(
  JSON.stringify({
    bench: 'board-get',
    value: Number(f(plain.p95)),
    unit: 'ms',
    raw: Number(f(raw)),
    ratio: Number((plain.p95 / raw).toFixed(2)),
    p50: Number(f(plain.p50)),
    gzipP95: Number(f(gzip.p95)),
    notModifiedP95: Number(f(notModified.p95)),
    uncachedP95: Number(f(uncached.p95)),
  }),
);
