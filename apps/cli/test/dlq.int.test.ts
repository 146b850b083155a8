// Issue 17 §4: `npm run taskomask -- dlq list|show|redrive` against the real RabbitMQ, on a queue
// and exchange of this run's own.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type MessageBus, PoisonMessageError } from '@taskomask/messaging';
import { rabbitMqBus } from '@taskomask/messaging/rabbitmq';
import { serverUrls, unavailable, waitFor } from '@taskomask/testkit';
import { deleteBusTopology } from '@taskomask/testkit/cleanup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { letterOf } from '../src/dead-letters';

const run = promisify(execFile);
const root = join(import.meta.dirname, '../../..');

describe.skipIf(unavailable('rabbitmq'))('npm run taskomask -- dlq', () => {
  const exchange = `test.dlq.${randomUUID()}`;
  const queue = `test.dlq.projector.${randomUUID()}`;
  const env = {
    ...process.env,
    BUS_URL: `${serverUrls.rabbitmq}?exchange=${exchange}`,
    PROJECTOR_QUEUE: queue,
  };
  const cli = (...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'apps/cli/src/main.ts', 'dlq', ...args], {
      cwd: root,
      env,
    });
  let bus: MessageBus;
  const ids = [randomUUID(), randomUUID(), randomUUID()];

  beforeAll(async () => {
    bus = await rabbitMqBus({ url: serverUrls.rabbitmq, exchange });
    // A consumer that refuses everything: three messages land in <queue>.dlq.
    const refusing = await bus.consume(queue, ['board.#'], async () => {
      throw new PoisonMessageError('refused by the test');
    });
    await bus.publish(
      ids.map((messageId, i) => ({ messageId, routingKey: 'board.TaskMoved', body: { i } })),
    );
    await waitFor(async () => (await bus.stats(queue)).deadLettered === 3, {
      what: 'three dead letters',
    });
    await refusing.stop();
  });

  afterAll(async () => {
    await bus?.close();
    await deleteBusTopology(serverUrls.rabbitmq, {
      exchange,
      queues: [queue, `${queue}.dlq`],
    });
  });

  it('lists the queue with its dead letters, and shows them with their first routing key', async () => {
    const list = await cli('list');
    expect(list.stdout).toContain(`${queue}.dlq: 3 dead letters`);
    const one = await cli('show', ids[1]!);
    expect(one.stdout).toContain(`${ids[1]}  board.TaskMoved  reason=rejected`);
    expect(one.stdout).toContain('1 dead letter(s)');
    // Showing takes nothing away.
    expect((await bus.stats(queue)).deadLettered).toBe(3);
  }, 60_000);

  it('redrives one by id, then the rest, with a progress bar; each arrives again once', async () => {
    const received: string[] = [];
    const consumer = await bus.consume(queue, ['board.#'], async (message) => {
      received.push(message.messageId);
    });
    try {
      const one = await cli('redrive', ids[0]!);
      expect(one.stdout).toContain('redrove 1 dead letter(s)');
      await waitFor(() => received.includes(ids[0]!), { what: 'the redriven message' });
      expect((await bus.stats(queue)).deadLettered).toBe(2);
      const rest = await cli('redrive', '--all');
      expect(rest.stdout).toMatch(/\[#+\] 2\/2 events/);
      expect(rest.stdout).toContain('redrove 2 dead letter(s)');
      await waitFor(() => received.length === 3, { what: 'every message once' });
      expect([...received].sort()).toEqual([...ids].sort());
      expect((await bus.stats(queue)).deadLettered).toBe(0);
    } finally {
      await consumer.stop();
    }
  }, 60_000);

  it('reads the first routing key from x-death, oldest last', () => {
    const letter = letterOf({
      fields: { routingKey: `${queue}.dlq` },
      properties: {
        messageId: 'm',
        headers: {
          'x-death': [
            { reason: 'delivery_limit', count: 1, 'routing-keys': ['later'] },
            { reason: 'rejected', count: 2, 'routing-keys': ['board.TaskCreated'] },
          ],
        },
      },
      content: Buffer.from('{}'),
    } as never);
    expect(letter).toMatchObject({
      routingKey: 'board.TaskCreated',
      deaths: 3,
      reason: 'rejected',
    });
  });
});
