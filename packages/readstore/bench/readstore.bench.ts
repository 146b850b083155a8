// npm run bench -w @taskomask/readstore — the SQLite read store through the ReadStore port:
// commits of 1,000 puts (new documents, updates that keep the keys, updates that move them) and
// finds over the 5,000 tasks of one board among 50,000; beside the raw limit measured in the same
// run on the same file system: plain better-sqlite3, one prepared INSERT per document in one
// transaction (no key index), and a SELECT on an indexed column with JSON.parse of each value.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Doc } from '../src/port';
import { sqliteReadStore } from '../src/sqlite/sqlite-read-store';

const boards = 10;
const perBoard = 5000;
const batch = 1000;
const findRuns = 30;
const dir = mkdtempSync(join(tmpdir(), 'taskomask-read-bench-'));
const schema = { tasks: { keys: ['boardId', 'cardId', 'assigneeId'] } } as const;

const task = (i: number, version: number, card = i % 10): Doc => {
  const board = Math.floor(i / perBoard);
  const boardId = `board-${board}`;
  const cardId = `card-${board}-${card}`;
  return {
    collection: 'tasks',
    id: `task-${String(i).padStart(6, '0')}`,
    position: i + version,
    value: {
      title: `Write the quarterly report, part ${i} (v${version})`,
      description: 'Collect the figures from every team and draft the summary. '.repeat(3),
      boardId,
      cardId,
      assigneeId: i % 4 === 0 ? null : `owner-${i % 7}`,
      labels: ['finance', 'q3'],
      dueDate: '2026-12-01',
      position: i % perBoard,
    },
    keys: { boardId, cardId, assigneeId: i % 4 === 0 ? null : `owner-${i % 7}` },
  };
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const total = boards * perBoard;

async function timeCommits(label: string, make: (i: number) => Doc, store = port) {
  const times: number[] = [];
  for (let from = 0; from < total; from += batch) {
    const puts = Array.from({ length: batch }, (_, k) => make(from + k));
    const start = process.hrtime.bigint();
    await store.commit({
      puts,
      deletes: [],
      streams: puts.map((d) => ({ stream: `task-${d.id}`, version: d.position })),
      position: from + batch,
    });
    times.push(ms(start));
  }
  const rate = (total / times.reduce((a, b) => a + b, 0)) * 1000;
  console.log(
    `${label.padEnd(40)} median ${median(times).toFixed(2)} ms / 1,000 puts, ${Math.round(rate).toLocaleString('en')} puts/s`,
  );
  return { median: median(times), rate };
}

const port = sqliteReadStore({ path: join(dir, 'port.db'), schema });
const inserted = await timeCommits('port: commit 1,000 new documents', (i) => task(i, 1));
const updated = await timeCommits('port: commit 1,000 updates, same keys', (i) => task(i, 2));
const moved = await timeCommits('port: commit 1,000 updates, card moved', (i) =>
  task(i, 3, (i + 1) % 10),
);

// Raw limit: the same rows and the same JSON work, without the port or the key index.
const raw = new Database(join(dir, 'raw.db'));
raw.pragma('journal_mode = WAL');
raw.pragma('synchronous = NORMAL');
raw.exec(
  'CREATE TABLE docs (collection TEXT, id TEXT, position INTEGER, board TEXT, value TEXT, keys TEXT, PRIMARY KEY (collection, id));' +
    'CREATE INDEX docs_board ON docs (collection, board, id);',
);
const insert = raw.prepare(
  'INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (collection, id) DO UPDATE SET ' +
    'position = excluded.position, value = excluded.value, keys = excluded.keys',
);
const rawCommit = raw.transaction((docs: Doc[]) => {
  for (const d of docs) {
    insert.run(
      d.collection,
      d.id,
      d.position,
      d.keys!.boardId,
      JSON.stringify(d.value),
      JSON.stringify(d.keys),
    );
  }
});
const rawTimes: number[] = [];
for (let from = 0; from < total; from += batch) {
  const docs = Array.from({ length: batch }, (_, k) => task(from + k, 1));
  const start = process.hrtime.bigint();
  rawCommit.immediate(docs);
  rawTimes.push(ms(start));
}
const rawRate = (total / rawTimes.reduce((a, b) => a + b, 0)) * 1000;
console.log(
  `${'raw: 1,000 INSERTs in one transaction'.padEnd(40)} median ${median(rawTimes).toFixed(2)} ms / 1,000 rows, ${Math.round(rawRate).toLocaleString('en')} rows/s`,
);

async function timeFind(
  label: string,
  run: () => Promise<unknown[]> | unknown[],
  expected: number,
) {
  const times: number[] = [];
  for (let r = 0; r < findRuns; r++) {
    const start = process.hrtime.bigint();
    const found = await run();
    times.push(ms(start));
    if (found.length !== expected) throw new Error(`${label}: ${found.length} ≠ ${expected}`);
  }
  console.log(`${label.padEnd(40)} median ${median(times).toFixed(2)} ms`);
  return median(times);
}

const find = await timeFind(
  'port: find 5,000 tasks of one board',
  () => port.find('tasks', { boardId: 'board-3' }),
  perBoard,
);
await timeFind(
  'port: find board + card (500)',
  () => port.find('tasks', { boardId: 'board-3', cardId: 'card-3-4' }),
  perBoard / 10,
);
await timeFind(
  'port: find card + board (500)',
  () => port.find('tasks', { cardId: 'card-3-4', boardId: 'board-3' }),
  perBoard / 10,
);
await timeFind(
  'port: find board, limit 50',
  () => port.find('tasks', { boardId: 'board-3' }, { limit: 50 }),
  50,
);
const selectBoard = raw.prepare<[string, string], { value: string }>(
  'SELECT value FROM docs WHERE collection = ? AND board = ? ORDER BY id',
);
const rawFind = await timeFind(
  'raw: SELECT 5,000 by indexed column',
  () => selectBoard.all('tasks', 'board-3').map((r) => JSON.parse(r.value)),
  perBoard,
);

await port.close();
raw.close();
rmSync(dir, { recursive: true, force: true });

console.log(
  JSON.stringify({
    bench: 'readstore-sqlite',
    commit1000: {
      insertMs: inserted.median,
      updateMs: updated.median,
      moveMs: moved.median,
      rawMs: median(rawTimes),
      unit: 'ms',
    },
    putsPerSecond: {
      insert: Math.round(inserted.rate),
      update: Math.round(updated.rate),
      move: Math.round(moved.rate),
      raw: Math.round(rawRate),
    },
    find5000: { value: find, raw: rawFind, unit: 'ms', ratio: Number((find / rawFind).toFixed(2)) },
  }),
);
