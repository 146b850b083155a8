import { describe, expect, it } from 'vitest';
import { OrderedDispatch } from '../src/ordered-dispatch';

type Item = { key: string; n: number };

/** A dispatch whose runs finish only when the test releases them. */
function harness(concurrency: number) {
  const started: Item[] = [];
  const releases = new Map<number, () => void>();
  const dispatch = new OrderedDispatch<Item>(
    concurrency,
    (item) => item.key,
    (item) =>
      new Promise<void>((resolve) => {
        started.push(item);
        releases.set(item.n, resolve);
      }),
  );
  const release = async (n: number) => {
    releases.get(n)?.();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { dispatch, started, release };
}

describe('OrderedDispatch', () => {
  it('with concurrency 1 runs items one at a time in push order, whatever their keys', async () => {
    const { dispatch, started, release } = harness(1);
    for (const [n, key] of ['a', 'b', 'c'].entries()) dispatch.push({ key, n });
    expect(started.map((i) => i.n)).toEqual([0]);
    await release(0);
    expect(started.map((i) => i.n)).toEqual([0, 1]);
    await release(1);
    await release(2);
    expect(started.map((i) => i.n)).toEqual([0, 1, 2]);
    await dispatch.idle();
  });

  it('runs other keys past a busy one, never two of one key at once', async () => {
    const { dispatch, started, release } = harness(3);
    const items = [
      { key: 'a', n: 0 },
      { key: 'a', n: 1 },
      { key: 'b', n: 2 },
      { key: 'c', n: 3 },
      { key: 'd', n: 4 },
    ];
    for (const item of items) dispatch.push(item);
    expect(started.map((i) => i.n)).toEqual([0, 2, 3]);
    await release(3);
    expect(started.map((i) => i.n)).toEqual([0, 2, 3, 4]);
    await release(0);
    expect(started.map((i) => i.n)).toEqual([0, 2, 3, 4, 1]);
    expect(dispatch.size).toBe(3);
  });

  it('drops queued items on request and reports idle once the running ones finish', async () => {
    const { dispatch, started, release } = harness(1);
    dispatch.push({ key: 'a', n: 0 });
    dispatch.push({ key: 'a', n: 1 });
    dispatch.push({ key: 'a', n: 2 });
    let idle = false;
    const waiting = dispatch.idle().then(() => {
      idle = true;
    });
    dispatch.drop((item) => item.n > 0);
    expect(dispatch.size).toBe(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(idle).toBe(false);
    await release(0);
    await waiting;
    expect(started.map((i) => i.n)).toEqual([0]);
  });
});
