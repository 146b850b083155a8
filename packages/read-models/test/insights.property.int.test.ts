import { evolveBoardView, initialBoardView, type RecordedEvent } from '@taskomask/domain';
import type { EventStore } from '@taskomask/eventstore';
import { sqliteReadStore } from '@taskomask/readstore/sqlite';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  applyBatch,
  cumulativeFlow,
  loadFlow,
  readModels,
  readSchema,
  settingsOf,
  startOfDay,
} from '../src/index';

// For random histories of one board, the cumulative flow's count of each card at the end of each
// day equals the number of tasks on that card in the board as it was then: the board view folded
// from the log up to that moment, by the domain's own evolve function.

const ws = '10000000-0000-4000-8000-000000000001';
const board = '20000000-0000-4000-8000-000000000001';
const cardIds = [1, 2, 3, 4].map((n) => `30000000-0000-4000-8000-00000000000${n}`);
const taskIds = Array.from(
  { length: 12 },
  (_, n) => `40000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
);
const types = ['Backlog', 'ToDo', 'Doing', 'Done'] as const;
const start = Date.parse('2026-05-04T00:00:00.000Z');
const days = 6;
const noEventStore = {
  readStream: async () => {
    throw new Error('no gaps in these histories');
  },
} as unknown as EventStore;

type Step = Readonly<{ task: number; card: number; kind: 'touch' | 'delete'; gap: number }>;

const step = fc.record({
  task: fc.nat({ max: taskIds.length - 1 }),
  card: fc.nat({ max: cardIds.length - 1 }),
  kind: fc.constantFrom<'touch' | 'delete'>('touch', 'touch', 'touch', 'delete'),
  // Up to ~10 h between changes (0: the same millisecond), so days hold several or none.
  gap: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 10 * 3600_000 })),
});

/** The log a team could have written: creates, moves between cards and deletes, in time order. */
function historyOf(steps: readonly Step[], timeZone: string): RecordedEvent[] {
  const events: RecordedEvent[] = [];
  const versions = new Map<string, number>();
  const append = (stream: string, type: string, data: Record<string, unknown>, time: number) => {
    const version = (versions.get(stream) ?? 0) + 1;
    versions.set(stream, version);
    events.push({
      type,
      data,
      streamName: stream,
      streamVersion: version,
      globalPosition: events.length + 1,
      occurredAt: new Date(time).toISOString(),
      metadata: { userId: ws, correlationId: 'c', causationId: 'c' },
    });
  };
  append(
    `board-${board}`,
    'BoardCreated',
    { boardId: board, workspaceId: ws, projectId: ws, name: 'B', description: '' },
    start - 1,
  );
  if (timeZone !== 'UTC') {
    append(
      `board-${board}`,
      'BoardTimeZoneSet',
      { boardId: board, timeZone, previousTimeZone: null },
      start - 1,
    );
  }
  cardIds.forEach((cardId, i) => {
    append(
      `board-${board}`,
      'CardAdded',
      { boardId: board, cardId, name: `C${i}`, type: types[i], position: `a${i}` },
      start - 1,
    );
  });
  const where = new Map<string, string | null>(); // task → card; null: deleted
  let time = start;
  for (const s of steps) {
    time += s.gap;
    const taskId = taskIds[s.task]!;
    const cardId = cardIds[s.card]!;
    const stream = `task-${taskId}`;
    const on = where.get(taskId);
    if (on === null) continue; // deleted for good
    if (on === undefined) {
      if (s.kind === 'delete') continue;
      append(
        stream,
        'TaskCreated',
        {
          taskId,
          workspaceId: ws,
          boardId: board,
          cardId,
          title: taskId,
          description: '',
          position: `a${s.task}`,
          createdBy: ws,
          createdAt: new Date(time).toISOString(),
        },
        time,
      );
      where.set(taskId, cardId);
    } else if (s.kind === 'delete') {
      append(stream, 'TaskDeleted', { taskId, boardId: board, cardId: on, title: taskId }, time);
      where.set(taskId, null);
    } else {
      append(
        stream,
        'TaskMoved',
        {
          taskId,
          boardId: board,
          fromCardId: on,
          toCardId: cardId,
          position: `a${s.task}`,
          fromCardName: 'x',
          toCardName: 'y',
        },
        time,
      );
      where.set(taskId, cardId);
    }
  }
  return events;
}

/** Tasks per card in the board as the log up to (not including) instant `t` folds to. */
function foldedCounts(events: readonly RecordedEvent[], t: number): Record<string, number> {
  let view = initialBoardView(board);
  for (const event of events) {
    if (Date.parse(event.occurredAt) >= t) break;
    view = evolveBoardView(view, event);
  }
  return Object.fromEntries(view.cards.map((card) => [card.cardId, card.tasks.length]));
}

describe('cumulative flow, property', () => {
  it('each card’s count at the end of each day equals the board folded up to then', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 1, maxLength: 60 }),
        fc.constantFrom('UTC', 'Europe/Berlin', 'America/Los_Angeles', 'Asia/Kolkata'),
        async (steps, timeZone) => {
          const events = historyOf(steps, timeZone);
          const store = sqliteReadStore({ path: ':memory:', schema: readSchema });
          try {
            await applyBatch(events, { readStore: store, eventStore: noEventStore, ...readModels });
            const loaded = (await loadFlow(store, board))!;
            const flowBoard = loaded.board.value;
            expect(flowBoard.timeZone ?? 'UTC').toBe(timeZone);
            const tasks = loaded.tasks;
            const from = '2026-05-03';
            const range = { from, to: addDays(from, days), timeZone };
            const chart = cumulativeFlow(tasks, settingsOf(flowBoard), range, 'day');
            expect(chart.buckets).toHaveLength(days + 1);
            for (const bucket of chart.buckets) {
              const end = startOfDay(addDays(bucket.bucket, 1), timeZone);
              expect(Date.parse(bucket.end)).toBe(end);
              // A card that did not exist yet shows 0.
              const zeros = Object.fromEntries(cardIds.map((id) => [id, 0]));
              expect(bucket.counts, `${timeZone} ${bucket.bucket}`).toEqual({
                ...zeros,
                ...foldedCounts(events, end),
              });
            }
          } finally {
            await store.close();
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
