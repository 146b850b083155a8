import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BearerAuth } from '@taskomask/api/http';
import { startRealtime } from '@taskomask/api/queries';
import { mentionToken } from '@taskomask/contracts/mentions';
import type { InboxNotice } from '@taskomask/contracts/realtime';
import { mintTicket } from '@taskomask/contracts/socket-ticket';
import type { EventStore, StreamAppend } from '@taskomask/eventstore';
import { sqliteEventStore } from '@taskomask/eventstore/sqlite';
import { type Forwarder, startForwarder } from '@taskomask/forwarder';
import type { MessageBus } from '@taskomask/messaging';
import { rabbitMqBus } from '@taskomask/messaging/rabbitmq';
import { noticesRedis, type Projector, redisNotifier, startProjector } from '@taskomask/projector';
import { type InboxDoc, readSchema } from '@taskomask/read-models';
import { generateHistory } from '@taskomask/read-models/testing';
import type { ReadStoreCatalog } from '@taskomask/readstore';
import { sqliteReadStoreCatalog } from '@taskomask/readstore/sqlite';
import { serverUrls, unavailable, waitFor } from '@taskomask/testkit';
import { deleteBusTopology } from '@taskomask/testkit/cleanup';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';

// Distributed mode in one process: forwarder → RabbitMQ → projector → Redis inbox notices → a
// query-side realtime instance → the mentioned person's socket, once the read store has the item.

const secret = 'a-realtime-secret-of-at-least-32-characters';
const run = randomUUID().slice(0, 8);
const exchange = `test.realtime-inbox.${run}`;
const queue = `test.realtime-inbox.${run}`;
const onlyTickets = {
  verify: async () => {
    throw new Error('only tickets in this test');
  },
} as unknown as BearerAuth;

describe.skipIf(unavailable('redis') ?? unavailable('rabbitmq'))(
  'inbox:changed reaches the mentioned person (distributed realtime)',
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'taskomask-realtime-inbox-'));
    const readPath = join(dir, 'read.db');
    const sockets: Socket[] = [];
    const closers: (() => Promise<void>)[] = [];
    let eventStore: EventStore | undefined;
    let bus: MessageBus | undefined;
    let catalog: ReadStoreCatalog | undefined;
    let notices: Redis | undefined;
    let projector: Projector | undefined;
    let forwarder: Forwarder | undefined;

    afterAll(async () => {
      for (const s of sockets) s.disconnect();
      for (const close of closers) await close();
      await forwarder?.stop();
      await projector?.stop();
      notices?.disconnect();
      await bus?.close();
      await catalog?.close();
      await eventStore?.close();
      await deleteBusTopology(serverUrls.rabbitmq, { exchange, queues: [queue] });
      rmSync(dir, { recursive: true, force: true });
    }, 60_000);

    const startQueries = async (): Promise<string> => {
      const app: FastifyInstance = Fastify();
      const own = sqliteReadStoreCatalog({ path: readPath, schema: readSchema });
      const realtime = await startRealtime(
        app,
        {
          REALTIME_SECRET: secret,
          REALTIME_REDIS_URL: serverUrls.redis,
          REALTIME_CORS_ORIGINS: [],
        },
        { catalog: own, auth: onlyTickets },
      );
      const address = await app.listen({ host: '127.0.0.1', port: 0 });
      closers.push(async () => {
        await realtime?.close();
        await app.close();
        await own.close();
      });
      return address;
    };

    const listen = async (url: string, userId: string) => {
      const socket = connect(url, {
        transports: ['websocket'],
        auth: { token: mintTicket(secret, { id: userId, name: userId }, Date.now()) },
        reconnection: false,
      });
      sockets.push(socket);
      const heard: InboxNotice[] = [];
      socket.on('inbox:changed', (n: InboxNotice) => heard.push(n));
      await new Promise<void>((done, fail) => {
        socket.once('connect', () => done());
        socket.once('connect_error', fail);
      });
      return heard;
    };

    it('after the read store committed it, with the unread count; the author hears nothing', async () => {
      eventStore = sqliteEventStore({ path: join(dir, 'events.db') });
      bus = await rabbitMqBus({ url: serverUrls.rabbitmq, exchange, onError: () => {} });
      catalog = sqliteReadStoreCatalog({ path: readPath, schema: readSchema });
      notices = noticesRedis(serverUrls.redis);
      const started = await startProjector({
        bus,
        eventStore,
        catalog,
        notifier: redisNotifier(notices),
        queue,
      });
      projector = started;
      forwarder = startForwarder({ store: eventStore, bus, onError: () => {} });
      const store = eventStore;

      const history: StreamAppend[] = [
        ...generateHistory({ seed: 7, workspaces: 1, boardsPerWorkspace: 1, tasksPerBoard: 1 }),
      ];
      const { ownerId: ann } = history[0]!.events[0]!.data as { ownerId: string };
      const ben = (history[0]!.events[1]!.data as { ownerId: string }).ownerId;
      const taskStream = history.find((a) => a.stream.startsWith('task-'))!.stream;
      const taskId = taskStream.slice(5);
      const boardId = history.find((a) => a.stream.startsWith('board-'))!.stream.slice(6);
      for (const append of history) await store.appendToStreams([append]);
      const head = await store.headPosition();
      await waitFor(async () => (await started.readStore().position()) >= head, {
        what: 'the history projected',
      });

      const url = await startQueries();
      const benHeard = await listen(url, ben);
      const annHeard = await listen(url, ann);
      const metadata = { userId: ann, correlationId: randomUUID(), causationId: randomUUID() };
      await store.appendToStreams([
        {
          stream: taskStream,
          expectedVersion: 'any',
          events: [
            {
              type: 'CommentAdded',
              data: {
                taskId,
                boardId,
                commentId: randomUUID(),
                authorId: ann,
                text: `${mentionToken('Ben', ben)} please`,
                createdAt: new Date().toISOString(),
              },
              metadata,
            },
          ],
        },
      ]);
      const mentionedAt = await store.headPosition();
      await waitFor(() => benHeard.some((n) => n.position === mentionedAt), {
        what: 'ben told his inbox changed',
      });
      const notice = benHeard.find((n) => n.position === mentionedAt)!;
      // Told after the commit: the read store already holds the item it announces.
      const doc = await started.readStore().get<InboxDoc>('inbox', ben);
      expect(doc?.value.items.filter((i) => !i.read)).toHaveLength(notice.unread);
      expect(doc?.value.items[0]).toMatchObject({ kind: 'mentioned', actorId: ann });
      expect(Object.keys(notice).sort()).toEqual(['position', 'unread']);
      expect(annHeard.filter((n) => n.position === mentionedAt)).toEqual([]);
    }, 60_000);
  },
);
