import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '@taskomask/eventstore';
import { redisEventStore } from '@taskomask/eventstore/redis';
import { type Forwarder, startForwarder } from '@taskomask/forwarder';
import type { MessageBus } from '@taskomask/messaging';
import { rabbitMqBus } from '@taskomask/messaging/rabbitmq';
import { readSchema } from '@taskomask/read-models';
import {
  type Appender,
  expectEqualToRebuild,
  expectStreamVersionsMatch,
  generateHistory,
  startAppending,
} from '@taskomask/read-models/testing';
import type { ReadStore, ReadStoreCatalog } from '@taskomask/readstore';
import { sqliteReadStoreCatalog } from '@taskomask/readstore/sqlite';
import { serverUrls, unavailable, waitFor } from '@taskomask/testkit';
import { deleteBusTopology, deleteRedisKeys, withQuery } from '@taskomask/testkit/cleanup';
import { startProcess, type TestProcess, waitWhileRunning } from '@taskomask/testkit/processes';
import { afterAll, describe, expect, it } from 'vitest';

// The projector as a real process (apps/projector/src/main.ts) on Redis and RabbitMQ, SIGKILLed in
// the middle of ~5,000 events and started again: nothing lost, nothing applied twice.

const run = randomUUID().slice(0, 8);
const prefix = `test:projector-crash:${run}:`;
const exchange = `test.projector-crash.${run}`;
const queue = `test.projector-crash.${run}`;
const quiet = () => {};

describe.skipIf(unavailable('redis') || unavailable('rabbitmq'))(
  'projector process killed mid-stream',
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'taskomask-projector-crash-'));
    const readDb = join(dir, 'live', 'read.db');
    const env = {
      EVENT_STORE_URL: withQuery(serverUrls.redis, 'prefix', prefix),
      BUS_URL: withQuery(serverUrls.rabbitmq, 'exchange', exchange),
      READ_STORE_URL: `sqlite:${readDb}`,
      PROJECTOR_QUEUE: queue,
      // Small batches: the read store advances in many steps, so the kill lands between two.
      PROJECTOR_PREFETCH: '50',
      // This test watches the read store, not the scrape endpoint.
      METRICS_DISABLED: 'true',
    };
    const children: TestProcess[] = [];
    let eventStore: EventStore | undefined;
    let bus: MessageBus | undefined;
    let forwarder: Forwarder | undefined;
    let appender: Appender | undefined;
    let catalog: ReadStoreCatalog | undefined;

    const startProjectorProcess = async () => {
      const child = startProcess({
        name: `projector#${children.length + 1}`,
        script: 'apps/projector/src/main.ts',
        env,
      });
      children.push(child);
      await child.waitForLine(/"msg":"projector consuming"/, { timeoutMs: 60_000 });
      return child;
    };

    afterAll(async () => {
      for (const child of children) await child.kill();
      await appender?.stop().catch(quiet);
      await forwarder?.stop();
      await bus?.close();
      await catalog?.close();
      await eventStore?.close();
      await deleteRedisKeys(serverUrls.redis, prefix);
      await deleteBusTopology(serverUrls.rabbitmq, { exchange, queues: [queue] });
      rmSync(dir, { recursive: true, force: true });
    }, 60_000);

    it('equals a fresh rebuild after a SIGKILL and a restart, document by document', async () => {
      const started = Date.now();
      eventStore = redisEventStore({ url: serverUrls.redis, keyPrefix: prefix });
      const store = eventStore;
      bus = await rabbitMqBus({ url: serverUrls.rabbitmq, exchange, onError: quiet });
      const history = [
        ...generateHistory({
          seed: 11,
          workspaces: 2,
          boardsPerWorkspace: 2,
          tasksPerBoard: 50,
          edits: 3_400,
        }),
      ];
      const total = history.reduce((n, append) => n + append.events.length, 0);
      expect(total).toBeGreaterThanOrEqual(4_900);

      // Events already forwarded before the projector's queue existed reach the unrouted queue,
      // not the projector: it must catch up from the event store when it starts.
      forwarder = startForwarder({ store, bus, onError: quiet });
      const early = history.slice(0, 100);
      for (const append of early) await store.appendToStreams([append]);
      const earlyHead = await store.headPosition();
      const following = forwarder;
      await waitFor(async () => (await following.checkpoint()) === earlyHead, {
        timeoutMs: 20_000,
        what: 'the early events forwarded',
      });

      const first = await startProjectorProcess();
      catalog = sqliteReadStoreCatalog({ path: readDb, schema: readSchema });
      const live: ReadStore = await catalog.open(await catalog.current());

      appender = startAppending(store, history.slice(early.length), { paceMs: 1, every: 2 });
      const flowing = appender;
      await waitWhileRunning([first], async () => (await live.position()) >= 1_500, {
        timeoutMs: 60_000,
        what: 'the projector process to apply 1,500 events',
      });
      const exit = await first.kill();
      const positionAtKill = await live.position();
      const appendedAtKill = earlyHead + flowing.events;
      expect(exit.signal).toBe('SIGKILL');
      // Killed in the middle: some events applied, the rest still to come.
      expect(positionAtKill).toBeGreaterThanOrEqual(1_500);
      expect(positionAtKill).toBeLessThan(total);

      // Events keep coming while no projector runs; they wait in its durable queue.
      await waitFor(
        () => flowing.events + earlyHead >= Math.min(total, appendedAtKill + 300) || undefined,
        { timeoutMs: 30_000, what: '300 more events appended while the projector is down' },
      );
      const second = await startProjectorProcess();
      await flowing.done;
      const head = await store.headPosition();
      expect(head).toBe(total);
      await waitFor(async () => (await following.checkpoint()) === head, {
        timeoutMs: 60_000,
        what: `the forwarder's checkpoint at ${head}`,
      });
      await waitWhileRunning(
        [second],
        async () => !!((await live.position()) === head && (await bus!.stats(queue)).ready === 0),
        { timeoutMs: 90_000, what: `the read store at ${head} and the queue drained` },
      );
      // A graceful stop settles what it holds and exits cleanly.
      expect(await second.stop()).toEqual({ code: 0, signal: null });
      expect(await bus.stats(queue)).toMatchObject({ ready: 0, consumers: 0, deadLettered: 0 });

      const streams = await expectStreamVersionsMatch(store, live);
      const rebuilt = await expectEqualToRebuild(store, live, join(dir, 'rebuilt'));
      expect(rebuilt.events).toBe(total);
      console.info(
        `[projector-crash] ${total} events, ${streams} streams, ${rebuilt.documents} documents; ` +
          `killed at position ${positionAtKill} (head then ${appendedAtKill}); ` +
          `${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    }, 240_000);
  },
);
