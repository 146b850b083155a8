// npm run bench:history — GET /boards/{id}?at=<position> on a 1,000-task board whose history
// holds 100,000 events, embedded: the events appended straight to a SQLite event store, the read
// models rebuilt from it as `taskomask rebuild` does (history chunks and snapshots included), then
// read over real HTTP by a member at random past positions. Prints p50/p95 of `?at=` beside the
// raw cost measured in the same run: reading those events alone from the same store (what a fold
// without snapshots would at least pay). Last line JSON.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bearerAuth } from '@taskomask/api/http';
import { buildQueryApi } from '@taskomask/api/queries';
import { evolveBoardView, initialBoardView } from '@taskomask/domain';
import type { StreamAppend } from '@taskomask/eventstore';
import { sqliteEventStore } from '@taskomask/eventstore/sqlite';
import { readSchema, rebuildReadModels, stateAt } from '@taskomask/read-models';
import { generateHistory } from '@taskomask/read-models/testing';
import { sqliteReadStoreCatalog } from '@taskomask/readstore/sqlite';
import { seeded } from '@taskomask/testkit';
import { startTestIssuer } from '@taskomask/testkit/jwks';

const runs = Number(process.env.RUNS ?? 200);
const tasks = Number(process.env.TASKS ?? 1_000);
const events = Number(process.env.EVENTS ?? 100_000);
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
const f = (x: number) => x.toFixed(1);

const dir = mkdtempSync(join(tmpdir(), 'taskomask-history-bench-'));
const eventStore = sqliteEventStore({ path: join(dir, 'events.db') });
const catalog = sqliteReadStoreCatalog({ path: join(dir, 'read.db'), schema: readSchema });
const member = randomUUID();

// Appends go 1,000 streams to a transaction, a stream's appends of a transaction merged into one
// (its events keep their order; streams interleave a little differently than generated): a fsync
// per command would make the set-up, not the measure, the long part.
let boardId = '';
let pending: StreamAppend[] = [];
const flush = async () => {
  if (pending.length > 0) await eventStore.appendToStreams(pending);
  pending = [];
};
const t0 = performance.now();
for (const append of generateHistory({
  seed: 5,
  workspaces: 1,
  boardsPerWorkspace: 1,
  tasksPerBoard: tasks,
  // Creation takes about 3 events per task; edits (≈1.3 events each) make up the rest.
  edits: Math.max(0, Math.round((events - tasks * 3) / 1.3)),
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
  const same = pending.find((p) => p.stream === a.stream);
  if (same !== undefined) (same.events as unknown[]).push(...a.events);
  else pending.push({ ...a, events: [...a.events] });
  if (pending.length >= 1_000) await flush();
}
await flush();
const head = await eventStore.headPosition();
const appended = (performance.now() - t0) / 1000;

const rebuilt = await rebuildReadModels({ eventStore, catalog });
const store = await catalog.open(rebuilt.generation);
const historyDocs = (await store.all('history')).length;
const snapshots = (await store.all('historySnapshots')).length;

// Raw: the board's events read alone from the same event store, as one fold from scratch would.
const rawTimes: number[] = [];
let boardEvents = 0;
for (let i = 0; i < 3; i++) {
  const started = performance.now();
  boardEvents = 0;
  for (let from = 1; from <= head; ) {
    const page = await eventStore.readAll({ fromPosition: from, limit: 20_000 });
    if (page.length === 0) break;
    for (const e of page) if ((e.data as { boardId?: string }).boardId === boardId) boardEvents++;
    from = page.at(-1)!.globalPosition + 1;
  }
  rawTimes.push(performance.now() - started);
}
rawTimes.sort((a, b) => a - b);
const raw = rawTimes[1]!;

const issuer = await startTestIssuer();
const auth = bearerAuth({
  issuer: issuer.issuer,
  audience: issuer.audience,
  jwksUrl: issuer.jwksUrl,
});
const queries = buildQueryApi({ catalog, auth });
const base = await queries.listen({ port: 0, host: '127.0.0.1' });
const token = await issuer.tokenFor(member, { expiresIn: '1h' });

const random = seeded(42);
const firstTask = Math.round(head * 0.05);
async function getAt(position: number) {
  const response = await fetch(`${base}/boards/${boardId}?at=${position}`, {
    headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'identity' },
  });
  const body = (await response.json()) as { cards?: { tasks: unknown[] }[] };
  if (response.status !== 200) throw new Error(`GET ?at=${position} answered ${response.status}`);
  return body.cards?.reduce((n, c) => n + c.tasks.length, 0) ?? 0;
}
for (let i = 0; i < 10; i++) await getAt(head - i);
const times: number[] = [];
let lastTasks = 0;
for (let i = 0; i < runs; i++) {
  const position = firstTask + Math.floor(random() * (head - firstTask));
  const started = performance.now();
  lastTasks = await getAt(position);
  times.push(performance.now() - started);
}
times.sort((a, b) => a - b);
// The same moments in process, without HTTP, membership or JSON: snapshot + chunks + fold.
const foldTimes: number[] = [];
let folded = 0;
for (let i = 0; i < runs; i++) {
  const position = firstTask + Math.floor(random() * (head - firstTask));
  const started = performance.now();
  const at = await stateAt(
    store,
    'board',
    boardId,
    position,
    initialBoardView(boardId),
    evolveBoardView,
  );
  foldTimes.push(performance.now() - started);
  folded += at?.folded ?? 0;
}
foldTimes.sort((a, b) => a - b);
const history = await fetch(`${base}/boards/${boardId}/history?limit=50`, {
  headers: { authorization: `Bearer ${token}` },
});
await history.arrayBuffer();
const historyTimes: number[] = [];
for (let i = 0; i < Math.min(runs, 50); i++) {
  const before = firstTask + Math.floor(random() * (head - firstTask));
  const started = performance.now();
  const r = await fetch(`${base}/boards/${boardId}/history?limit=50&before=${before}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  await r.arrayBuffer();
  historyTimes.push(performance.now() - started);
}
historyTimes.sort((a, b) => a - b);

console.log(
  `board ${boardId}: ${tasks} tasks, ${boardEvents} of the log's ${head} events on it (appended in ${f(appended)} s, rebuilt in ${f(rebuilt.seconds)} s: ${historyDocs} history documents, ${snapshots} snapshots)`,
);
console.log(`raw: reading the log's events alone from the event store  median of 3: ${f(raw)} ms`);
console.log(
  `GET /boards/{id}?at=<random position>  p50 ${f(pct(times, 0.5))} ms, p95 ${f(pct(times, 0.95))} ms  (${runs} runs; ${lastTasks} tasks in the last answer)`,
);
console.log(
  `in process: snapshot + chunks + fold  p50 ${f(pct(foldTimes, 0.5))} ms, p95 ${f(pct(foldTimes, 0.95))} ms  (${f(folded / runs)} events folded on average)`,
);
console.log(
  `GET /boards/{id}/history?before=…&limit=50  p50 ${f(pct(historyTimes, 0.5))} ms, p95 ${f(pct(historyTimes, 0.95))} ms`,
);

await queries.close();
await catalog.close();
await eventStore.close();
await issuer.close();
rmSync(dir, { recursive: true, force: true });
console.log(
  JSON.stringify({
    bench: 'history',
    value: Number(f(pct(times, 0.95))),
    unit: 'ms',
    p50: Number(f(pct(times, 0.5))),
    raw: Number(f(raw)),
    ratio: Number((pct(times, 0.95) / raw).toFixed(3)),
    events: head,
    boardEvents,
    tasks,
    historyP95: Number(f(pct(historyTimes, 0.95))),
    inProcessP95: Number(f(pct(foldTimes, 0.95))),
  }),
);
