import { randomUUID } from 'node:crypto';
import { waitFor } from '@taskomask/testkit';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PoisonMessageError } from './errors';
import type { IncomingMessage, MessageBus, OutgoingMessage } from './port';

export type MessageBusContractOptions = {
  /** Deletes what the suite created (queue names as given to consume; the adapter knows the rest). */
  cleanup?: (queues: string[]) => Promise<void>;
  /** Per-test timeout. Default 30 s. */
  timeoutMs?: number;
};

/**
 * The behaviour every MessageBus adapter must show. `makeBus` opens a bus; buses made for one
 * suite may share a broker and exchange: every test uses queue names and routing keys of its own.
 */
export function messageBusContract(
  adapter: string,
  makeBus: () => Promise<MessageBus>,
  options: MessageBusContractOptions = {},
): void {
  const timeout = options.timeoutMs ?? 30_000;
  const wait = { timeoutMs: Math.min(20_000, timeout - 5_000) };

  describe(`MessageBus contract: ${adapter}`, () => {
    const run = randomUUID().slice(0, 8);
    const queues: string[] = [];
    const gates: Gate[] = [];
    let buses: MessageBus[] = [];
    let bus: MessageBus;
    let ns = '';
    let testNumber = 0;

    const queue = (label: string) => {
      const name = `test.messaging.${run}.${testNumber}.${label}`;
      queues.push(name);
      return name;
    };
    const gate = () => {
      const g = openGate();
      gates.push(g);
      return g;
    };

    beforeEach(async () => {
      testNumber++;
      ns = `test.${run}.t${testNumber}`;
      bus = await makeBus();
      buses.push(bus);
    });
    afterEach(async () => {
      for (const g of gates.splice(0)) g.open();
      await Promise.all(buses.map((b) => b.close()));
      buses = [];
    });
    afterAll(async () => {
      await options.cleanup?.(queues);
    });

    it(
      'delivers a published message once the broker confirmed it',
      async () => {
        const q = queue('confirm');
        const got: IncomingMessage[] = [];
        await bus.consume(q, [`${ns}.board.*`], async (m) => void got.push(m));
        await bus.publish([]);
        await bus.publish([msg('m1', `${ns}.board.created`, { streamName: 'board-1', n: 1 })]);
        await waitFor(() => got.length === 1, { ...wait, what: 'the message' });
        expect(got).toEqual([
          {
            messageId: 'm1',
            routingKey: `${ns}.board.created`,
            body: { streamName: 'board-1', n: 1 },
            headers: {},
            deliveryCount: 1,
            redelivered: false,
          },
        ]);
      },
      timeout,
    );

    it(
      'routes by topic pattern: * is one word, # is zero or more',
      async () => {
        const got = { a: [] as string[], b: [] as string[], c: [] as string[] };
        await bus.consume(queue('a'), [`${ns}.board.*`], async (m) => void got.a.push(m.messageId));
        await bus.consume(queue('b'), [`${ns}.#`], async (m) => void got.b.push(m.messageId));
        await bus.consume(
          queue('c'),
          [`${ns}.*.created`, `${ns}.task.#`],
          async (m) => void got.c.push(m.messageId),
        );
        await bus.publish([
          msg('board-created', `${ns}.board.created`),
          msg('board-renamed', `${ns}.board.renamed`),
          msg('task-moved-left', `${ns}.task.moved.left`),
          msg('bare', ns),
          msg('board', `${ns}.board`),
        ]);
        // Each queue is consumed in order, so anything wrongly routed arrives before `end`.
        await bus.publish([msg('end', `${ns}.board.created`)]);
        await waitFor(() => [got.a, got.b, got.c].every((ids) => ids.includes('end')), wait);
        expect(got.a).toEqual(['board-created', 'board-renamed', 'end']);
        expect(got.b).toEqual([
          'board-created',
          'board-renamed',
          'task-moved-left',
          'bare',
          'board',
          'end',
        ]);
        expect(got.c).toEqual(['board-created', 'task-moved-left', 'end']);
      },
      timeout,
    );

    it(
      'keeps what a declared queue receives while it has no consumer, and counts it',
      async () => {
        const q = queue('buffer');
        const first = await bus.consume(q, [`${ns}.#`], async () => {});
        await first.stop();
        await bus.publish([1, 2, 3].map((i) => msg(`m${i}`, `${ns}.board.created`, { i })));
        await waitFor(async () => (await bus.stats(q)).ready === 3, wait);
        await waitFor(async () => (await bus.stats(q)).consumers === 0, wait);
        expect(await bus.stats(q)).toEqual({
          exists: true,
          ready: 3,
          consumers: 0,
          deadLettered: 0,
        });
        expect(await bus.stats(`${q}.unknown`)).toEqual({
          exists: false,
          ready: 0,
          consumers: 0,
          deadLettered: 0,
        });

        const got: IncomingMessage[] = [];
        await bus.consume(q, [`${ns}.#`], async (m) => void got.push(m));
        await waitFor(() => got.length === 3, wait);
        expect(got.map((m) => [m.messageId, m.deliveryCount, m.body])).toEqual([
          ['m1', 1, { i: 1 }],
          ['m2', 1, { i: 2 }],
          ['m3', 1, { i: 3 }],
        ]);
      },
      timeout,
    );

    it(
      'does not deliver an acked message again after its consumer restarts',
      async () => {
        const q = queue('ack');
        const before: string[] = [];
        const first = await bus.consume(q, [`${ns}.#`], async (m) => void before.push(m.messageId));
        await bus.publish([msg('m1', `${ns}.x`)]);
        await waitFor(() => before.includes('m1'), wait);
        await first.stop();

        const after: string[] = [];
        await bus.consume(q, [`${ns}.#`], async (m) => void after.push(m.messageId));
        await bus.publish([msg('m2', `${ns}.x`)]);
        // m1, had it gone back to the queue, would sit ahead of m2.
        await waitFor(() => after.includes('m2'), wait);
        expect(after).toEqual(['m2']);
        expect(before).toEqual(['m1']);
      },
      timeout,
    );

    it(
      'stop() lets the handlers finish every delivered message and acks them',
      async () => {
        const q = queue('drain');
        const g = gate();
        const started: string[] = [];
        const finished: string[] = [];
        const consumer = await bus.consume(
          q,
          [`${ns}.#`],
          async (m) => {
            started.push(m.messageId);
            await g.opened;
            finished.push(m.messageId);
          },
          { prefetch: 10 },
        );
        const ids = ['m1', 'm2', 'm3', 'm4', 'm5'];
        await bus.publish(ids.map((id) => msg(id, `${ns}.x`)));
        await waitFor(() => started.length === 1, wait);
        // All five are with the consumer (none ready in the queue) before it is told to stop.
        await waitFor(async () => (await bus.stats(q)).ready === 0, wait);
        const stopping = consumer.stop();
        g.open();
        await stopping;
        expect(finished).toEqual(ids);

        const again: string[] = [];
        await bus.consume(q, [`${ns}.#`], async (m) => void again.push(m.messageId));
        await bus.publish([msg('sentinel', `${ns}.x`)]);
        await waitFor(() => again.includes('sentinel'), wait);
        expect(again).toEqual(['sentinel']);
      },
      timeout,
    );

    it(
      'delivers again, counted, a message whose consumer died mid-handler',
      async () => {
        const q = queue('crash');
        const g = gate();
        const first: IncomingMessage[] = [];
        const dying = await bus.consume(q, [`${ns}.#`], async (m) => {
          first.push(m);
          await g.opened;
        });
        await bus.publish([msg('m1', `${ns}.x`, { n: 1 })]);
        await waitFor(() => first.length === 1, wait);
        await dying.abandon();
        g.open(); // the orphaned handler now finishes: its outcome must not count

        const second: IncomingMessage[] = [];
        await bus.consume(q, [`${ns}.#`], async (m) => void second.push(m));
        await waitFor(() => second.length === 1, wait);
        expect(first[0]).toMatchObject({ messageId: 'm1', deliveryCount: 1, redelivered: false });
        expect(second[0]).toMatchObject({
          messageId: 'm1',
          body: { n: 1 },
          deliveryCount: 2,
          redelivered: true,
        });
        await bus.publish([msg('sentinel', `${ns}.x`)]);
        await waitFor(() => second.some((m) => m.messageId === 'sentinel'), wait);
        expect(second.map((m) => m.messageId)).toEqual(['m1', 'sentinel']);
      },
      timeout,
    );

    it(
      'delivers a rejected message again with a growing delivery count',
      async () => {
        const q = queue('retry');
        const seen: Array<[number, boolean]> = [];
        let acked = false;
        await bus.consume(q, [`${ns}.#`], async (m) => {
          seen.push([m.deliveryCount, m.redelivered]);
          if (m.deliveryCount < 3) throw new Error('transient failure');
          acked = true;
        });
        await bus.publish([msg('m1', `${ns}.x`)]);
        await waitFor(() => acked, wait);
        expect(seen).toEqual([
          [1, false],
          [2, true],
          [3, true],
        ]);
        expect(await bus.deadLetters(q)).toEqual([]);
      },
      timeout,
    );

    it(
      'dead-letters a poison message after maxDeliveries while the next ones are processed',
      async () => {
        const q = queue('poison');
        let attempts = 0;
        const processed: string[] = [];
        await bus.consume(
          q,
          [`${ns}.#`],
          async (m) => {
            if (m.messageId === 'poison') {
              attempts++;
              throw new Error('cannot process this one');
            }
            processed.push(m.messageId);
          },
          { maxDeliveries: 3, prefetch: 5 },
        );
        const good = Array.from({ length: 20 }, (_, i) => `good-${i}`);
        await bus.publish([
          msg('poison', `${ns}.board.created`, { bad: true }, { traceparent: 'tp-1' }),
          ...good.map((id) => msg(id, `${ns}.board.created`)),
        ]);
        await waitFor(
          async () => processed.length === 20 && (await bus.stats(q)).deadLettered === 1,
          { ...wait, what: 'the good messages and one dead letter' },
        );
        expect(attempts).toBe(3);
        expect(processed).toEqual(good);
        const letter = {
          messageId: 'poison',
          routingKey: `${ns}.board.created`,
          body: { bad: true },
          headers: { traceparent: 'tp-1' },
          reason: 'delivery_limit',
        };
        expect(await bus.deadLetters(q)).toEqual([letter]);
        // Reading without `remove` leaves it there.
        expect(
          await waitFor(async () => (await bus.deadLetters(q, { remove: true })).length, wait),
        ).toBe(1);
        await waitFor(async () => (await bus.stats(q)).deadLettered === 0, wait);
        expect(await bus.deadLetters(q)).toEqual([]);
      },
      timeout,
    );

    it(
      'dead-letters at once a message whose handler throws PoisonMessageError',
      async () => {
        const q = queue('reject');
        let attempts = 0;
        const processed: string[] = [];
        await bus.consume(q, [`${ns}.#`], async (m) => {
          if (m.messageId === 'poison') {
            attempts++;
            throw new PoisonMessageError('malformed event');
          }
          processed.push(m.messageId);
        });
        await bus.publish([msg('poison', `${ns}.x`, { v: 1 }), msg('next', `${ns}.x`)]);
        await waitFor(async () => (await bus.stats(q)).deadLettered === 1, wait);
        await waitFor(() => processed.includes('next'), wait);
        expect(attempts).toBe(1);
        expect(await bus.deadLetters(q)).toEqual([
          {
            messageId: 'poison',
            routingKey: `${ns}.x`,
            body: { v: 1 },
            headers: {},
            reason: 'rejected',
          },
        ]);
      },
      timeout,
    );

    it(
      'delivers 500 messages in publish order, one handler at a time, by default',
      async () => {
        const q = queue('serial');
        const received: string[] = [];
        let active = 0;
        let maxActive = 0;
        await bus.consume(
          q,
          [`${ns}.#`],
          async (m) => {
            active++;
            maxActive = Math.max(maxActive, active);
            await new Promise((resolve) => setImmediate(resolve));
            received.push(m.messageId);
            active--;
          },
          { prefetch: 50 },
        );
        const published = streamMessages(ns, 10, 50);
        for (let i = 0; i < published.length; i += 100)
          await bus.publish(published.slice(i, i + 100));
        await waitFor(() => received.length >= 500, wait);
        expect(received).toEqual(published.map((m) => m.messageId));
        expect(maxActive).toBe(1);
      },
      timeout,
    );

    it(
      'with concurrency, runs streams side by side and each stream in order (500 messages)',
      async () => {
        const q = queue('parallel');
        const perStream = new Map<string, number[]>();
        const received = new Set<string>();
        let active = 0;
        let maxActive = 0;
        await bus.consume(
          q,
          [`${ns}.#`],
          async (m) => {
            active++;
            maxActive = Math.max(maxActive, active);
            const { streamName, seq } = m.body as { streamName: string; seq: number };
            // Uneven work, so that handlers of different streams overtake each other.
            for (let i = seq % 4; i > 0; i--) await new Promise((resolve) => setImmediate(resolve));
            perStream.set(streamName, [...(perStream.get(streamName) ?? []), seq]);
            received.add(m.messageId);
            active--;
          },
          { prefetch: 64, concurrency: 8 },
        );
        const published = streamMessages(ns, 10, 50);
        for (let i = 0; i < published.length; i += 100)
          await bus.publish(published.slice(i, i + 100));
        await waitFor(() => received.size === 500, wait);
        expect(perStream.size).toBe(10);
        for (const seqs of perStream.values()) {
          expect(seqs).toEqual(Array.from({ length: 50 }, (_, i) => i));
        }
        expect(maxActive).toBeGreaterThan(1);
        expect(maxActive).toBeLessThanOrEqual(8);
      },
      timeout,
    );

    it(
      'shares a queue between competing consumers, each message handled once',
      async () => {
        const q = queue('compete');
        const byConsumer: [string[], string[]] = [[], []];
        for (const mine of byConsumer) {
          await bus.consume(
            q,
            [`${ns}.#`],
            async (m) => {
              await new Promise((resolve) => setImmediate(resolve));
              mine.push(m.messageId);
            },
            { prefetch: 1 },
          );
        }
        const ids = Array.from({ length: 20 }, (_, i) => `m${i}`);
        await bus.publish(ids.map((id) => msg(id, `${ns}.x`)));
        await waitFor(() => byConsumer[0].length + byConsumer[1].length >= 20, wait);
        expect([...byConsumer[0], ...byConsumer[1]].sort()).toEqual([...ids].sort());
        expect(byConsumer[0].length).toBeGreaterThan(0);
        expect(byConsumer[1].length).toBeGreaterThan(0);
      },
      timeout,
    );

    it(
      'keeps a message no queue is bound for in the unrouted store, not lost',
      async () => {
        const id = `${ns}-unrouted`;
        const headers = { traceparent: 'tp-u', 'correlation-id': 'c-u' };
        await bus.publish([msg(id, `${ns}.nobody.listens`, { lost: false }, headers)]);
        const found = await waitFor(
          async () => (await bus.unrouted({ limit: 1000 })).find((m) => m.messageId === id),
          wait,
        );
        expect(found).toEqual({
          messageId: id,
          routingKey: `${ns}.nobody.listens`,
          body: { lost: false },
          headers,
          reason: 'unrouted',
        });
      },
      timeout,
    );

    it(
      'round-trips headers and JSON bodies with unicode',
      async () => {
        const q = queue('unicode');
        const got: IncomingMessage[] = [];
        await bus.consume(q, [`${ns}.#`], async (m) => void got.push(m));
        const headers = {
          traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
          'correlation-id': 'c-7f3a',
          'x-note': 'Zoë ✓ 漢字',
        };
        const body = {
          text: 'Zoë 🚀 漢字 «quotes» "double" \\ back\u2028line',
          family: '👩‍👩‍👧',
          nested: { list: [1, 2.5, -3, null, true, 'ß'], empty: {}, none: [] },
          zero: 0,
        };
        await bus.publish([msg('u1', `${ns}.task.renamed`, body, headers)]);
        await bus.publish([msg('u2', `${ns}.task.renamed`, 'just a string ✓')]);
        await bus.publish([msg('u3', `${ns}.task.renamed`, null)]);
        await waitFor(() => got.length === 3, wait);
        expect(got[0]).toMatchObject({ messageId: 'u1', headers, body });
        expect(got[1]?.body).toBe('just a string ✓');
        expect(got[2]?.body).toBeNull();
      },
      timeout,
    );

    it(
      'publishes nothing from a batch with an invalid message',
      async () => {
        const q = queue('invalid');
        const got: string[] = [];
        await bus.consume(q, [`${ns}.#`], async (m) => void got.push(m.messageId));
        const valid = msg('valid', `${ns}.x`);
        await expect(
          bus.publish([valid, { ...valid, messageId: 'u', body: undefined }]),
        ).rejects.toThrow(/not JSON/);
        await expect(
          bus.publish([valid, { ...valid, messageId: 'b', body: { n: 10n } }]),
        ).rejects.toThrow(/not JSON/);
        await expect(bus.publish([valid, { ...valid, messageId: '' }])).rejects.toThrow(
          /messageId/,
        );
        await expect(
          bus.publish([valid, { ...valid, routingKey: 'k'.repeat(256) }]),
        ).rejects.toThrow(/routingKey/);
        await bus.publish([msg('sentinel', `${ns}.x`)]);
        await waitFor(() => got.includes('sentinel'), wait);
        expect(got).toEqual(['sentinel']);
      },
      timeout,
    );

    it(
      'refuses to declare a queue again with another maxDeliveries',
      async () => {
        const q = queue('redeclare');
        const got: string[] = [];
        const first = await bus.consume(q, [`${ns}.#`], async () => {}, { maxDeliveries: 3 });
        await first.stop();
        await expect(
          bus.consume(q, [`${ns}.#`], async () => {}, { maxDeliveries: 4 }),
        ).rejects.toThrow();
        // The bus is still usable, and the queue keeps its first settings.
        const second = await bus.consume(q, [`${ns}.#`], async (m) => void got.push(m.messageId), {
          maxDeliveries: 3,
        });
        await bus.publish([msg('a', `${ns}.x`), msg('b', `${ns}.x`)]);
        await waitFor(() => got.length === 2, wait);
        expect(got).toEqual(['a', 'b']);
        await second.stop();
      },
      timeout,
    );
  });
}

function msg(
  messageId: string,
  routingKey: string,
  body: unknown = {},
  headers?: Record<string, string>,
): OutgoingMessage {
  return headers ? { messageId, routingKey, body, headers } : { messageId, routingKey, body };
}

/** `streams` streams of `each` messages, interleaved round-robin, as an event log would mix them. */
function streamMessages(ns: string, streams: number, each: number): OutgoingMessage[] {
  const messages: OutgoingMessage[] = [];
  for (let seq = 0; seq < each; seq++) {
    for (let s = 0; s < streams; s++) {
      const streamName = `board-${s}`;
      messages.push(msg(`${streamName}:${seq}`, `${ns}.board.changed`, { streamName, seq }));
    }
  }
  return messages;
}

type Gate = { opened: Promise<void>; open: () => void };

function openGate(): Gate {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}
