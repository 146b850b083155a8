import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '@taskomask/eventstore';
import { redisEventStore } from '@taskomask/eventstore/redis';
import { type Forwarder, startForwarder } from '@taskomask/forwarder';
import type { MessageBus } from '@taskomask/messaging';
import { rabbitMqBus } from '@taskomask/messaging/rabbitmq';
import { type Projector, startProjector } from '@taskomask/projector';
import { readSchema, recordingNotifier } from '@taskomask/read-models';
import {
  type Appender,
  expectEqualToRebuild,
  expectStreamVersionsMatch,
  generateHistory,
  startAppending,
} from '@taskomask/read-models/testing';
import type { ReadStoreCatalog } from '@taskomask/readstore';
import { sqliteReadStoreCatalog } from '@taskomask/readstore/sqlite';
import { serverUrls, unavailable, waitFor } from '@taskomask/testkit';
import { deleteRedisKeys } from '@taskomask/testkit/cleanup';
import {
  createRabbitNode,
  type RabbitNode,
  rabbitNodeUnavailable,
} from '@taskomask/testkit/rabbit-node';
import { afterAll, describe, expect, it } from 'vitest';

// Redis → forwarder → RabbitMQ → projector while the broker is stopped and started again. The
// broker is a private node on its own ports (the shared one on 5672 is never touched); its data
// directory, queues and exchanges included, is deleted with it.

const nodeUnavailable = await rabbitNodeUnavailable();
if (nodeUnavailable && process.env.CI === 'true') {
  throw new Error(`CI must run the broker restart test: ${nodeUnavailable}`);
}
const skip = unavailable('redis') ?? nodeUnavailable;
if (skip) console.warn(`[projector] broker restart test skipped: ${skip}`);

const run = randomUUID().slice(0, 8);
const prefix = `test:projector-restart:${run}:`;
const exchange = `test.projector-restart.${run}`;
const queue = `test.projector-restart.${run}`;

describe.skipIf(skip)('forwarder and projector across a RabbitMQ restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'taskomask-projector-restart-'));
  let node: RabbitNode | undefined;
  let eventStore: EventStore | undefined;
  let forwarderBus: MessageBus | undefined;
  let projectorBus: MessageBus | undefined;
  let forwarder: Forwarder | undefined;
  let projector: Projector | undefined;
  let catalog: ReadStoreCatalog | undefined;
  let appender: Appender | undefined;
  let projectorRunning = false;

  afterAll(async () => {
    try {
      await appender?.stop().catch(() => {});
      await forwarder?.stop();
      if (projectorRunning) await projector?.abandon();
      await forwarderBus?.close();
      await projectorBus?.close();
      await catalog?.close();
      await eventStore?.close();
      await deleteRedisKeys(serverUrls.redis, prefix);
    } finally {
      await node?.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);

  it('applies every event exactly once and the checkpoint reaches the head', async () => {
    const started = Date.now();
    node = await createRabbitNode();
    await node.start();
    const rabbit = node;
    const busErrors: string[] = [];
    const forwarderErrors: unknown[] = [];
    const busOptions = {
      url: rabbit.url,
      exchange,
      reconnect: { initialDelayMs: 100, maxDelayMs: 1_000 },
      publishTimeoutMs: 5_000,
      onError: (error: Error, context: string) => busErrors.push(`${context}: ${error.message}`),
    };
    eventStore = redisEventStore({ url: serverUrls.redis, keyPrefix: prefix });
    const store = eventStore;
    forwarderBus = await rabbitMqBus({ ...busOptions, connectionName: 'test-forwarder' });
    projectorBus = await rabbitMqBus({ ...busOptions, connectionName: 'test-projector' });
    catalog = sqliteReadStoreCatalog({ path: join(dir, 'live', 'read.db'), schema: readSchema });
    const counts = { applied: 0, duplicates: 0, gapFilled: 0, batches: 0 };
    projector = await startProjector({
      bus: projectorBus,
      eventStore: store,
      catalog,
      notifier: recordingNotifier(),
      queue,
      prefetch: 100,
      onError: () => {},
      onBatch: (result) => {
        counts.applied += result.applied;
        counts.duplicates += result.duplicates;
        counts.gapFilled += result.gapFilled;
        counts.batches++;
      },
    });
    projectorRunning = true;
    const live = projector.readStore();
    forwarder = startForwarder({
      store,
      bus: forwarderBus,
      batchSize: 100,
      maxBackoffMs: 1_000,
      onError: (error) => forwarderErrors.push(error),
    });
    const following = forwarder;
    appender = startAppending(
      store,
      generateHistory({ seed: 31, workspaces: 2, tasksPerBoard: 20, edits: 100_000 }),
      { paceMs: 2 },
    );
    const flowing = appender;

    await waitFor(async () => (await live.position()) >= 500, {
      timeoutMs: 60_000,
      what: '500 events applied before the restart',
    });
    await rabbit.stop();
    const headAtStop = await store.headPosition();
    // Appends go on while the broker is down; the forwarder cannot publish them.
    await waitFor(async () => (await store.headPosition()) >= headAtStop + 200, {
      timeoutMs: 30_000,
      what: '200 events appended while the broker is down',
    });
    const checkpointWhileDown = await following.checkpoint();
    await rabbit.start();
    const headAtStart = await store.headPosition();
    expect(checkpointWhileDown).toBeLessThan(headAtStart);
    await waitFor(async () => (await following.checkpoint()) >= headAtStart + 300, {
      timeoutMs: 90_000,
      what: 'the checkpoint 300 past the restart',
    });

    await flowing.stop();
    const head = await store.headPosition();
    await waitFor(async () => (await following.checkpoint()) === head, {
      timeoutMs: 60_000,
      what: `the forwarder's checkpoint at ${head}`,
    });
    await waitFor(
      async () =>
        (await live.position()) === head && (await projectorBus!.stats(queue)).ready === 0,
      { timeoutMs: 60_000, what: `the read store at ${head} and the queue drained` },
    );
    await projector.stop();
    projectorRunning = false;
    expect(await projectorBus.stats(queue)).toMatchObject({ ready: 0, deadLettered: 0 });

    // The outage was real: both connections dropped, and publishes failed meanwhile.
    expect(busErrors.filter((line) => line.startsWith('connection lost')).length).toBeGreaterThan(
      1,
    );
    expect(forwarderErrors.length).toBeGreaterThan(0);
    // Exactly once: every event was applied one time in all (a redelivered or re-published
    // one counts as a duplicate, never as applied), and the documents equal a rebuild's.
    expect(counts.applied).toBe(head);
    const streams = await expectStreamVersionsMatch(store, live);
    const rebuilt = await expectEqualToRebuild(store, live, join(dir, 'rebuilt'));
    expect(rebuilt.events).toBe(head);
    console.info(
      `[projector-restart] ${head} events on ${streams} streams; broker stopped at ${headAtStop}, ` +
        `started at ${headAtStart} (checkpoint ${checkpointWhileDown}); ${counts.duplicates} ` +
        `duplicates ignored, ${counts.gapFilled} gap-filled, ${forwarderErrors.length} failed ` +
        `publishes; ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  }, 240_000);
});
