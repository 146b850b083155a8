import { randomUUID } from 'node:crypto';
import { EventFromTheFutureError, upcastingOf } from '@taskomask/domain';
import { waitFor } from '@taskomask/testkit';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { ConditionFailedError, InvalidAppendError, WrongExpectedVersionError } from './errors';
import { type AppendCondition, type EventStore, type NewEvent, type ReadShape, raw } from './port';

const metadata = { userId: 'u-1', correlationId: 'c-1', causationId: 'c-1' };
const event = (type: string, data: Record<string, unknown> = {}): NewEvent => ({
  type,
  data,
  metadata,
});
const stream = (type = 'board') => `${type}-${randomUUID()}`;

/**
 * The behaviour every EventStore adapter must show. `open` gives a fresh, empty store each time
 * (its own key prefix or file), so tests never see each other's events; `shape` is passed to the
 * adapter as is (absent: the adapter's default, the domain's upcaster).
 */
export function eventStoreContract(
  adapter: string,
  open: (shape?: ReadShape) => Promise<EventStore>,
): void {
  describe(`EventStore contract: ${adapter}`, () => {
    let store: EventStore;
    const opened: EventStore[] = [];
    beforeEach(async () => {
      store = await open();
      opened.push(store);
    });
    afterAll(async () => {
      await Promise.all(opened.map((s) => s.close()));
    });

    it('appends and reads back the full envelope', async () => {
      const s = stream();
      const result = await store.appendToStream(
        s,
        [{ ...event('BoardCreated', { name: 'Plan' }), occurredAt: '2026-01-02T03:04:05.000Z' }],
        { expectedVersion: 'no_stream' },
      );
      expect(result).toEqual({ nextVersion: 1, lastGlobalPosition: 1 });
      const [read] = await store.readStream(s);
      expect(read).toEqual({
        type: 'BoardCreated',
        data: { name: 'Plan' },
        streamName: s,
        streamVersion: 1,
        globalPosition: 1,
        occurredAt: '2026-01-02T03:04:05.000Z',
        metadata,
        schemaVersion: 1,
      });
    });

    describe('schema versions', () => {
      // A test-local registry: `Renamed` v1 had `name`, v2 calls it `title` and adds `source`.
      const renamed = upcastingOf({
        Renamed: {
          current: 2,
          upcasters: { 1: ({ name, ...rest }) => ({ ...rest, title: name, source: 'v1' }) },
        },
      });
      const openShaped = async (shape: ReadShape) => {
        const shaped = await open(shape);
        opened.push(shaped);
        return shaped;
      };

      it('keeps the version each event was written in, the domain current one by default', async () => {
        const shaped = await openShaped(raw);
        const s = stream();
        await shaped.appendToStream(
          s,
          [
            event('TaskRenamed', { title: 'a' }),
            { ...event('Renamed', { title: 'b' }), schemaVersion: 2 },
            event('Unknown', {}),
          ],
          { expectedVersion: 'no_stream' },
        );
        const versions = (events: { schemaVersion?: number }[]) =>
          events.map((e) => e.schemaVersion);
        expect(versions(await shaped.readStream(s))).toEqual([1, 2, 1]);
        expect(versions(await shaped.readAll({ fromPosition: 1, limit: 10 }))).toEqual([1, 2, 1]);
      });

      it('hands out every event through the upcaster, old and current alike', async () => {
        const shaped = await openShaped({ upcast: renamed.upcast });
        const s = stream();
        await shaped.appendToStream(
          s,
          [
            { ...event('Renamed', { name: 'old', id: 1 }), schemaVersion: 1 },
            { ...event('Renamed', { title: 'new', id: 2 }), schemaVersion: 2 },
          ],
          { expectedVersion: 'no_stream' },
        );
        const expected = [
          { data: { id: 1, title: 'old', source: 'v1' }, schemaVersion: 2 },
          { data: { id: 2, title: 'new' }, schemaVersion: 2 },
        ];
        const shape = (events: { data: unknown; schemaVersion?: number }[]) =>
          events.map(({ data, schemaVersion }) => ({ data, schemaVersion }));
        expect(shape(await shaped.readStream(s))).toEqual(expected);
        expect(shape(await shaped.readAll({ fromPosition: 1, limit: 10 }))).toEqual(expected);
      });

      it('refuses to fold an event newer than the code reading it', async () => {
        const s = stream();
        await store.appendToStream(s, [{ ...event('TaskRenamed', {}), schemaVersion: 9 }], {
          expectedVersion: 'no_stream',
        });
        await expect(store.readStream(s)).rejects.toThrow(EventFromTheFutureError);
      });

      it('rejects a schema version that is not a positive integer and writes nothing', async () => {
        const s = stream();
        for (const schemaVersion of [0, -1, 1.5, Number.NaN]) {
          await expect(
            store.appendToStream(s, [{ ...event('A'), schemaVersion }], { expectedVersion: 'any' }),
          ).rejects.toThrow(InvalidAppendError);
        }
        expect(await store.streamVersion(s)).toBe(0);
      });
    });

    it('stamps occurredAt when the writer gives none', async () => {
      const s = stream();
      await store.appendToStream(s, [event('A')], { expectedVersion: 'any' });
      const [read] = await store.readStream(s);
      expect(Date.parse(read!.occurredAt)).not.toBeNaN();
    });

    it('keeps order within a stream and reads from a version with a limit', async () => {
      const s = stream();
      const events = Array.from({ length: 10 }, (_, i) => event('Numbered', { i }));
      expect(await store.appendToStream(s, events, { expectedVersion: 'no_stream' })).toEqual({
        nextVersion: 10,
        lastGlobalPosition: 10,
      });
      const all = await store.readStream(s);
      expect(all.map((e) => (e.data as { i: number }).i)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(all.map((e) => e.streamVersion)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      const part = await store.readStream(s, { fromVersion: 4, limit: 3 });
      expect(part.map((e) => e.streamVersion)).toEqual([4, 5, 6]);
      expect(await store.readStream(s, { fromVersion: 11 })).toEqual([]);
      expect(await store.streamVersion(s)).toBe(10);
    });

    it('reads an unknown stream as empty at version 0', async () => {
      const s = stream();
      expect(await store.readStream(s)).toEqual([]);
      expect(await store.streamVersion(s)).toBe(0);
    });

    it('rejects a wrong expected version with a typed conflict and writes nothing', async () => {
      const s = stream();
      await store.appendToStream(s, [event('A'), event('B')], { expectedVersion: 'no_stream' });
      const attempt = store.appendToStream(s, [event('C')], { expectedVersion: 1 });
      await expect(attempt).rejects.toBeInstanceOf(WrongExpectedVersionError);
      await expect(attempt).rejects.toMatchObject({ stream: s, expected: 1, actual: 2 });
      await expect(
        store.appendToStream(s, [event('C')], { expectedVersion: 'no_stream' }),
      ).rejects.toBeInstanceOf(WrongExpectedVersionError);
      expect(await store.streamVersion(s)).toBe(2);
      expect(await store.headPosition()).toBe(2);
      await store.appendToStream(s, [event('C')], { expectedVersion: 2 });
      await store.appendToStream(s, [event('D')], { expectedVersion: 'any' });
      expect((await store.readStream(s)).map((e) => e.type)).toEqual(['A', 'B', 'C', 'D']);
    });

    it('lets exactly one of 50 concurrent appends at the same version win', async () => {
      const s = stream();
      await store.appendToStream(s, [event('Created')], { expectedVersion: 'no_stream' });
      const outcomes = await Promise.allSettled(
        Array.from({ length: 50 }, (_, i) =>
          store.appendToStream(s, [event('Raced', { i }), event('Second', { i })], {
            expectedVersion: 1,
          }),
        ),
      );
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.filter((o) => o.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(49);
      for (const o of lost) expect(o.reason).toBeInstanceOf(WrongExpectedVersionError);
      const events = await store.readStream(s);
      expect(events).toHaveLength(3);
      // Both events of the winner and nothing of the losers: no partial write.
      expect(events[1]!.data).toEqual(events[2]!.data);
      expect(await store.headPosition()).toBe(3);
    });

    it('appends to several streams all or nothing', async () => {
      const board = stream('board');
      const task = stream('task');
      await store.appendToStream(board, [event('BoardCreated')], { expectedVersion: 'no_stream' });
      const results = await store.appendToStreams([
        { stream: board, events: [event('BoardTaskAdded')], expectedVersion: 1 },
        {
          stream: task,
          events: [event('TaskCreated'), event('TaskRenamed')],
          expectedVersion: 'no_stream',
        },
      ]);
      expect(results).toEqual([
        { nextVersion: 2, lastGlobalPosition: 4 },
        { nextVersion: 2, lastGlobalPosition: 4 },
      ]);
      const conflicting = store.appendToStreams([
        { stream: board, events: [event('BoardTaskAdded')], expectedVersion: 2 },
        { stream: task, events: [event('TaskCreated')], expectedVersion: 'no_stream' },
      ]);
      await expect(conflicting).rejects.toMatchObject({ stream: task, actual: 2 });
      expect(await store.streamVersion(board)).toBe(2);
      expect(await store.headPosition()).toBe(4);
    });

    it('keeps one global log in commit order across streams', async () => {
      const a = stream();
      const b = stream('task');
      await store.appendToStream(a, [event('A1')], { expectedVersion: 'any' });
      await store.appendToStream(b, [event('B1'), event('B2')], { expectedVersion: 'any' });
      await store.appendToStream(a, [event('A2')], { expectedVersion: 'any' });
      const log = await store.readAll({ fromPosition: 1, limit: 100 });
      expect(log.map((e) => [e.type, e.streamName, e.streamVersion, e.globalPosition])).toEqual([
        ['A1', a, 1, 1],
        ['B1', b, 1, 2],
        ['B2', b, 2, 3],
        ['A2', a, 2, 4],
      ]);
      const tail = await store.readAll({ fromPosition: 2, limit: 2 });
      expect(tail.map((e) => e.globalPosition)).toEqual([2, 3]);
      expect(await store.readAll({ fromPosition: 5, limit: 10 })).toEqual([]);
      expect(await store.headPosition()).toBe(4);
      // The log and the stream agree on each event's place.
      const [a2] = await store.readStream(a, { fromVersion: 2 });
      expect(a2!.globalPosition).toBe(4);
    });

    it('stores large events and unicode intact', async () => {
      const s = stream();
      const big = 'x'.repeat(1024 * 1024);
      const text = 'Zoë 🚀 مرحبا 中文 \u0000 "quoted" \\ \n\t <script>';
      await store.appendToStream(
        s,
        [event('Big', { big }), event('Unicode', { text, nested: { list: [text, 1, null] } })],
        { expectedVersion: 'no_stream' },
      );
      const [bigRead, uni] = await store.readStream(s);
      expect((bigRead!.data as { big: string }).big).toHaveLength(1024 * 1024);
      expect(uni!.data).toEqual({ text, nested: { list: [text, 1, null] } });
    });

    it.each([
      ['a stream name without a type', 'nodash', [event('A')], 'any', 'stream'],
      ['an empty stream id', 'board-', [event('A')], 'any', 'stream'],
      ['a key-breaking stream name', 'board-a b', [event('A')], 'any', 'stream'],
      ['no events', `board-${randomUUID()}`, [], 'any', 'events'],
      ['a bad event type', `board-${randomUUID()}`, [event('has space')], 'any', 'events[0].type'],
      [
        'data that is not an object',
        `board-${randomUUID()}`,
        [{ type: 'A', data: 'text', metadata }],
        'any',
        'events[0].data',
      ],
      [
        'missing metadata',
        `board-${randomUUID()}`,
        [{ type: 'A', data: {} }],
        'any',
        'events[0].metadata',
      ],
      [
        'a bad occurredAt',
        `board-${randomUUID()}`,
        [{ ...event('A'), occurredAt: 'yesterday' }],
        'any',
        'events[0].occurredAt',
      ],
      ['a negative expected version', `board-${randomUUID()}`, [event('A')], -1, 'expectedVersion'],
    ])('rejects %s and writes nothing', async (_, s, events, expectedVersion, field) => {
      const attempt = store.appendToStream(s as string, events as NewEvent[], {
        expectedVersion: expectedVersion as never,
      });
      await expect(attempt).rejects.toBeInstanceOf(InvalidAppendError);
      await expect(attempt).rejects.toMatchObject({ field });
      expect(await store.headPosition()).toBe(0);
    });

    it('rejects data that cannot be serialised', async () => {
      const circular: Record<string, unknown> = {};
      circular.self = circular;
      await expect(
        store.appendToStream(stream(), [event('A', circular)], { expectedVersion: 'any' }),
      ).rejects.toMatchObject({ field: 'events[0].data' });
      await expect(
        store.appendToStreams([
          { stream: 'board-same', events: [event('A')], expectedVersion: 'any' },
          { stream: 'board-same', events: [event('A')], expectedVersion: 'any' },
        ]),
      ).rejects.toBeInstanceOf(InvalidAppendError);
      expect(await store.headPosition()).toBe(0);
    });

    it('wakes a follower waiting for the next position', async () => {
      expect(await store.waitForPosition(1, 50)).toBe(false);
      const waiting = store.waitForPosition(1, 10_000);
      await store.appendToStream(stream(), [event('A')], { expectedVersion: 'any' });
      expect(await waiting).toBe(true);
      expect(await store.waitForPosition(1, 10)).toBe(true);
    });

    it('keeps named checkpoints', async () => {
      expect(await store.getCheckpoint('forwarder')).toBe(0);
      await store.setCheckpoint('forwarder', 42);
      await store.setCheckpoint('other', 7);
      expect(await store.getCheckpoint('forwarder')).toBe(42);
      expect(await store.getCheckpoint('other')).toBe(7);
      // A follower that lost its lease while paused writes an older position: it is ignored.
      await store.setCheckpoint('forwarder', 40);
      expect(await store.getCheckpoint('forwarder')).toBe(42);
    });

    it('grants a lease to one holder until it lapses', async () => {
      expect(await store.acquireLease('forwarder', 'a', 60_000)).toBe(true);
      expect(await store.acquireLease('forwarder', 'b', 60_000)).toBe(false);
      expect(await store.acquireLease('forwarder', 'a', 60_000)).toBe(true);
      await store.releaseLease('forwarder', 'b');
      expect(await store.acquireLease('forwarder', 'b', 60_000)).toBe(false);
      await store.releaseLease('forwarder', 'a');
      expect(await store.acquireLease('forwarder', 'b', 1)).toBe(true);
      // A lease that lapsed (its holder died) goes to the next taker.
      await waitFor(() => store.acquireLease('forwarder', 'c', 60_000), { what: 'lease lapse' });
      expect(await store.acquireLease('forwarder', 'b', 60_000)).toBe(false);
    });

    describe('checks and conditions', () => {
      const one = (s = stream('task')) => [
        { stream: s, events: [event('A')], expectedVersion: 'any' as const },
      ];
      const claim = (member: string, owner: string, set = 'titles'): AppendCondition => ({
        kind: 'claim',
        set,
        member,
        owner,
      });
      const counter = (
        delta: number,
        bounds: { min?: number; max?: number } = {},
      ): AppendCondition => ({
        kind: 'counter',
        key: 'tasks',
        delta,
        ...bounds,
      });
      const refused = async (conditions: AppendCondition[], index: number) => {
        const before = await store.headPosition();
        const attempt = store.appendToStreams(one(), { conditions });
        await expect(attempt).rejects.toBeInstanceOf(ConditionFailedError);
        await expect(attempt).rejects.toMatchObject({ index, condition: conditions[index] });
        expect(await store.headPosition()).toBe(before);
      };
      const holds = async (conditions: AppendCondition[]) => {
        await store.appendToStreams(one(), { conditions });
      };

      it('checks the version of a stream it does not write', async () => {
        const board = stream();
        await store.appendToStream(board, [event('A')], { expectedVersion: 'no_stream' });
        await store.appendToStreams(one(), { checks: [{ stream: board, expectedVersion: 1 }] });
        const attempt = store.appendToStreams(one(), {
          checks: [{ stream: board, expectedVersion: 0 }],
        });
        await expect(attempt).rejects.toBeInstanceOf(WrongExpectedVersionError);
        await expect(attempt).rejects.toMatchObject({ stream: board, actual: 1 });
        expect(await store.streamVersion(board)).toBe(1);
        expect(await store.headPosition()).toBe(2);
      });

      it('gives a claimed member to one owner until that owner releases it', async () => {
        await holds([claim('write the copy', 't1')]);
        await holds([claim('write the copy', 't1')]);
        await holds([claim('write the copy', 't2', 'other-titles')]);
        await refused([claim('write the copy', 't2')], 0);
        await holds([{ kind: 'release', set: 'titles', member: 'write the copy', owner: 't2' }]);
        await refused([claim('x', 't2'), claim('write the copy', 't2')], 1);
        await holds([
          { kind: 'release', set: 'titles', member: 'write the copy', owner: 't1' },
          claim('write the copy', 't2'),
        ]);
        await refused([claim('write the copy', 't1')], 0);
        // The refused batch above claimed `x` first: refused together, so `x` is still free.
        await holds([claim('x', 't3')]);
      });

      it('keeps a counter within its bounds', async () => {
        await holds([counter(0, { max: 0 })]);
        await holds([counter(2, { max: 3 })]);
        await refused([counter(2, { max: 3 })], 0);
        await holds([counter(1, { max: 3 })]);
        await refused([counter(0, { max: 0 })], 0);
        await refused([counter(-1), counter(-3, { min: 0 })], 1);
        await holds([counter(-3, { min: 0 }), counter(0, { min: 0, max: 0 })]);
      });

      it('seeds claims and counters once per marker, before the conditions after it', async () => {
        const seed: AppendCondition = {
          kind: 'seed',
          marker: 'board-1',
          claims: [{ set: 'titles', member: 'old', owner: 't0' }],
          counters: [{ key: 'tasks', value: 5 }],
        };
        await refused([seed, claim('old', 't1')], 1);
        await holds([seed, counter(0, { min: 5, max: 5 })]);
        await holds([seed, counter(1, { min: 6, max: 6 })]);
        await refused([seed, claim('old', 't1')], 1);
      });

      it('lets exactly one of many concurrent claims of a member win', async () => {
        const attempts = await Promise.allSettled(
          Array.from({ length: 32 }, (_, i) =>
            store.appendToStreams(one(), { conditions: [claim('same title', `t${i}`)] }),
          ),
        );
        const won = attempts.filter((a) => a.status === 'fulfilled');
        expect(won).toHaveLength(1);
        for (const a of attempts) {
          if (a.status === 'rejected') expect(a.reason).toBeInstanceOf(ConditionFailedError);
        }
        expect(await store.headPosition()).toBe(1);
      });

      it('never lets 64 concurrent increments pass the maximum', async () => {
        const attempts = await Promise.allSettled(
          Array.from({ length: 64 }, () =>
            store.appendToStreams(one(), { conditions: [counter(1, { max: 10 })] }),
          ),
        );
        expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(10);
        expect(await store.headPosition()).toBe(10);
        await holds([counter(0, { min: 10, max: 10 })]);
      });

      it('rejects malformed conditions and writes nothing', async () => {
        await expect(
          store.appendToStreams(one(), {
            conditions: [{ kind: 'counter', key: 'has space', delta: 1 }],
          }),
        ).rejects.toBeInstanceOf(InvalidAppendError);
        await expect(
          store.appendToStreams(one(), { conditions: [counter(0.5)] }),
        ).rejects.toMatchObject({ field: 'conditions[0].delta' });
        expect(await store.headPosition()).toBe(0);
      });
    });
  });
}
