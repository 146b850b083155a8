import { randomUUID } from 'node:crypto';
import type { EventStore } from '@taskomask/eventstore';
import { sqliteEventStore } from '@taskomask/eventstore/sqlite';
import { inProcessBus } from '@taskomask/messaging/in-process';
import { waitFor } from '@taskomask/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { startForwarder } from '../src/forwarder';

// How often the holder writes its lease: once a third of the lease has passed, not per batch nor
// per idle second — what an idle embedded process and a one-client load used to pay for.

const metadata = { userId: 'u', correlationId: 'c', causationId: 'c' };

/** The store, counting the lease calls. */
function counted(store: EventStore) {
  const calls = { acquire: 0 };
  const wrapped: EventStore = {
    ...store,
    acquireLease: (...args) => {
      calls.acquire++;
      return store.acquireLease(...args);
    },
  };
  return { store: wrapped, calls };
}

describe('the forwarder lease renewal', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.reverse()) await close();
    closers.length = 0;
  });

  it('renews once per third of the lease, not per batch, and publishes every event', async () => {
    const base = sqliteEventStore({ path: ':memory:' });
    const bus = inProcessBus();
    closers.push(
      () => bus.close(),
      () => base.close(),
    );
    const positions: number[] = [];
    await bus.consume('seen', ['#'], async (message) => {
      positions.push((message.body as { globalPosition: number }).globalPosition);
    });
    const { store, calls } = counted(base);
    const forwarder = startForwarder({ store, bus, leaseMs: 60_000, batchSize: 1 });
    closers.push(() => forwarder.stop());
    for (let i = 1; i <= 50; i++) {
      await base.appendToStream(
        `task-${randomUUID()}`,
        [{ type: 'TaskRenamed', data: { i }, metadata }],
        {
          expectedVersion: 'no_stream',
        },
      );
    }
    await waitFor(async () => (await forwarder.checkpoint()) === 50, { what: 'checkpoint 50' });
    expect(positions).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    // 50 batches of one event within far less than 20 s: the first acquire is the only one.
    expect(calls.acquire).toBe(1);
  });

  it('renews an idle lease before it lapses, and stops at once however long the lease', async () => {
    const base = sqliteEventStore({ path: ':memory:' });
    const bus = inProcessBus();
    closers.push(
      () => bus.close(),
      () => base.close(),
    );
    const { store, calls } = counted(base);
    const forwarder = startForwarder({ store, bus, leaseMs: 300 });
    await waitFor(() => calls.acquire >= 4, { what: 'four renewals of a 300 ms lease' });
    // A second holder never gets a lease kept alive by renewals (each within 100 ms).
    expect(await base.acquireLease('forwarder', 'other', 300)).toBe(false);
    await forwarder.stop();

    const { store: longStore } = counted(base);
    const long = startForwarder({ store: longStore, bus, leaseMs: 600_000 });
    await waitFor(() => base.acquireLease('forwarder', long.holder, 600_000), {
      what: 'the long lease held',
    });
    const started = performance.now();
    await long.stop();
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
