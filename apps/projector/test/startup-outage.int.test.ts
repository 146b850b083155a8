import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '@taskomask/eventstore';
import { redisEventStore } from '@taskomask/eventstore/redis';
import type { MessageBus } from '@taskomask/messaging';
import { rabbitMqBus } from '@taskomask/messaging/rabbitmq';
import { readSchema, recordingNotifier } from '@taskomask/read-models';
import { generateHistory } from '@taskomask/read-models/testing';
import type { ReadStoreCatalog } from '@taskomask/readstore';
import { sqliteReadStoreCatalog } from '@taskomask/readstore/sqlite';
import { serverUrls, unavailable, waitFor } from '@taskomask/testkit';
import { deleteBusTopology } from '@taskomask/testkit/cleanup';
import { createPrivateRedis, type PrivateRedis } from '@taskomask/testkit/private-redis';
import { afterAll, describe, expect, it } from 'vitest';
import { type Projector, startProjector } from '../src/projector';

// Found by the load-with-faults harness: a projector (re)started while Redis was down failed its
// start-up catch-up and exited; each exit handed its prefetched deliveries back to the queue.
// It must wait for the event store instead, then catch up.

const noRedisServer = spawnSync('redis-server', ['--version']).error !== undefined;
const run = randomUUID().slice(0, 8);
const exchange = `test.projector-startup-outage.${run}`;
const queue = `test.projector-startup-outage.${run}`;

describe.skipIf(unavailable('rabbitmq') || noRedisServer)(
  'a projector started while the event store is down',
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'taskomask-projector-outage-'));
    let redis: PrivateRedis | undefined;
    let eventStore: EventStore | undefined;
    let bus: MessageBus | undefined;
    let catalog: ReadStoreCatalog | undefined;
    let projector: Projector | undefined;

    afterAll(async () => {
      await projector?.stop();
      await bus?.close();
      await catalog?.close();
      await eventStore?.close();
      await redis?.destroy();
      await deleteBusTopology(serverUrls.rabbitmq, { exchange, queues: [queue] });
      rmSync(dir, { recursive: true, force: true });
    }, 60_000);

    it('waits for it and catches up instead of failing', async () => {
      redis = await createPrivateRedis();
      await redis.start();
      eventStore = redisEventStore({ url: redis.url });
      for (const append of generateHistory({ seed: 11, workspaces: 1, tasksPerBoard: 5 })) {
        await eventStore.appendToStreams([append]);
      }
      const head = await eventStore.headPosition();
      expect(head).toBeGreaterThan(0);
      await redis.kill();

      bus = await rabbitMqBus({ url: serverUrls.rabbitmq, exchange, onError: () => {} });
      catalog = sqliteReadStoreCatalog({ path: join(dir, 'read.db'), schema: readSchema });
      const errors: unknown[] = [];
      let failed: unknown;
      const starting = startProjector({
        bus,
        eventStore,
        catalog,
        notifier: recordingNotifier(),
        queue,
        onError: (error) => errors.push(error),
      });
      starting.catch((error) => {
        failed = error;
      });
      await waitFor(() => errors.length >= 2 || failed !== undefined, {
        timeoutMs: 30_000,
        what: 'the start-up catch-up to fail against the stopped Redis',
      });
      expect(failed).toBeUndefined();

      await redis.start();
      projector = await starting;
      expect(await projector.readStore().position()).toBe(head);
    }, 60_000);
  },
);
