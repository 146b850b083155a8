import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { boardNoticesChannel } from '@taskomask/contracts/realtime';
import type { EventStore } from '@taskomask/eventstore';
import { sqliteEventStore } from '@taskomask/eventstore/sqlite';
import { type Forwarder, startForwarder } from '@taskomask/forwarder';
import type { MessageBus } from '@taskomask/messaging';
import { rabbitMqBus } from '@taskomask/messaging/rabbitmq';
import type { Logger } from '@taskomask/observability';
import { noticesRedis, type Projector, redisNotifier, startProjector } from '@taskomask/projector';
import { readSchema } from '@taskomask/read-models';
import { generateHistory } from '@taskomask/read-models/testing';
import type { ReadStoreCatalog } from '@taskomask/readstore';
import { sqliteReadStoreCatalog } from '@taskomask/readstore/sqlite';
import { serverUrls, unavailable, waitFor } from '@taskomask/testkit';
import { deleteBusTopology } from '@taskomask/testkit/cleanup';
import { createPrivateRedis, type PrivateRedis } from '@taskomask/testkit/private-redis';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';

// Found by the load-with-faults harness: with Redis pub/sub down, each batch's notice publish
// waited ~10 s (ioredis' 20 retries) before failing, holding every batch behind it. Notices are
// hints: batches must commit and ack while the notices' Redis is down, and notices resume after.

const noRedisServer = spawnSync('redis-server', ['--version']).error !== undefined;
const run = randomUUID().slice(0, 8);
const exchange = `test.projector-notice-outage.${run}`;
const queue = `test.projector-notice-outage.${run}`;

describe.skipIf(unavailable('rabbitmq') || noRedisServer)(
  'a projector whose notices Redis is down',
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'taskomask-projector-notices-'));
    let redis: PrivateRedis | undefined;
    let publisher: Redis | undefined;
    let listener: Redis | undefined;
    let eventStore: EventStore | undefined;
    let bus: MessageBus | undefined;
    let catalog: ReadStoreCatalog | undefined;
    let forwarder: Forwarder | undefined;
    let projector: Projector | undefined;

    afterAll(async () => {
      await forwarder?.stop();
      await projector?.stop();
      await bus?.close();
      await catalog?.close();
      await eventStore?.close();
      publisher?.disconnect();
      listener?.disconnect();
      await redis?.destroy();
      await deleteBusTopology(serverUrls.rabbitmq, { exchange, queues: [queue] });
      rmSync(dir, { recursive: true, force: true });
    }, 60_000);

    it('applies and acks every batch while it is down, and notifies again once it is back', async () => {
      redis = await createPrivateRedis();
      await redis.start();
      publisher = noticesRedis(redis.url);
      listener = new Redis(redis.url);
      listener.on('error', () => undefined);
      const heard: string[] = [];
      listener.on('message', (_channel: string, message: string) => heard.push(message));
      await listener.subscribe(boardNoticesChannel);

      eventStore = sqliteEventStore({ path: join(dir, 'events.db') });
      bus = await rabbitMqBus({ url: serverUrls.rabbitmq, exchange, onError: () => {} });
      catalog = sqliteReadStoreCatalog({ path: join(dir, 'read.db'), schema: readSchema });
      const unsent: string[] = [];
      const errors: unknown[] = [];
      const logger = {
        info: () => undefined,
        warn: (_fields: unknown, message: string) => void unsent.push(message),
      } as unknown as Pick<Logger, 'info' | 'warn'>;
      const started = await startProjector({
        bus,
        eventStore,
        catalog,
        notifier: redisNotifier(publisher),
        queue,
        logger,
        onError: (error) => errors.push(error),
      });
      projector = started;
      forwarder = startForwarder({ store: eventStore, bus, onError: () => {} });
      const store = eventStore;

      // Each round appends a small team history and waits for the read store to hold all of it.
      let seed = 100;
      const round = async (timeoutMs: number) => {
        for (const append of generateHistory({ seed: seed++, workspaces: 1, tasksPerBoard: 3 })) {
          await store.appendToStreams([append]);
        }
        const head = await store.headPosition();
        await waitFor(async () => (await started.readStore().position()) >= head, {
          timeoutMs,
          what: `read store at position ${head}`,
        });
      };

      await waitFor(() => publisher?.status === 'ready', { what: 'the notices client' });
      await round(10_000);
      await waitFor(() => heard.length > 0, { what: 'a notice while Redis is up' });

      await redis.kill();
      await waitFor(() => publisher?.status !== 'ready', { what: 'the client to see the outage' });
      const heardBefore = heard.length;
      // Well under the ~10 s one held-up publish took: several rounds in a row, each batch behind
      // the previous one, would miss this deadline if any publish still waited for Redis.
      for (let i = 0; i < 4; i++) await round(5_000);
      expect(unsent.length).toBeGreaterThan(0);
      // Each batch tells its membership changes, its boards, the inboxes it changed, then its
      // commit (what minPosition waits wake on).
      const told = [
        'membership changed notice not sent',
        'board changed notice not sent',
        'inbox changed notice not sent',
        'committed notice not sent',
      ];
      expect(unsent.filter((m) => !told.includes(m))).toEqual([]);
      expect(errors).toEqual([]);
      // Acked: nothing waits in the queue, nothing went to the dead letters.
      await waitFor(async () => (await bus!.stats(queue)).ready === 0, { what: 'an empty queue' });
      expect((await bus.stats(queue)).deadLettered).toBe(0);
      expect(heard.length).toBe(heardBefore);

      await redis.start();
      await waitFor(() => publisher?.status === 'ready' && listener?.status === 'ready', {
        timeoutMs: 30_000,
        what: 'both clients to reconnect',
      });
      // The listener resubscribes right after its reconnect; a round or two may go unheard.
      await waitFor(
        async () => {
          await round(10_000);
          return heard.length > heardBefore;
        },
        { timeoutMs: 30_000, intervalMs: 200, what: 'notices again after the outage' },
      );
    }, 120_000);
  },
);
