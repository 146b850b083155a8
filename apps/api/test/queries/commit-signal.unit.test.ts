import type { ReadStore } from '@taskomask/readstore';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { commitSignal } from '../../src/queries/commit-signal';
import type { CurrentGeneration } from '../../src/queries/current-generation';
import { fallbackPollMs, readAt } from '../../src/queries/read-position';

/** Settles pending promise callbacks without letting fake time pass. */
const settle = () => vi.advanceTimersByTimeAsync(0);

describe('commit signal', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('wakes a wait on the first commit at or past its position, not before', async () => {
    vi.useFakeTimers();
    const commits = commitSignal();
    let woke = false;
    const waiting = commits.until(5, 10_000).then(() => {
      woke = true;
    });
    commits.committed(4);
    await settle();
    expect(woke).toBe(false);
    commits.committed(6);
    await waiting;
    expect(woke).toBe(true);
  });

  it('ends a wait at its deadline when no commit comes', async () => {
    vi.useFakeTimers();
    const commits = commitSignal();
    let woke = false;
    void commits.until(5, 1_000).then(() => {
      woke = true;
    });
    await vi.advanceTimersByTimeAsync(999);
    expect(woke).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(woke).toBe(true);
  });

  it('lets a minPosition read answer on the commit notice, without polling in between', async () => {
    vi.useFakeTimers();
    let position = 3;
    const reads = vi.fn(async () => position);
    const store = { position: reads } as unknown as ReadStore;
    const generation: CurrentGeneration = {
      store: async () => store,
      generation: () => 'g1',
      close: async () => undefined,
    };
    const commits = commitSignal();
    let answer: Awaited<ReturnType<typeof readAt>> | undefined;
    void readAt(generation, 5, { waitMs: 10_000, commits }).then((a) => {
      answer = a;
    });
    await vi.advanceTimersByTimeAsync(fallbackPollMs - 1);
    expect(reads).toHaveBeenCalledTimes(1);
    position = 5;
    commits.committed(5);
    await settle();
    expect(answer?.stale).toBe(false);
    expect(answer?.position).toBe(5);
    expect(reads).toHaveBeenCalledTimes(2);
  });
});
