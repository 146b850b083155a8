import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { serverUrls, unavailable, waitFor } from '@taskomask/testkit';
import { type ConfirmChannel, connect } from 'amqplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageBusContract } from '../src/contract';
import { UnroutableMessageError } from '../src/errors';
import type { IncomingMessage, MessageBus } from '../src/port';
import { deadLetterQueueOf, rabbitMqBus } from '../src/rabbitmq/rabbit-mq-bus';

// One exchange per run: parallel runs on the shared broker never see each other's messages.
const run = randomUUID().slice(0, 8);
const exchange = `test.messaging.${run}`;
const url = serverUrls.rabbitmq;
const quiet = () => {};

/** A confirm channel: every publish in `work` is confirmed before the connection closes. */
async function withChannel<T>(work: (channel: ConfirmChannel) => Promise<T>): Promise<T> {
  const connection = await connect(url);
  try {
    const channel = await connection.createConfirmChannel();
    const result = await work(channel);
    await channel.waitForConfirms();
    return result;
  } finally {
    await connection.close();
  }
}

async function deleteTopology(exchangeName: string, queues: string[]): Promise<void> {
  await withChannel(async (channel) => {
    for (const queue of queues) {
      await channel.deleteQueue(queue);
      await channel.deleteQueue(deadLetterQueueOf(queue));
    }
    await channel.deleteQueue(`${exchangeName}.unrouted`);
    await channel.deleteExchange(exchangeName);
    await channel.deleteExchange(`${exchangeName}.unrouted`);
  });
}

describe.skipIf(unavailable('rabbitmq'))('rabbitmq bus', () => {
  messageBusContract('rabbitmq', () => rabbitMqBus({ url, exchange, onError: quiet }), {
    cleanup: (queues) => deleteTopology(exchange, queues),
  });

  describe('on the wire', () => {
    const ownExchange = `${exchange}.wire`;
    const queues: string[] = [];
    let bus: MessageBus;
    beforeAll(async () => {
      bus = await rabbitMqBus({ url, exchange: ownExchange, onError: quiet });
    });
    afterAll(async () => {
      await bus.close();
      await deleteTopology(ownExchange, queues);
    });

    it('declares a quorum queue with a delivery limit and a dead-letter queue', async () => {
      const queue = `test.messaging.${run}.wire.declare`;
      queues.push(queue);
      const consumer = await bus.consume(queue, ['declare.#'], async () => {}, {
        maxDeliveries: 4,
      });
      await consumer.stop();
      // Declaring with the same arguments succeeds; one of them different fails (406).
      await withChannel(async (channel) => {
        await channel.assertQueue(queue, {
          durable: true,
          arguments: {
            'x-queue-type': 'quorum',
            'x-delivery-limit': 3,
            'x-dead-letter-exchange': '',
            'x-dead-letter-routing-key': deadLetterQueueOf(queue),
            'x-dead-letter-strategy': 'at-least-once',
            'x-overflow': 'reject-publish',
          },
        });
        await expect(channel.checkQueue(deadLetterQueueOf(queue))).resolves.toMatchObject({
          messageCount: 0,
        });
      });
      await withChannel(async (channel) => {
        channel.on('error', quiet);
        await expect(
          channel.assertQueue(queue, { durable: true, arguments: { 'x-queue-type': 'classic' } }),
        ).rejects.toThrow(/PRECONDITION_FAILED/);
      });
    });

    it('publishes persistent JSON with its id, headers and correlation id', async () => {
      const queue = `test.messaging.${run}.wire.raw`;
      queues.push(queue);
      await withChannel(async (channel) => {
        await channel.assertQueue(queue, { durable: true });
        await channel.bindQueue(queue, ownExchange, 'raw.#');
      });
      await bus.publish([
        {
          messageId: 'raw-1',
          routingKey: 'raw.board.created',
          body: { streamName: 'board-1', name: 'Plan ✓' },
          headers: { traceparent: 'tp', 'correlation-id': 'corr-1' },
        },
      ]);
      const raw = await withChannel((channel) =>
        waitFor(async () => (await channel.get(queue, { noAck: true })) || undefined),
      );
      expect(raw.properties).toMatchObject({
        messageId: 'raw-1',
        contentType: 'application/json',
        deliveryMode: 2,
        correlationId: 'corr-1',
        headers: { traceparent: 'tp', 'correlation-id': 'corr-1' },
      });
      expect(JSON.parse(raw.content.toString('utf8'))).toEqual({
        streamName: 'board-1',
        name: 'Plan ✓',
      });
    });

    it('dead-letters a message whose body is not JSON without calling the handler', async () => {
      const queue = `test.messaging.${run}.wire.garbage`;
      queues.push(queue);
      const got: IncomingMessage[] = [];
      await bus.consume(queue, ['garbage.#'], async (m) => void got.push(m));
      await withChannel(async (channel) => {
        channel.publish(ownExchange, 'garbage.x', Buffer.from('{not json'), { messageId: 'g1' });
        channel.publish(ownExchange, 'garbage.x', Buffer.from('{}'), {}); // no message id
        channel.publish(ownExchange, 'garbage.x', Buffer.from('{}'), { messageId: 'fine' });
      });
      await waitFor(() => got.length === 1);
      await waitFor(async () => (await bus.stats(queue)).deadLettered === 2);
      expect(got[0]?.messageId).toBe('fine');
      const letters = await bus.deadLetters(queue);
      expect(letters.map((l) => [l.messageId, l.body, l.reason])).toEqual([
        ['g1', '{not json', 'rejected'],
        ['', {}, 'rejected'],
      ]);
    });

    it('rejects a publish that not even the unrouted queue can take', async () => {
      const lonely = `${exchange}.lonely`;
      const lonelyBus = await rabbitMqBus({ url, exchange: lonely, onError: quiet });
      try {
        await lonelyBus.publish([{ messageId: 'ok', routingKey: 'nobody', body: {} }]);
        await withChannel((channel) => channel.deleteQueue(`${lonely}.unrouted`));
        await expect(
          lonelyBus.publish([{ messageId: 'lost', routingKey: 'nobody', body: {} }]),
        ).rejects.toBeInstanceOf(UnroutableMessageError);
      } finally {
        await lonelyBus.close();
        await deleteTopology(lonely, []);
      }
    });

    it('declares its exchange again after it was deleted under it', async () => {
      const gone = `${exchange}.gone`;
      const goneBus = await rabbitMqBus({ url, exchange: gone, onError: quiet });
      try {
        await goneBus.publish([{ messageId: 'first', routingKey: 'k', body: {} }]);
        await withChannel((channel) => channel.deleteExchange(gone));
        // Publishing to a missing exchange closes the channel (404); the next channel declares it.
        await waitFor(() =>
          goneBus.publish([{ messageId: 'again', routingKey: 'k', body: {} }]).then(
            () => true,
            () => false,
          ),
        );
        const unrouted = await goneBus.unrouted({ limit: 10 });
        expect(unrouted.map((m) => m.messageId)).toContain('again');
      } finally {
        await goneBus.close();
        await deleteTopology(gone, []);
      }
    });

    it('resubscribes a consumer after the broker closed its connection', async () => {
      const queue = `test.messaging.${run}.wire.reconnect`;
      queues.push(queue);
      const connectionName = `taskomask-test-${run}-reconnect`;
      const reconnecting = await rabbitMqBus({
        url,
        exchange: ownExchange,
        connectionName,
        reconnect: { initialDelayMs: 50, maxDelayMs: 500 },
        onError: quiet,
      });
      try {
        const got: string[] = [];
        await reconnecting.consume(queue, ['reconnect.#'], async (m) => void got.push(m.messageId));
        await reconnecting.publish([{ messageId: 'before', routingKey: 'reconnect.x', body: {} }]);
        await waitFor(() => got.includes('before'));
        await closeConnectionNamed(connectionName);
        // The same bus publishes again once it has reconnected (publish waits for a channel).
        await waitFor(async () => {
          await reconnecting.publish([{ messageId: 'after', routingKey: 'reconnect.x', body: {} }]);
          return true;
        });
        await waitFor(() => got.includes('after'), { timeoutMs: 15_000 });
      } finally {
        await reconnecting.close();
      }
    });
  });
});

const exec = promisify(execFile);

/** Closes one connection of ours on the shared broker, found by its client-provided name. */
async function closeConnectionNamed(connectionName: string): Promise<void> {
  const rabbitmqctl = async (...args: string[]) =>
    (await exec('rabbitmqctl', ['--quiet', ...args])).stdout;
  // JSON shows client properties but prints pids in a form close_connection refuses; the table
  // prints them right. The peer address (`name`) joins the two.
  const peer = await waitFor(
    async () => {
      const json = await rabbitmqctl(
        'list_connections',
        'name',
        'client_properties',
        '--formatter',
        'json',
      );
      const rows = JSON.parse(json) as Array<{ name: string; client_properties: unknown[][] }>;
      return rows.find((row) =>
        row.client_properties.some(
          ([key, , value]) => key === 'connection_name' && value === connectionName,
        ),
      )?.name;
    },
    { timeoutMs: 10_000, what: `connection ${connectionName} in rabbitmqctl list_connections` },
  );
  const table = await rabbitmqctl('list_connections', 'pid', 'name', '--no-table-headers');
  const pid = table
    .split('\n')
    .map((line) => line.split('\t'))
    .find(([, name]) => name === peer)?.[0];
  if (!pid) throw new Error(`no pid for connection ${peer}`);
  await rabbitmqctl('close_connection', pid, 'test: simulated connection loss');
}
