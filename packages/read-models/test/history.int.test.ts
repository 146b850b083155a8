import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  activityEntry,
  boardView,
  evolveBoardView,
  evolveTaskDetails,
  initialBoardView,
  initialTaskDetails,
  parseStreamName,
  type RecordedEvent,
  taskDetails,
} from '@taskomask/domain';
import type { EventStore } from '@taskomask/eventstore';
import { sqliteEventStore } from '@taskomask/eventstore/sqlite';
import type { ReadStore } from '@taskomask/readstore';
import { sqliteReadStore } from '@taskomask/readstore/sqlite';
import { seeded } from '@taskomask/testkit';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  applyBatch,
  BOARD_SNAPSHOT_EVERY,
  BOARD_SNAPSHOT_WORK,
  type HistoryIndex,
  historyPage,
  positionAtTime,
  readModels,
  readSchema,
  stateAt,
  TASK_SNAPSHOT_EVERY,
} from '../src/index';
import { expectEqualToRebuild, generateHistory } from '../src/testing';

const dir = mkdtempSync(join(tmpdir(), 'taskomask-history-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A log with one board busy enough to cross several board and task snapshots. */
async function logOf(
  seed: number,
  boardsPerWorkspace = 2,
): Promise<{ eventStore: EventStore; log: RecordedEvent[] }> {
  const eventStore = sqliteEventStore({ path: ':memory:' });
  for (const append of generateHistory({
    seed,
    workspaces: 1,
    boardsPerWorkspace,
    tasksPerBoard: 6,
    edits: 2 * BOARD_SNAPSHOT_EVERY + 300,
  })) {
    await eventStore.appendToStreams([append]);
  }
  return { eventStore, log: await eventStore.readAll({ fromPosition: 1, limit: 1_000_000 }) };
}

/**
 * The order a bus may deliver the log in: each stream's events in their order, streams
 * interleaved at random — so another stream's event can come after a snapshot past it.
 */
function deliveryOrder(log: readonly RecordedEvent[], seed: number): RecordedEvent[] {
  const random = seeded(seed);
  const queues = new Map<string, RecordedEvent[]>();
  for (const e of log) queues.set(e.streamName, [...(queues.get(e.streamName) ?? []), e]);
  const out: RecordedEvent[] = [];
  while (out.length < log.length) {
    // Mostly the oldest waiting event; now and then one stream runs ahead.
    const heads = [...queues.values()].filter((q) => q.length > 0);
    const oldest = heads.reduce((a, b) => (a[0]!.globalPosition < b[0]!.globalPosition ? a : b));
    const queue = random() < 0.9 ? oldest : heads[Math.floor(random() * heads.length)]!;
    out.push(queue.shift()!);
  }
  return out;
}

async function project(
  events: readonly RecordedEvent[],
  eventStore: EventStore,
  batchSizes: readonly number[],
): Promise<ReadStore> {
  const store = sqliteReadStore({ path: ':memory:', schema: readSchema });
  let at = 0;
  for (let i = 0; at < events.length; i++) {
    const size = batchSizes[i % batchSizes.length]!;
    await applyBatch(events.slice(at, at + size), { readStore: store, eventStore, ...readModels });
    at += size;
  }
  return store;
}

const boardsOf = (log: readonly RecordedEvent[]) =>
  log.filter((e) => e.type === 'BoardCreated').map((e) => parseStreamName(e.streamName)!.id);
const busiestTasks = (log: readonly RecordedEvent[], n: number) => {
  const counts = new Map<string, number>();
  for (const e of log) {
    const s = parseStreamName(e.streamName);
    if (s?.category === 'task') counts.set(s.id, (counts.get(s.id) ?? 0) + 1);
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([id]) => id)
    .slice(0, n);
};

async function snapshotsOf(store: ReadStore, scope: 'board' | 'task', id: string) {
  return (await store.get<HistoryIndex>('history', `${scope}:${id}`))?.value.snapshots ?? [];
}

describe('history: the board and its tasks at any position', () => {
  it('equals the fold of the log up to P, across snapshots, however the log was delivered', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1_000 }),
        fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 8, maxLength: 8 }),
        async (seed, batchSizes, shuffled, picks) => {
          const { eventStore, log } = await logOf(seed);
          const delivered = shuffled ? deliveryOrder(log, seed) : log;
          const store = await project(delivered, eventStore, batchSizes);
          const head = log.at(-1)!.globalPosition;
          for (const boardId of boardsOf(log)) {
            const snapshots = await snapshotsOf(store, 'board', boardId);
            const positions = [
              ...picks.map((x) => Math.floor(x * head) + 1),
              ...snapshots.flatMap((p) => [p - 1, p, p + 1]),
              head,
            ];
            for (const p of positions) {
              const at = await stateAt(
                store,
                'board',
                boardId,
                p,
                initialBoardView(boardId),
                evolveBoardView,
              );
              const expected = boardView(
                boardId,
                log.filter((e) => e.globalPosition <= p),
              );
              expect(at?.state, `board ${boardId} at ${p}`).toEqual(expected);
              // In log order a fold never takes more than the interval (a late event drops the
              // snapshots past it, so delivered out of order it may).
              if (!shuffled) expect(at!.folded).toBeLessThanOrEqual(BOARD_SNAPSHOT_EVERY);
            }
            // A time: the board's last change at or before it, however it was delivered.
            const onBoard = log.filter(
              (e) =>
                e.streamName === `board-${boardId}` ||
                (e.streamName.startsWith('task-') &&
                  (e.data as { boardId?: string }).boardId === boardId),
            );
            for (const x of picks.slice(0, 3)) {
              const time = Date.parse(onBoard[Math.floor(x * onBoard.length)]!.occurredAt);
              const expected = onBoard.filter((e) => Date.parse(e.occurredAt) <= time).at(-1);
              expect(await positionAtTime(store, 'board', boardId, time)).toBe(
                expected!.globalPosition,
              );
            }
          }
          for (const taskId of busiestTasks(log, 3)) {
            const snapshots = await snapshotsOf(store, 'task', taskId);
            for (const p of [...picks.map((x) => Math.floor(x * head) + 1), ...snapshots]) {
              const at = await stateAt(
                store,
                'task',
                taskId,
                p,
                initialTaskDetails(taskId),
                evolveTaskDetails,
              );
              const expected = taskDetails(
                taskId,
                log.filter((e) => e.globalPosition <= p),
              );
              expect(at?.state, `task ${taskId} at ${p}`).toEqual(expected);
              if (!shuffled) expect(at!.folded).toBeLessThanOrEqual(TASK_SNAPSHOT_EVERY);
            }
          }
          await store.close();
          await eventStore.close();
        },
      ),
      { numRuns: 4 },
    );
  }, 240_000);

  it('takes snapshots, and a rebuild makes the same history documents', async () => {
    const { eventStore, log } = await logOf(7, 1);
    const live = await project(log, eventStore, [1, 13, 250]);
    const [busiest] = boardsOf(log)
      .map((id) => [id, log.filter((e) => (e.data as { boardId?: string }).boardId === id).length])
      .sort((a, b) => (b[1] as number) - (a[1] as number));
    expect((await snapshotsOf(live, 'board', busiest![0] as string)).length).toBeGreaterThan(1);
    expect((await live.all('history')).length).toBeGreaterThan(20);
    const { documents } = await expectEqualToRebuild(
      eventStore,
      live,
      mkdtempSync(join(dir, 'r-')),
    );
    expect(documents).toBeGreaterThan(0);
  }, 120_000);

  it('snapshots a big board sooner: by the work a fold would do, not only by count', async () => {
    const eventStore = sqliteEventStore({ path: ':memory:' });
    for (const append of generateHistory({
      seed: 9,
      workspaces: 1,
      boardsPerWorkspace: 1,
      tasksPerBoard: 400,
      edits: 1_500,
    })) {
      await eventStore.appendToStreams([append]);
    }
    const log = await eventStore.readAll({ fromPosition: 1, limit: 1_000_000 });
    const store = await project(log, eventStore, [500]);
    const [boardId] = boardsOf(log);
    const onBoard = log.filter((e) => (e.data as { boardId?: string }).boardId === boardId);
    const snapshots = await snapshotsOf(store, 'board', boardId!);
    // 400 tasks: about 128,000 / 400 = 320 events apart, where the count alone would say 512.
    expect(snapshots.length).toBeGreaterThan(Math.floor(onBoard.length / 512) + 1);
    const gaps = snapshots.map(
      (p, i) =>
        onBoard.filter((e) => e.globalPosition > (snapshots[i - 1] ?? 0) && e.globalPosition <= p)
          .length,
    );
    expect(Math.max(...gaps.slice(1))).toBeLessThan(BOARD_SNAPSHOT_WORK / 300);
    const p = snapshots[1]! + 100;
    const at = await stateAt(
      store,
      'board',
      boardId!,
      p,
      initialBoardView(boardId!),
      evolveBoardView,
    );
    expect(at?.state).toEqual(
      boardView(
        boardId!,
        log.filter((e) => e.globalPosition <= p),
      ),
    );
  }, 60_000);

  it('lists the changes newest first, page by page, and finds the change at a time', async () => {
    const { eventStore, log } = await logOf(3);
    const store = await project(log, eventStore, [100]);
    const [boardId] = boardsOf(log);
    const onBoard = log.filter(
      (e) =>
        e.streamName === `board-${boardId}` ||
        (e.streamName.startsWith('task-') && (e.data as { boardId?: string }).boardId === boardId),
    );
    const listed = onBoard.filter((e) => activityEntry(e) !== null).reverse();
    const keep = (e: RecordedEvent) => activityEntry(e) !== null;
    const seen: number[] = [];
    let before: number | undefined;
    for (let pages = 0; ; pages++) {
      const page = await historyPage(store, 'board', boardId!, {
        limit: 37,
        keep,
        ...(before === undefined ? {} : { before }),
      });
      seen.push(...page!.events.map((e) => e.globalPosition));
      if (page!.nextBefore === null) break;
      expect(page!.events).toHaveLength(37);
      before = page!.nextBefore;
      expect(pages).toBeLessThan(1_000);
    }
    expect(seen).toEqual(listed.map((e) => e.globalPosition));
    expect(
      (await historyPage(store, 'board', 'no-such-board', { limit: 5, keep })) === undefined,
    ).toBe(true);

    for (const e of [onBoard[0]!, onBoard[200]!, onBoard.at(-1)!]) {
      const time = Date.parse(e.occurredAt);
      const expected = onBoard.filter((x) => Date.parse(x.occurredAt) <= time).at(-1)!;
      expect(await positionAtTime(store, 'board', boardId!, time)).toBe(expected.globalPosition);
    }
    expect(
      await positionAtTime(store, 'board', boardId!, Date.parse(onBoard[0]!.occurredAt) - 1),
    ).toBeUndefined();
  }, 60_000);
});
