import type { RecordedEvent } from '@taskomask/domain';
import type { EventStore } from '@taskomask/eventstore';
import type { ReadStore } from '@taskomask/readstore';
import { sqliteReadStore } from '@taskomask/readstore/sqlite';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  aging,
  applyBatch,
  cumulativeFlow,
  cycleTimes,
  dayOf,
  flowReadModel,
  loadFlow,
  readModels,
  readSchema,
  settingsOf,
  startOfDay,
  throughput,
} from '../src/index';

// A scripted week on one board, with fixed times, folded by the real projection into a real
// (in-memory SQLite) read store; every expected figure below was worked out by hand.
//
//   cards: Backlog (B), To do (T), Doing (D: started), Done (F: done); days are March 2026, UTC.
//   Mon 2  09:00 t1 created in T        Tue 3  09:00 t1 T→D      Wed 4  08:00 t4 created in D
//          10:00 t2 created in B               12:00 t5 T→F             09:00 t1 D→F
//          11:00 t3 created in D               15:00 t2 B→T             12:00 t3 D→F
//          12:00 t5 created in T
//          23:30 t6 created in T (Tuesday 00:30 in Berlin)
//   Thu 5  08:00 t4 deleted            Fri 6  09:00 t3 D→F (done again: done at its last arrival)
//          09:00 t3 F→D (reopened)
//          15:00 t2 T→D
//   "now": Sat 7 12:00.

const ws = '10000000-0000-4000-8000-000000000001';
const board = '20000000-0000-4000-8000-000000000001';
const card = (n: number) => `30000000-0000-4000-8000-00000000000${n}`;
const [B, T, D, F] = [card(1), card(2), card(3), card(4)];
const task = (n: number) => `40000000-0000-4000-8000-00000000000${n}`;
const [t1, t2, t3, t4, t5, t6] = [1, 2, 3, 4, 5, 6].map(task) as [
  string,
  string,
  string,
  string,
  string,
  string,
];
const ann = '00000000-0000-4000-8000-00000000000a';
const hour = 3600_000;
const mon = Date.parse('2026-03-02T00:00:00.000Z');
const at = (day: number, h: number) => mon + day * 24 * hour + h * hour;
const now = at(5, 12);

const noEventStore = {
  readStream: async () => {
    throw new Error('no gaps in these histories');
  },
} as unknown as EventStore;

let store: ReadStore;
let position = 0;
const versions = new Map<string, number>();

async function happen(stream: string, type: string, data: Record<string, unknown>, time: number) {
  const version = (versions.get(stream) ?? 0) + 1;
  versions.set(stream, version);
  const event: RecordedEvent = {
    type,
    data,
    streamName: stream,
    streamVersion: version,
    globalPosition: ++position,
    occurredAt: new Date(time).toISOString(),
    metadata: { userId: ann, correlationId: 'c', causationId: 'c' },
  };
  await applyBatch([event], { readStore: store, eventStore: noEventStore, ...readModels });
}

const names: Record<string, string> = { [B]: 'Backlog', [T]: 'To do', [D]: 'Doing', [F]: 'Done' };
const create = (taskId: string, cardId: string, time: number) =>
  happen(
    `task-${taskId}`,
    'TaskCreated',
    {
      taskId,
      workspaceId: ws,
      boardId: board,
      cardId,
      title: `Task ${taskId.slice(-1)}`,
      description: '',
      position: 'a0',
      createdBy: ann,
      createdAt: new Date(time).toISOString(),
    },
    time,
  );
const move = (taskId: string, from: string, to: string, time: number) =>
  happen(
    `task-${taskId}`,
    'TaskMoved',
    {
      taskId,
      boardId: board,
      fromCardId: from,
      toCardId: to,
      position: 'a1',
      fromCardName: names[from],
      toCardName: names[to],
    },
    time,
  );

async function week() {
  await happen(
    `board-${board}`,
    'BoardCreated',
    { boardId: board, workspaceId: ws, projectId: ws, name: 'Sprint', description: '' },
    mon - hour,
  );
  for (const [cardId, type, position] of [
    [B, 'Backlog', 'a0'],
    [T, 'ToDo', 'a1'],
    [D, 'Doing', 'a2'],
    [F, 'Done', 'a3'],
  ] as const) {
    await happen(
      `board-${board}`,
      'CardAdded',
      { boardId: board, cardId, name: names[cardId], type, position },
      mon - hour,
    );
  }
  await create(t1, T, at(0, 9));
  await create(t2, B, at(0, 10));
  await create(t3, D, at(0, 11));
  await create(t5, T, at(0, 12));
  await create(t6, T, at(0, 23.5));
  await move(t1, T, D, at(1, 9));
  await move(t5, T, F, at(1, 12));
  await move(t2, B, T, at(1, 15));
  await create(t4, D, at(2, 8));
  await move(t1, D, F, at(2, 9));
  await move(t3, D, F, at(2, 12));
  await happen(
    `task-${t4}`,
    'TaskDeleted',
    { taskId: t4, boardId: board, cardId: D, title: 'Task 4' },
    at(3, 8),
  );
  await move(t3, F, D, at(3, 9));
  await move(t2, T, D, at(3, 15));
  await move(t3, D, F, at(4, 9));
}

async function flow() {
  const loaded = (await loadFlow(store, board))!;
  return { settings: settingsOf(loaded.board.value), tasks: loaded.tasks };
}

const utcWeek = { from: '2026-03-02', to: '2026-03-06', timeZone: 'UTC' };

beforeEach(async () => {
  store = sqliteReadStore({ path: ':memory:', schema: readSchema });
  position = 0;
  versions.clear();
  await week();
});

describe('flow insights of a scripted week (hand-computed)', () => {
  it('cumulative flow: the tasks on each card at the end of each day', async () => {
    const { settings, tasks } = await flow();
    const chart = cumulativeFlow(tasks, settings, utcWeek, 'day');
    expect(chart.cards.map((c) => c.name)).toEqual(['Backlog', 'To do', 'Doing', 'Done']);
    const rows = chart.buckets.map((b) => [b.bucket, ...[B, T, D, F].map((c) => b.counts[c])]);
    expect(rows).toEqual([
      ['2026-03-02', 1, 3, 1, 0],
      ['2026-03-03', 0, 2, 2, 1],
      ['2026-03-04', 0, 2, 1, 3],
      ['2026-03-05', 0, 1, 2, 2],
      ['2026-03-06', 0, 1, 1, 3],
    ]);
    expect(chart.buckets[0]!.end).toBe('2026-03-03T00:00:00.000Z');
  });

  it("counts days in the board's time zone: t6, made at 00:30 Berlin time, is Tuesday's", async () => {
    const { settings, tasks } = await flow();
    const berlin = { ...utcWeek, timeZone: 'Europe/Berlin' };
    const chart = cumulativeFlow(tasks, settings, berlin, 'day');
    expect(chart.buckets[0]).toMatchObject({
      bucket: '2026-03-02',
      end: '2026-03-02T23:00:00.000Z',
      counts: { [B]: 1, [T]: 2, [D]: 1, [F]: 0 },
    });
    expect(chart.buckets[1]!.counts).toEqual({ [B]: 0, [T]: 2, [D]: 2, [F]: 1 });
  });

  it('cycle and lead times: done at the last arrival on Done, time in each card, percentiles', async () => {
    const { settings, tasks } = await flow();
    const result = cycleTimes(tasks, settings, utcWeek, now);
    expect(result.tasks).toEqual([
      {
        taskId: t5,
        title: 'Task 5',
        createdAt: '2026-03-02T12:00:00.000Z',
        // Never on a started card: it started when it arrived on Done.
        startedAt: '2026-03-03T12:00:00.000Z',
        doneAt: '2026-03-03T12:00:00.000Z',
        cycleSeconds: 0,
        leadSeconds: 86_400,
        inCards: { [T]: 86_400 },
      },
      {
        taskId: t1,
        title: 'Task 1',
        createdAt: '2026-03-02T09:00:00.000Z',
        startedAt: '2026-03-03T09:00:00.000Z',
        doneAt: '2026-03-04T09:00:00.000Z',
        cycleSeconds: 86_400,
        leadSeconds: 172_800,
        inCards: { [T]: 86_400, [D]: 86_400 },
      },
      {
        taskId: t3,
        title: 'Task 3',
        createdAt: '2026-03-02T11:00:00.000Z',
        startedAt: '2026-03-02T11:00:00.000Z',
        doneAt: '2026-03-06T09:00:00.000Z',
        cycleSeconds: 338_400, // 94 h
        leadSeconds: 338_400,
        // Doing 49 h + 24 h, Done 21 h before it was reopened.
        inCards: { [D]: 262_800, [F]: 75_600 },
      },
    ]);
    expect(result.percentiles).toEqual({ p50: 86_400, p85: 338_400, p95: 338_400 });
  });

  it('a past range sees tasks as they stood at its end: t3 was done on Wednesday then', async () => {
    const { settings, tasks } = await flow();
    const result = cycleTimes(tasks, settings, { ...utcWeek, to: '2026-03-04' }, now);
    expect(result.tasks.map((t) => [t.taskId, t.doneAt, t.cycleSeconds])).toEqual([
      [t5, '2026-03-03T12:00:00.000Z', 0],
      [t1, '2026-03-04T09:00:00.000Z', 86_400],
      [t3, '2026-03-04T12:00:00.000Z', 176_400],
    ]);
  });

  it('throughput per day and per week', async () => {
    const { settings, tasks } = await flow();
    expect(throughput(tasks, settings, utcWeek, 'day', now)).toEqual([
      { bucket: '2026-03-02', done: 0 },
      { bucket: '2026-03-03', done: 1 },
      { bucket: '2026-03-04', done: 1 },
      { bucket: '2026-03-05', done: 0 },
      { bucket: '2026-03-06', done: 1 },
    ]);
    expect(throughput(tasks, settings, utcWeek, 'week', now)).toEqual([
      { bucket: '2026-03-02', done: 3 },
    ]);
  });

  it('aging work: tasks on a started card, their age since they started, against p85', async () => {
    const { settings, tasks } = await flow();
    expect(aging(tasks, settings, utcWeek, now)).toEqual({
      p85Seconds: 338_400,
      tasks: [
        {
          taskId: t2,
          title: 'Task 2',
          cardId: D,
          startedAt: '2026-03-05T15:00:00.000Z',
          ageSeconds: 162_000, // Thu 15:00 → Sat 12:00
          overP85: false,
        },
      ],
    });
  });

  it('a card set to count as started moves the start of the tasks that passed it', async () => {
    await happen(
      `board-${board}`,
      'CardFlowSet',
      { boardId: board, cardId: T, name: 'To do', flow: 'started', previousFlow: null },
      now,
    );
    const { settings, tasks } = await flow();
    const byTask = new Map(
      cycleTimes(tasks, settings, utcWeek, now).tasks.map((t) => [t.taskId, t]),
    );
    expect(byTask.get(t1)?.cycleSeconds).toBe(172_800);
    expect(byTask.get(t5)?.startedAt).toBe('2026-03-02T12:00:00.000Z');
    // t6 now counts as work in progress, started at its creation.
    const wip = aging(tasks, settings, utcWeek, now).tasks.map((t) => t.taskId);
    expect(wip).toEqual([t6, t2]);
  });

  it('hour buckets: the state at the end of each hour', async () => {
    const { settings, tasks } = await flow();
    const day = { from: '2026-03-04', to: '2026-03-04', timeZone: 'UTC' };
    const chart = cumulativeFlow(tasks, settings, day, 'hour');
    expect(chart.buckets).toHaveLength(24);
    // 08:00–09:00 ends at 09:00: t1's move at exactly 09:00 counts in the next hour.
    expect(chart.buckets[8]!.counts).toEqual({ [B]: 0, [T]: 2, [D]: 3, [F]: 1 });
    expect(chart.buckets[9]!.counts).toEqual({ [B]: 0, [T]: 2, [D]: 2, [F]: 2 });
  });
});

describe('the flow log', () => {
  it('seals full chunks and reads them back in order, across batches', async () => {
    // 2,500 moves of t6 between To do and Doing after the week: three chunks in all, applied in
    // batches of 300 (the projector's size) so seals fall inside batches and between them.
    const events: RecordedEvent[] = [];
    for (let i = 0; i < 2500; i++) {
      const [from, to] = i % 2 === 0 ? [T, D] : [D, T];
      const stream = `task-${t6}`;
      const version = (versions.get(stream) ?? 0) + 1;
      versions.set(stream, version);
      events.push({
        type: 'TaskMoved',
        data: { taskId: t6, boardId: board, fromCardId: from, toCardId: to, position: 'a1' },
        streamName: stream,
        streamVersion: version,
        globalPosition: ++position,
        occurredAt: new Date(at(5, 13) + i * 1000).toISOString(),
        metadata: { userId: ann, correlationId: 'c', causationId: 'c' },
      });
    }
    for (let i = 0; i < events.length; i += 300) {
      await applyBatch(events.slice(i, i + 300), {
        readStore: store,
        eventStore: noEventStore,
        ...flowReadModel,
      });
    }
    const loaded = (await loadFlow(store, board))!;
    expect(loaded.board.value.chunks).toBe(3);
    expect(loaded.docs).toHaveLength(4);
    const six = loaded.tasks.find((t) => t.taskId === t6)!;
    expect(six.stays).toHaveLength(2501);
    expect(six.stays.at(-1)).toEqual([T, at(5, 13) + 2499 * 1000, null]);
    expect(six.stays[1]).toEqual([D, at(5, 13), at(5, 13) + 1000]);
  });
});

describe('days in a time zone', () => {
  it('follow daylight saving: Berlin days around the change of 29 March 2026', () => {
    expect(new Date(startOfDay('2026-03-29', 'Europe/Berlin')).toISOString()).toBe(
      '2026-03-28T23:00:00.000Z',
    );
    expect(new Date(startOfDay('2026-03-30', 'Europe/Berlin')).toISOString()).toBe(
      '2026-03-29T22:00:00.000Z',
    );
    expect(dayOf(Date.parse('2026-03-29T22:30:00Z'), 'Europe/Berlin')).toBe('2026-03-30');
    expect(dayOf(Date.parse('2026-03-29T21:30:00Z'), 'Europe/Berlin')).toBe('2026-03-29');
    expect(new Date(startOfDay('2026-03-02', 'Asia/Kolkata')).toISOString()).toBe(
      '2026-03-01T18:30:00.000Z',
    );
  });
});
