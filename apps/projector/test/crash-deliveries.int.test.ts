// The measurement behind the projector's delivery limit: how many deliveries a message in flight
// gets across consumer crashes on the local RabbitMQ, and that a good event outlives the crashes
// the limit tolerates plus its handler attempts.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from '@taskomask/messaging';
import { rabbitMqBus } from '@taskomask/messaging/rabbitmq';
import { serverUrls, unavailable, waitFor } from '@taskomask/testkit';
import { deleteBusTopology } from '@taskomask/testkit/cleanup';
import { connect } from 'amqplib';
import { afterAll, describe, expect, it } from 'vitest';
import {
  projectorCrashesTolerated,
  projectorHandlerAttempts,
  projectorMaxDeliveries,
} from '../src/delivery-limit';

const run = randomUUID().slice(0, 8);
const exchange = `test.projector-crash-deliveries.${run}`;
const queue = `test.projector-crash-deliveries.${run}`;
const url = serverUrls.rabbitmq;
const quiet = () => {};

/**
 * A consumer that takes the message and dies holding it: its socket is cut, nothing acked, as
 * when the process is killed. Answers the x-delivery-count the broker sent with it (0: none).
 */
async function crashHoldingOne(): Promise<number> {
  const connection = await connect(url);
  connection.on('error', quiet);
  const channel = await connection.createChannel();
  channel.on('error', quiet);
  await channel.prefetch(1);
  const seen: number[] = [];
  await channel.consume(queue, (message) => {
    if (message !== null) seen.push(Number(message.properties.headers?.['x-delivery-count'] ?? 0));
  });
  const [count] = await waitFor(() => (seen.length > 0 ? seen : undefined), {
    what: 'the message delivered to the consumer about to crash',
  });
  (
    connection as unknown as { connection: { stream: { destroy(): void } } }
  ).connection.stream.destroy();
  return count!;
}

describe.skipIf(unavailable('rabbitmq'))('deliveries of a message through consumer crashes', () => {
  afterAll(async () => {
    await deleteBusTopology(url, { exchange, queues: [queue] });
  });

  it(`keeps a good event through ${projectorCrashesTolerated} crashes and its handler attempts`, async () => {
    const bus = await rabbitMqBus({ url, exchange, onError: quiet });
    try {
      // Declares the queue as the projector does, with its limit, before anything is published.
      const declaring = await bus.consume(queue, ['#'], async () => {}, {
        maxDeliveries: projectorMaxDeliveries,
      });
      await declaring.stop();
      await bus.publish([{ messageId: `good-${run}`, routingKey: 'task.TaskRenamed', body: {} }]);

      const counts: number[] = [];
      for (let crash = 0; crash < projectorCrashesTolerated; crash++) {
        counts.push(await crashHoldingOne());
      }
      // Each crash counted exactly one delivery.
      expect(counts).toEqual(Array.from({ length: projectorCrashesTolerated }, (_, i) => i));

      // A healthy consumer then fails it transiently until its last attempt, which succeeds.
      const attempts: number[] = [];
      const healthy = await bus.consume(
        queue,
        ['#'],
        async (message: IncomingMessage) => {
          attempts.push(message.deliveryCount);
          if (attempts.length < projectorHandlerAttempts) throw new Error('transient');
        },
        { maxDeliveries: projectorMaxDeliveries },
      );
      try {
        await waitFor(
          async () =>
            attempts.length === projectorHandlerAttempts && (await bus.stats(queue)).ready === 0,
          { what: `${projectorHandlerAttempts} attempts of the healthy consumer` },
        );
      } finally {
        await healthy.stop();
      }
      expect(attempts).toEqual(
        Array.from(
          { length: projectorHandlerAttempts },
          (_, i) => projectorCrashesTolerated + 1 + i,
        ),
      );
      expect(await bus.deadLetters(queue)).toEqual([]);
    } finally {
      await bus.close();
    }
  }, 60_000);
});
