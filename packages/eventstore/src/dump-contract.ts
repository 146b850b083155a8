import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { EventLogDump } from './dump';
import type { EventStore } from './port';

export type OpenedForDump = Readonly<{ store: EventStore; dump: EventLogDump }>;

const metadata = { userId: 'u-1', correlationId: 'c-1', causationId: 'c-1' };

/** A small history with every kind of state a store keeps: events, keyed conditions, checkpoints. */
async function writeHistory(store: EventStore) {
  const board = `board-${randomUUID()}`;
  const task = `task-${randomUUID()}`;
  const key = `idempotency-${randomUUID().replaceAll('-', '')}`;
  await store.appendToStream(
    board,
    [
      {
        type: 'BoardCreated',
        data: { name: 'Plan', nested: { émoji: '✓', n: 1.5 } },
        metadata,
        occurredAt: '2026-01-02T03:04:05.000Z',
      },
    ],
    { expectedVersion: 'no_stream' },
  );
  await store.appendToStreams(
    [
      {
        stream: task,
        expectedVersion: 'no_stream',
        events: [{ type: 'TaskCreated', data: { title: 'A' }, metadata }],
      },
      {
        stream: key,
        expectedVersion: 'no_stream',
        events: [{ type: 'CommandAccepted', data: { status: 201 }, metadata }],
      },
    ],
    {
      conditions: [
        { kind: 'claim', set: 'titles:b', member: 'a', owner: 't-1' },
        { kind: 'counter', key: 'tasks:b', delta: 1, max: 1000 },
        {
          kind: 'seed',
          marker: 'registry:b',
          claims: [{ set: 'titles:b', member: 'old', owner: 't-0' }],
          counters: [{ key: 'tasks:b', value: 1 }],
        },
      ],
    },
  );
  await store.appendToStream(board, [{ type: 'BoardRenamed', data: { name: 'Q' }, metadata }], {
    expectedVersion: 1,
  });
  await store.setCheckpoint('forwarder', 2);
  return { board, task, key };
}

async function exportAll(dump: EventLogDump) {
  const { position, keyed } = await dump.snapshot();
  const events = await dump.readEvents(1, position, 1_000);
  return { position, keyed, events };
}

/**
 * Export and import of every EventStore adapter: `open` gives a fresh, empty store with its dump
 * on the same data each call.
 */
export function eventLogDumpContract(adapter: string, open: () => Promise<OpenedForDump>): void {
  describe(`EventLogDump contract: ${adapter}`, () => {
    const opened: OpenedForDump[] = [];
    const fresh = async () => {
      const o = await open();
      opened.push(o);
      return o;
    };
    afterAll(async () => {
      for (const o of opened) {
        await o.dump.close();
        await o.store.close();
      }
    });

    it('exports the log in global order with versions, metadata, times and the keyed state', async () => {
      const { store, dump } = await fresh();
      expect(await dump.isEmpty()).toBe(true);
      const { board, key } = await writeHistory(store);
      expect(await dump.isEmpty()).toBe(false);
      const { position, keyed, events } = await exportAll(dump);
      expect(position).toBe(4);
      expect(events.map((e) => [e.globalPosition, e.streamName, e.streamVersion, e.type])).toEqual([
        [1, board, 1, 'BoardCreated'],
        [2, expect.stringMatching(/^task-/), 1, 'TaskCreated'],
        [3, key, 1, 'CommandAccepted'],
        [4, board, 2, 'BoardRenamed'],
      ]);
      expect(JSON.parse(events[0]!.data)).toEqual({ name: 'Plan', nested: { émoji: '✓', n: 1.5 } });
      expect(JSON.parse(events[0]!.metadata)).toEqual(metadata);
      expect(events[0]!.occurredAt).toBe('2026-01-02T03:04:05.000Z');
      expect(keyed).toEqual({
        claims: [
          { set: 'titles:b', member: 'a', owner: 't-1' },
          { set: 'titles:b', member: 'old', owner: 't-0' },
        ],
        counters: [{ key: 'tasks:b', value: 2 }],
        seeds: ['registry:b'],
        checkpoints: [{ name: 'forwarder', position: 2 }],
      });
    });

    it('reads a cut: events up to the snapshot position, whatever came after', async () => {
      const { store, dump } = await fresh();
      await writeHistory(store);
      const { position } = await dump.snapshot();
      await store.appendToStream(`board-${randomUUID()}`, [{ type: 'Later', data: {}, metadata }], {
        expectedVersion: 'no_stream',
      });
      const events = await dump.readEvents(1, position, 1_000);
      expect(events.map((e) => e.globalPosition)).toEqual([1, 2, 3, 4]);
      expect((await dump.readEvents(2, 3, 1)).map((e) => e.globalPosition)).toEqual([2]);
    });

    it('imports into an empty store keeping positions, versions and keys, and the store continues', async () => {
      const source = await fresh();
      const { board, task, key } = await writeHistory(source.store);
      const exported = await exportAll(source.dump);

      const target = await fresh();
      // In two batches, as a restore loads them.
      await target.dump.loadEvents(exported.events.slice(0, 3));
      await target.dump.loadEvents(exported.events.slice(3));
      await target.dump.loadKeyed(exported.keyed);

      expect(await target.store.readAll({ fromPosition: 1, limit: 100 })).toEqual(
        await source.store.readAll({ fromPosition: 1, limit: 100 }),
      );
      for (const s of [board, task, key]) {
        expect(await target.store.readStream(s)).toEqual(await source.store.readStream(s));
        expect(await target.store.streamVersion(s)).toBe(await source.store.streamVersion(s));
      }
      expect(await exportAll(target.dump)).toEqual(exported);
      // Each event's schema version travels with it (all current here: v1).
      expect(exported.events.map((e) => e.schemaVersion)).toEqual([1, 1, 1, 1]);
      expect(await target.store.getCheckpoint('forwarder')).toBe(2);

      // Appends continue the positions and versions; the imported keys still hold.
      expect(
        await target.store.appendToStream(board, [{ type: 'BoardRenamed', data: {}, metadata }], {
          expectedVersion: 2,
        }),
      ).toEqual({ nextVersion: 3, lastGlobalPosition: 5 });
      await expect(
        target.store.appendToStreams(
          [
            {
              stream: `task-${randomUUID()}`,
              expectedVersion: 'no_stream',
              events: [{ type: 'TaskCreated', data: { title: 'a' }, metadata }],
            },
          ],
          { conditions: [{ kind: 'claim', set: 'titles:b', member: 'a', owner: 't-9' }] },
        ),
      ).rejects.toMatchObject({ name: 'ConditionFailedError' });
    });

    it('refuses events that do not continue the log, writing none of them', async () => {
      const source = await fresh();
      await writeHistory(source.store);
      const { events } = await exportAll(source.dump);
      const target = await fresh();
      await expect(target.dump.loadEvents(events.slice(1))).rejects.toThrow(
        'event at position 2 does not follow 0',
      );
      const wrongVersion = [{ ...events[0]!, streamVersion: 2 }];
      await expect(target.dump.loadEvents(wrongVersion)).rejects.toThrow(/has version 2 of/);
      expect(await target.dump.isEmpty()).toBe(true);
    });
  });
}
