import { randomUUID } from 'node:crypto';
import type { EventStore } from '@taskomask/eventstore';
import { redisEventStore } from '@taskomask/eventstore/redis';
import type { MessageBus } from '@taskomask/messaging';
import { rabbitMqBus } from '@taskomask/messaging/rabbitmq';
import { type Appender, generateHistory, startAppending } from '@taskomask/read-models/testing';
import { serverUrls, unavailable, waitFor } from '@taskomask/testkit';
import { deleteBusTopology, deleteRedisKeys, withQuery } from '@taskomask/testkit/cleanup';
import { startProcess, type TestProcess, waitWhileRunning } from '@taskomask/testkit/processes';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';

// Two forwarder processes on one Redis log and one RabbitMQ exchange: one holds the lease and
// publishes; when it dies (SIGKILL) or freezes (SIGSTOP) it renews nothing, and the other takes
// over once the lease lapses. A consumer on the bus checks that no position is ever skipped.

const run = randomUUID().slice(0, 8);
const leaseMs = 3_000;
const quiet = () => {};

const forwardedLines = (p: TestProcess) =>
  p
    .output()
    .split('\n')
    .filter((line) => line.startsWith('[forwarder] forwarded'));

type Pair = {
  store: EventStore;
  /** Every global position the bus delivered, with how many times. */
  seen: Map<number, number>;
  leaseHolder(): Promise<string | null>;
  holders: Map<TestProcess, string>;
  active: TestProcess;
  standby: TestProcess;
  appender: Appender;
};

describe.skipIf(unavailable('redis') || unavailable('rabbitmq'))('one active forwarder', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  }, 60_000);

  /**
   * Its own key prefix, exchange and queue; a consumer; two forwarder processes; a steady flow of
   * appends. Resolves once 300 events went through, with the process that holds the lease.
   */
  async function startPair(tag: string): Promise<Pair> {
    const prefix = `test:forwarder-lease:${run}:${tag}:`;
    const exchange = `test.forwarder-lease.${run}.${tag}`;
    const queue = exchange;
    const children: TestProcess[] = [];
    let appender: Appender | undefined;
    const store = redisEventStore({ url: serverUrls.redis, keyPrefix: prefix });
    const redis = new Redis(serverUrls.redis);
    let bus: MessageBus | undefined;
    cleanups.push(async () => {
      for (const child of children) await child.kill();
      await appender?.stop().catch(quiet);
      await bus?.close();
      await store.close();
      await redis.quit();
      await deleteRedisKeys(serverUrls.redis, prefix);
      await deleteBusTopology(serverUrls.rabbitmq, { exchange, queues: [queue] });
    });
    bus = await rabbitMqBus({ url: serverUrls.rabbitmq, exchange, onError: quiet });
    const seen = new Map<number, number>();
    await bus.consume(
      queue,
      ['#'],
      async (message) => {
        const { globalPosition } = message.body as { globalPosition: number };
        seen.set(globalPosition, (seen.get(globalPosition) ?? 0) + 1);
      },
      { prefetch: 200 },
    );

    const env = {
      EVENT_STORE_URL: withQuery(serverUrls.redis, 'prefix', prefix),
      BUS_URL: withQuery(serverUrls.rabbitmq, 'exchange', exchange),
      FORWARDER_LEASE_MS: String(leaseMs),
    };
    const holders = new Map<TestProcess, string>();
    for (const name of [`${tag}-a`, `${tag}-b`]) {
      const child = startProcess({
        name,
        script: 'apps/forwarder/test/support/forwarder-process.ts',
        env,
      });
      children.push(child);
      const line = await child.waitForLine(/^\[forwarder\] started as /, { timeoutMs: 60_000 });
      holders.set(child, line.slice('[forwarder] started as '.length).trim());
    }
    const [a, b] = children as [TestProcess, TestProcess];
    appender = startAppending(
      store,
      generateHistory({ seed: 21, workspaces: 1, tasksPerBoard: 10, edits: 100_000 }),
      { paceMs: 2 },
    );
    await waitWhileRunning([a, b], () => seen.size >= 300, {
      timeoutMs: 60_000,
      what: '300 events delivered',
    });
    const leaseHolder = () => redis.get(`${prefix}events:$lease:forwarder`);
    const active = (await leaseHolder()) === holders.get(a) ? a : b;
    return {
      store,
      seen,
      leaseHolder,
      holders,
      active,
      standby: active === a ? b : a,
      appender,
    };
  }

  /** Stops the appends and expects the checkpoint at the head and every position delivered. */
  async function expectNothingSkipped(pair: Pair, running: TestProcess[]): Promise<number> {
    await pair.appender.stop();
    const head = await pair.store.headPosition();
    await waitWhileRunning(
      running,
      async () => (await pair.store.getCheckpoint('forwarder')) === head,
      { timeoutMs: 30_000, what: `the checkpoint at ${head}` },
    );
    await waitFor(() => pair.seen.size >= head, {
      timeoutMs: 30_000,
      what: `${head} positions delivered`,
    });
    const missing = Array.from({ length: head }, (_, i) => i + 1).filter((p) => !pair.seen.has(p));
    expect(missing).toEqual([]);
    expect(pair.seen.size).toBe(head);
    return head;
  }

  const republished = (pair: Pair) =>
    [...pair.seen.values()].reduce((n, count) => n + count - 1, 0);

  it('publishes from the holder only; a standby takes over a killed holder', async () => {
    const pair = await startPair('kill');
    const { active, standby, store } = pair;
    expect(await pair.leaseHolder()).toBe(pair.holders.get(active));
    expect(forwardedLines(active).length).toBeGreaterThan(0);
    expect(forwardedLines(standby)).toEqual([]);

    const checkpointAtKill = await store.getCheckpoint('forwarder');
    const killedAt = Date.now();
    await active.kill();
    // A killed holder releases nothing: the standby must wait for the lease to lapse.
    expect(await pair.leaseHolder()).toBe(pair.holders.get(active));
    await standby.waitForLine(/^\[forwarder\] forwarded/, { timeoutMs: 20_000 });
    const takeoverMs = Date.now() - killedAt;
    expect(await pair.leaseHolder()).toBe(pair.holders.get(standby));
    await waitWhileRunning(
      [standby],
      async () => (await store.getCheckpoint('forwarder')) >= checkpointAtKill + 300,
      { timeoutMs: 30_000, what: 'the checkpoint 300 past where the holder died' },
    );

    const head = await expectNothingSkipped(pair, [standby]);
    expect(await standby.stop()).toEqual({ code: 0, signal: null });
    // A graceful stop releases the lease at once.
    expect(await pair.leaseHolder()).toBeNull();
    console.info(
      `[forwarder-lease] kill: ${head} events; holder killed at checkpoint ${checkpointAtKill}; ` +
        `standby published ${takeoverMs} ms later (lease ${leaseMs} ms); ` +
        `${republished(pair)} re-published`,
    );
  }, 180_000);

  it('a frozen holder loses the lease, and after it thaws nothing is skipped', async () => {
    const pair = await startPair('freeze');
    const { active, standby, store } = pair;
    const checkpointAtFreeze = await store.getCheckpoint('forwarder');
    active.signal('SIGSTOP');
    try {
      await standby.waitForLine(/^\[forwarder\] forwarded/, { timeoutMs: 20_000 });
      expect(await pair.leaseHolder()).toBe(pair.holders.get(standby));
      await waitWhileRunning(
        [standby],
        async () => (await store.getCheckpoint('forwarder')) >= checkpointAtFreeze + 300,
        { timeoutMs: 30_000, what: 'the checkpoint 300 past the freeze' },
      );
    } finally {
      active.signal('SIGCONT');
    }
    const linesBeforeThaw = forwardedLines(active).length;
    // The thawed process finishes at most the batch it was in, then finds the lease taken.
    const head = await expectNothingSkipped(pair, [active, standby]);
    expect(forwardedLines(active).length - linesBeforeThaw).toBeLessThanOrEqual(1);
    expect(await pair.leaseHolder()).toBe(pair.holders.get(standby));
    console.info(
      `[forwarder-lease] freeze: ${head} events; holder frozen at checkpoint ` +
        `${checkpointAtFreeze}; ${republished(pair)} re-published`,
    );
  }, 180_000);
});
