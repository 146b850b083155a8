import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore, NewEvent } from '@taskomask/eventstore';
import { redisEventStore } from '@taskomask/eventstore/redis';
import { type Forwarder, startForwarder } from '@taskomask/forwarder';
import type { MessageBus } from '@taskomask/messaging';
import { rabbitMqBus } from '@taskomask/messaging/rabbitmq';
import { type WebhookDeliveryDoc, webhookStoreSchema } from '@taskomask/read-models';
import type { ReadStoreCatalog } from '@taskomask/readstore';
import { sqliteReadStoreCatalog } from '@taskomask/readstore/sqlite';
import { serverUrls, unavailable, waitFor } from '@taskomask/testkit';
import { deleteBusTopology, deleteRedisKeys, withQuery } from '@taskomask/testkit/cleanup';
import { startProcess, type TestProcess, waitWhileRunning } from '@taskomask/testkit/processes';
import { startWebhookReceiver, type WebhookReceiver } from '@taskomask/testkit/webhook-receiver';
import { verifySignature } from '@taskomask/webhooks';
import { afterAll, describe, expect, it } from 'vitest';

// The webhook process as a real process (apps/webhooks/src/main.ts) on Redis and RabbitMQ, with
// its own quorum queue: events appended before it started reach it from the event store, a
// receiver answering 500 is retried, it is SIGKILLed mid-way and started again — every delivery
// arrives at least once, each board's in order, all signed.

const run = randomUUID().slice(0, 8);
const prefix = `test:webhooks-process:${run}:`;
const exchange = `test.webhooks-process.${run}`;
const queue = `test.webhooks-process.${run}`;
const quiet = () => {};

const meta = (userId: string) => ({
  userId,
  correlationId: randomUUID(),
  causationId: randomUUID(),
});
const event = (type: string, data: object, userId = 'alice'): NewEvent => ({
  type,
  data,
  metadata: meta(userId),
});

describe.skipIf(unavailable('redis') || unavailable('rabbitmq'))(
  'webhook process on RabbitMQ, killed mid-way',
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'taskomask-webhooks-process-'));
    const storePath = join(dir, 'webhooks.db');
    const children: TestProcess[] = [];
    let eventStore: EventStore | undefined;
    let bus: MessageBus | undefined;
    let forwarder: Forwarder | undefined;
    let receiver: WebhookReceiver | undefined;
    let catalog: ReadStoreCatalog | undefined;

    const startWebhooksProcess = async () => {
      const child = startProcess({
        name: `webhooks#${children.length + 1}`,
        script: 'apps/webhooks/src/main.ts',
        env: {
          EVENT_STORE_URL: withQuery(serverUrls.redis, 'prefix', prefix),
          BUS_URL: withQuery(serverUrls.rabbitmq, 'exchange', exchange),
          WEBHOOKS_STORE_URL: `sqlite:${storePath}`,
          WEBHOOKS_QUEUE: queue,
          WEBHOOKS_ALLOW_PRIVATE: 'true', // the receiver is on 127.0.0.1
          WEBHOOKS_RETRY_BASE_MS: '20',
          WEBHOOKS_RETRY_MAX_MS: '100',
          WEBHOOKS_POLL_MS: '20',
          // This test watches deliveries, not the scrape endpoint.
          METRICS_DISABLED: 'true',
        },
      });
      children.push(child);
      await child.waitForLine(/"msg":"webhooks consuming"/, { timeoutMs: 60_000 });
      return child;
    };

    afterAll(async () => {
      for (const child of children) await child.kill();
      await forwarder?.stop();
      await bus?.close();
      await catalog?.close();
      await eventStore?.close();
      await receiver?.close();
      await deleteRedisKeys(serverUrls.redis, prefix);
      await deleteBusTopology(serverUrls.rabbitmq, { exchange, queues: [queue] });
      rmSync(dir, { recursive: true, force: true });
    }, 60_000);

    it('delivers every event at least once, in order per board, across a SIGKILL', async () => {
      receiver = await startWebhookReceiver();
      // The first two requests fail: the process retries them.
      receiver.answer('/hook', (n) => ({ status: n < 2 ? 500 : 200, delayMs: n % 5 }));
      eventStore = redisEventStore({ url: serverUrls.redis, keyPrefix: prefix });
      const store = eventStore;
      bus = await rabbitMqBus({ url: serverUrls.rabbitmq, exchange, onError: quiet });
      forwarder = startForwarder({ store, bus, onError: quiet });

      const ws = randomUUID();
      const hook = randomUUID();
      const boards = [randomUUID(), randomUUID()];
      const secret = `whsec_${randomUUID()}`;
      await store.appendToStream(
        `workspace-${ws}`,
        [
          event('WorkspaceCreated', {
            workspaceId: ws,
            name: 'Hooks',
            description: '',
            ownerId: 'alice',
          }),
        ],
        { expectedVersion: 'no_stream' },
      );
      await store.appendToStream(
        `webhooks-${ws}`,
        [
          event('WebhookCreated', {
            workspaceId: ws,
            webhookId: hook,
            url: receiver.url('/hook'),
            secret,
            eventKinds: ['TaskCreated'],
            createdBy: 'alice',
          }),
        ],
        { expectedVersion: 'no_stream' },
      );
      for (const board of boards) {
        await store.appendToStream(
          `board-${board}`,
          [
            event('BoardCreated', {
              boardId: board,
              workspaceId: ws,
              projectId: 'p',
              name: 'B',
              description: '',
            }),
          ],
          { expectedVersion: 'no_stream' },
        );
      }
      const tasks: string[] = [];
      const addTask = async (i: number) => {
        const taskId = randomUUID();
        tasks.push(taskId);
        await store.appendToStream(
          `task-${taskId}`,
          [event('TaskCreated', { taskId, boardId: boards[i % 2], cardId: 'c', title: `T${i}` })],
          { expectedVersion: 'no_stream' },
        );
      };
      // Before the process (and its queue) exists: it must read these from the event store.
      for (let i = 0; i < 6; i++) await addTask(i);

      const first = await startWebhooksProcess();
      for (let i = 6; i < 30; i++) await addTask(i);
      await waitWhileRunning([first], () => receiver!.on('/hook').length >= 12, {
        timeoutMs: 30_000,
        what: '12 requests on /hook',
      });
      await first.kill(); // SIGKILL
      const atKill = receiver.on('/hook').length;
      for (let i = 30; i < 60; i++) await addTask(i);
      await startWebhooksProcess();

      const streams = () => new Set(receiver!.on('/hook').map((r) => JSON.parse(r.body).stream));
      await waitFor(() => tasks.every((t) => streams().has(`task-${t}`)), {
        timeoutMs: 30_000,
        what: 'all 60 tasks delivered',
      });
      const requests = receiver.on('/hook');
      console.log(
        `webhooks process: ${atKill} requests before the SIGKILL, ${requests.length} in all for ${tasks.length} events (2 answered 500)`,
      );
      const bodies = requests.map((r) => JSON.parse(r.body));
      for (const board of boards) {
        const positions = bodies.filter((b) => b.boardId === board).map((b) => b.position);
        // At least once: a repeat of the head after the kill is allowed, going back is not.
        expect(positions).toEqual([...positions].sort((a, b) => a - b));
      }
      for (const request of requests) {
        const signature = String(request.headers['x-taskomask-signature']);
        expect(verifySignature(secret, request.body, signature, Date.now() / 1000)).toBe(true);
      }
      catalog = sqliteReadStoreCatalog({ path: storePath, schema: webhookStoreSchema });
      const live = await catalog.open(await catalog.current());
      const docs = await waitFor(async () => {
        const all = await live.all<WebhookDeliveryDoc>('deliveries');
        return all.length === 60 && all.every((d) => d.value.status === 'succeeded')
          ? all
          : undefined;
      });
      expect(docs.filter((d) => d.value.attempts > 1).length).toBeGreaterThanOrEqual(1);
    }, 180_000);
  },
);
