// npm run bench:insights — a board's flow charts (issue 15) on a board with 1,000 tasks and
// 100,000 events spread over a year, embedded (SQLite stores): the p95 of each insights query
// over real HTTP by a member, beside the time to read that board's events alone from the event
// store in the same run; and the rate of projecting those events into the flow read model beside
// the rate of reading them alone. Last line JSON.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bearerAuth } from '@taskomask/api/http';
import { buildQueryApi } from '@taskomask/api/queries';
import type { RecordedEvent } from '@taskomask/domain';
import type { StreamAppend } from '@taskomask/eventstore';
import { sqliteEventStore } from '@taskomask/eventstore/sqlite';
import { applyBatch, flowReadModel, readModels, readSchema } from '@taskomask/read-models';
import { sqliteReadStore, sqliteReadStoreCatalog } from '@taskomask/readstore/sqlite';
import { startTestIssuer } from '@taskomask/testkit/jwks';

const totalEvents = Number(process.env.BENCH_EVENTS ?? 100_000);
const taskCount = 1000;
const runs = Number(process.env.RUNS ?? 100);
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
const f = (x: number) => x.toFixed(1);

const dir = mkdtempSync(join(tmpdir(), 'taskomask-insights-bench-'));
const eventStore = sqliteEventStore({ path: join(dir, 'events.db') });
const member = randomUUID();
const workspaceId = randomUUID();
const projectId = randomUUID();
const boardId = randomUUID();
const cards = [
  ['Backlog', 'Backlog'],
  ['To do', 'ToDo'],
  ['Doing', 'Doing'],
  ['Review', 'Doing'],
  ['Done', 'Done'],
].map(([name, type], i) => ({ cardId: randomUUID(), name: name!, type: type!, i }));
const yearAgo = Date.now() - 365 * 24 * 3600_000;
const step = (365 * 24 * 3600_000) / totalEvents;

// The board's history: a team's year. Tasks arrive over the year and flow mostly forward
// (Backlog → … → Done), sometimes back; a few are deleted.
let seed = 7;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const appends: StreamAppend[] = [];
const versions = new Map<string, number>();
let clock = yearAgo;
function add(stream: string, type: string, data: Record<string, unknown>) {
  const version = versions.get(stream) ?? 0;
  versions.set(stream, version + 1);
  clock += step;
  appends.push({
    stream,
    expectedVersion: version === 0 ? 'no_stream' : version,
    events: [
      {
        type,
        data,
        metadata: { userId: member, correlationId: randomUUID(), causationId: randomUUID() },
        occurredAt: new Date(clock).toISOString(),
      },
    ],
  });
}
add(`workspace-${workspaceId}`, 'WorkspaceCreated', {
  workspaceId,
  name: 'Bench',
  description: '',
  ownerId: member,
});
add(`workspace-${workspaceId}`, 'ProjectAdded', {
  workspaceId,
  projectId,
  name: 'P',
  description: '',
});
add(`board-${boardId}`, 'BoardCreated', {
  boardId,
  workspaceId,
  projectId,
  name: 'Year',
  description: '',
});
for (const card of cards) {
  add(`board-${boardId}`, 'CardAdded', {
    boardId,
    cardId: card.cardId,
    name: card.name,
    type: card.type,
    position: `a${card.i}`,
  });
}
const tasks: { taskId: string; card: number; deleted: boolean }[] = [];
while (appends.length < totalEvents) {
  const create = tasks.length < taskCount && random() < (taskCount - tasks.length) / 3000 + 0.01;
  if (create || tasks.length === 0) {
    const taskId = randomUUID();
    const card = random() < 0.7 ? 0 : 1;
    tasks.push({ taskId, card, deleted: false });
    add(`task-${taskId}`, 'TaskCreated', {
      taskId,
      workspaceId,
      boardId,
      cardId: cards[card]!.cardId,
      title: `Task ${tasks.length}`,
      description: '',
      position: 'a0',
      createdBy: member,
      createdAt: new Date(clock + step).toISOString(),
    });
    continue;
  }
  const task = tasks[Math.floor(random() * tasks.length)]!;
  if (task.deleted) continue;
  if (random() < 0.002) {
    task.deleted = true;
    add(`task-${task.taskId}`, 'TaskDeleted', {
      taskId: task.taskId,
      boardId,
      cardId: cards[task.card]!.cardId,
      title: 't',
    });
    continue;
  }
  const to = Math.max(0, Math.min(4, task.card + (random() < 0.8 ? 1 : -1)));
  if (to === task.card) continue;
  add(`task-${task.taskId}`, 'TaskMoved', {
    taskId: task.taskId,
    boardId,
    fromCardId: cards[task.card]!.cardId,
    toCardId: cards[to]!.cardId,
    position: 'a1',
    fromCardName: cards[task.card]!.name,
    toCardName: cards[to]!.name,
  });
  task.card = to;
}
for (let at = 0; at < appends.length; at += 1000) {
  // One append per event keeps each stream's expected version exact across the batch.
  for (const append of appends.slice(at, at + 1000)) await eventStore.appendToStreams([append]);
}
const head = await eventStore.headPosition();
console.log(`board ${boardId}: ${tasks.length} tasks, ${head} events over a year`);

// Raw: reading the board's events alone (every event of this log is the board's).
async function readAll(): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (let from = 1; from <= head; ) {
    const page = await eventStore.readAll({ fromPosition: from, limit: 5000 });
    if (page.length === 0) break;
    events.push(...page);
    from = page.at(-1)!.globalPosition + 1;
  }
  return events;
}
const readStarted = performance.now();
const events = await readAll();
const readMs = performance.now() - readStarted;
const readRate = events.length / (readMs / 1000);
console.log(
  `raw: read the board's ${events.length} events alone   ${f(readMs)} ms (${Math.round(readRate).toLocaleString('en')} events/s)`,
);

// Projecting those events into the flow read model alone, in the projector's batches.
const flowStore = sqliteReadStore({ path: join(dir, 'flow.db'), schema: readSchema });
const projectStarted = performance.now();
for (let at = 0; at < events.length; at += 1000) {
  await applyBatch(events.slice(at, at + 1000), {
    readStore: flowStore,
    eventStore,
    ...flowReadModel,
  });
}
const projectMs = performance.now() - projectStarted;
const projectRate = events.length / (projectMs / 1000);
await flowStore.close();
console.log(
  `projecting them into the flow read model       ${f(projectMs)} ms (${Math.round(projectRate).toLocaleString('en')} events/s, ratio ${(projectRate / readRate).toFixed(2)})`,
);

// Every read model, as the projector keeps them, for the query side to serve.
const catalog = sqliteReadStoreCatalog({ path: join(dir, 'read.db'), schema: readSchema });
const readStore = await catalog.open(await catalog.current());
for (let at = 0; at < events.length; at += 1000) {
  await applyBatch(events.slice(at, at + 1000), { readStore, eventStore, ...readModels });
}

const issuer = await startTestIssuer();
const auth = bearerAuth({
  issuer: issuer.issuer,
  audience: issuer.audience,
  jwksUrl: issuer.jwksUrl,
});
const queries = buildQueryApi({ catalog, auth });
const base = await queries.listen({ port: 0, host: '127.0.0.1' });
const token = await issuer.tokenFor(member, { expiresIn: '1h' });
const from = new Date(yearAgo).toISOString().slice(0, 10);

async function timed(path: string) {
  const get = async () => {
    const response = await fetch(`${base}/boards/${boardId}/insights/${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}: ${text}`);
    return text.length;
  };
  for (let i = 0; i < 5; i++) await get();
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    bytes = await get();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { path, p50: pct(times, 0.5), p95: pct(times, 0.95), bytes };
}

const results = [
  await timed(`cfd?from=${from}`),
  await timed(`cycle-times?from=${from}`),
  await timed(`throughput?from=${from}`),
  await timed(`aging?from=${from}`),
  await timed('cfd'),
];
for (const r of results) {
  console.log(
    `GET insights/${r.path.padEnd(34)} p50 ${f(r.p50)} ms, p95 ${f(r.p95)} ms (${r.bytes} bytes)`,
  );
}
const worst = Math.max(...results.map((r) => r.p95));

await queries.close();
await catalog.close();
await eventStore.close();
await issuer.close();
rmSync(dir, { recursive: true, force: true });
console.log(
  JSON.stringify({
    bench: 'insights',
    value: Number(f(worst)),
    unit: 'ms',
    raw: Number(f(readMs)),
    ratio: Number((worst / readMs).toFixed(3)),
    projectEventsPerSecond: Math.round(projectRate),
    readEventsPerSecond: Math.round(readRate),
    projectRatio: Number((projectRate / readRate).toFixed(2)),
  }),
);
