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
  expectEqualToRebuild,
  expectStreamVersionsMatch,
  generateHistory,
} from '@taskomask/read-models/testing';
import type { ReadStoreCatalog } from '@taskomask/readstore';
import { sqliteReadStoreCatalog } from '@taskomask/readstore/sqlite';
import { serverUrls, unavailable, waitFor } from '@taskomask/testkit';
import { deleteBusTopology, deleteRedisKeys } from '@taskomask/testkit/cleanup';
import { connect } from 'amqplib';
import { afterAll, describe, expect, it } from 'vitest';

// A message that is not an event, published straight to the real exchange (not through the
// forwarder) under a key the projector's queue is bound to: dead-lettered, and the projector goes on.

const run = randomUUID().slice(0, 8);
const prefix = `test:projector-poison:${run}:`;
const exchange = `test.projector-poison.${run}`;
const queue = `test.projector-poison.${run}`;
const quiet = () => {};

/** Publishes raw bytes to the exchange with a broker confirm, as a foreign publisher would. */
async function publishRaw(routingKey: string, messageId: string, content: Buffer) {
  const connection = await connect(serverUrls.rabbitmq);
  try {
    const channel = await connection.createConfirmChannel();
    channel.publish(exchange, routingKey, content, {
      messageId,
      persistent: true,
      contentType: 'application/json',
    });
    await channel.waitForConfirms();
  } finally {
    await connection.close();
  }
}

describe.skipIf(unavailable('redis') || unavailable('rabbitmq'))(
  'projector and a poison message on RabbitMQ',
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'taskomask-projector-poison-'));
    let eventStore: EventStore | undefined;
    let forwarderBus: MessageBus | undefined;
    let projectorBus: MessageBus | undefined;
    let forwarder: Forwarder | undefined;
    let projector: Projector | undefined;
    let catalog: ReadStoreCatalog | undefined;

    afterAll(async () => {
      await forwarder?.stop();
      await projector?.stop();
      await forwarderBus?.close();
      await projectorBus?.close();
      await catalog?.close();
      await eventStore?.close();
      await deleteRedisKeys(serverUrls.redis, prefix);
      await deleteBusTopology(serverUrls.rabbitmq, { exchange, queues: [queue] });
      rmSync(dir, { recursive: true, force: true });
    }, 60_000);

    it('dead-letters it and applies the events published after it', async () => {
      eventStore = redisEventStore({ url: serverUrls.redis, keyPrefix: prefix });
      const store = eventStore;
      forwarderBus = await rabbitMqBus({ url: serverUrls.rabbitmq, exchange, onError: quiet });
      projectorBus = await rabbitMqBus({ url: serverUrls.rabbitmq, exchange, onError: quiet });
      catalog = sqliteReadStoreCatalog({ path: join(dir, 'live', 'read.db'), schema: readSchema });
      const errors: unknown[] = [];
      projector = await startProjector({
        bus: projectorBus,
        eventStore: store,
        catalog,
        notifier: recordingNotifier(),
        queue,
        onError: (error) => errors.push(error),
      });
      const live = projector.readStore();
      forwarder = startForwarder({ store, bus: forwarderBus, onError: quiet });
      const history = [
        ...generateHistory({ seed: 5, workspaces: 1, tasksPerBoard: 10, edits: 200 }),
      ];
      const half = Math.floor(history.length / 2);

      for (const append of history.slice(0, half)) await store.appendToStreams([append]);
      const before = await store.headPosition();
      await waitFor(async () => (await live.position()) === before, {
        timeoutMs: 30_000,
        what: `the read store at ${before}`,
      });

      await publishRaw('board.TaskMoved', 'poison-envelope', Buffer.from('{"no":"event"}'));
      await publishRaw('task.TaskRenamed', 'poison-bytes', Buffer.from('not json at all'));
      for (const append of history.slice(half)) await store.appendToStreams([append]);
      const head = await store.headPosition();
      expect(head).toBeGreaterThan(before);

      const dead = await waitFor(
        async () => {
          const letters = await projectorBus!.deadLetters(queue);
          return letters.length >= 2 ? letters : undefined;
        },
        { timeoutMs: 30_000, what: 'two dead letters' },
      );
      expect(
        dead.map(({ messageId, routingKey, reason }) => ({ messageId, routingKey, reason })),
      ).toEqual(
        expect.arrayContaining([
          { messageId: 'poison-envelope', routingKey: 'board.TaskMoved', reason: 'rejected' },
          { messageId: 'poison-bytes', routingKey: 'task.TaskRenamed', reason: 'rejected' },
        ]),
      );
      expect(dead).toHaveLength(2);
      expect(dead.find((d) => d.messageId === 'poison-envelope')?.body).toEqual({ no: 'event' });

      // Everything after the poison was applied, from the bus, and the queue is empty.
      await waitFor(
        async () =>
          (await live.position()) === head && (await projectorBus!.stats(queue)).ready === 0,
        { timeoutMs: 30_000, what: `the read store at ${head} and the queue drained` },
      );
      expect(await projectorBus.stats(queue)).toMatchObject({ deadLettered: 2 });
      await expectStreamVersionsMatch(store, live);
      await expectEqualToRebuild(store, live, join(dir, 'rebuilt'));
      // The envelope check threw (dead-lettered at once); the bytes never reached the handler.
      expect(errors).toEqual([]);
    }, 120_000);
  },
);
