import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command, Decider, Event } from '@taskomask/domain';
import { afterAll, describe, expect, it } from 'vitest';
import { handleCommand, loadAggregate } from '../src/command-handler';
import { WrongExpectedVersionError } from '../src/errors';
import { sqliteEventStore } from '../src/sqlite/sqlite-event-store';

// A counter that refuses to pass 3: enough to show load → decide → append and the retry rule.
type Add = Command<'Add', { by: number }>;
type Added = Event<'Added', { by: number }>;
type Counter = { total: number };
const counter: Decider<Add, Added, Counter> = {
  initialState: () => ({ total: 0 }),
  decide: (c, s) => {
    if (s.total + c.data.by > 3) throw new Error('over the limit');
    return c.data.by === 0 ? [] : [{ type: 'Added', data: { by: c.data.by } }];
  },
  evolve: (s, e) => ({ total: s.total + e.data.by }),
};
const add = (by: number): Add => ({
  type: 'Add',
  data: { by },
  metadata: { userId: 'u', now: '2026-11-26T00:00:00.000Z' },
});
const metadata = { userId: 'u', correlationId: 'c', causationId: 'c' };

describe('handleCommand', () => {
  const dir = mkdtempSync(join(tmpdir(), 'taskomask-handler-'));
  const store = sqliteEventStore({ path: join(dir, 'events.db') });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('appends what decide returns and reports version and position', async () => {
    const result = await handleCommand(store, 'counter-a', counter, add(2), { metadata });
    expect(result).toMatchObject({ state: { total: 2 }, version: 1, position: 1 });
    const [stored] = await store.readStream('counter-a');
    expect(stored).toMatchObject({
      type: 'Added',
      occurredAt: '2026-11-26T00:00:00.000Z',
      metadata,
    });
  });

  it('writes nothing for a command that changes nothing', async () => {
    const result = await handleCommand(store, 'counter-a', counter, add(0), { metadata });
    expect(result).toMatchObject({ events: [], version: 1, position: undefined });
  });

  it('reports a stale If-Match without retrying', async () => {
    await expect(
      handleCommand(store, 'counter-a', counter, add(1), { metadata, ifMatch: 0 }),
    ).rejects.toBeInstanceOf(WrongExpectedVersionError);
    expect(await store.streamVersion('counter-a')).toBe(1);
  });

  it('re-decides after a conflict so rules hold against the winner', async () => {
    // Both read total 0; one of them must be re-decided against total 2 and then refused.
    const outcomes = await Promise.allSettled([
      handleCommand(store, 'counter-b', counter, add(2), { metadata }),
      handleCommand(store, 'counter-b', counter, add(2), { metadata }),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect((await loadAggregate(store, 'counter-b', counter)).state.total).toBe(2);
  });

  it('rebuilds from the stream exactly the state the commands produced', async () => {
    let last: Counter | undefined;
    for (const by of [1, 1, 1]) {
      last = (await handleCommand(store, 'counter-c', counter, add(by), { metadata })).state;
    }
    expect(await loadAggregate(store, 'counter-c', counter)).toEqual({ state: last, version: 3 });
  });
});
