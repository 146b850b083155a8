import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BearerAuth } from '@taskomask/api/http';
import { startRealtime } from '@taskomask/api/queries';
import { mintTicket } from '@taskomask/contracts/socket-ticket';
import type { EventStore, StreamAppend } from '@taskomask/eventstore';
import { sqliteEventStore } from '@taskomask/eventstore/sqlite';
import { type Forwarder, startForwarder } from '@taskomask/forwarder';
import type { MessageBus } from '@taskomask/messaging';
import { rabbitMqBus } from '@taskomask/messaging/rabbitmq';
import { noticesRedis, type Projector, redisNotifier, startProjector } from '@taskomask/projector';
import { membershipId, readSchema } from '@taskomask/read-models';
import { generateHistory } from '@taskomask/read-models/testing';
import type { ReadStoreCatalog } from '@taskomask/readstore';
import { sqliteReadStoreCatalog } from '@taskomask/readstore/sqlite';
import { serverUrls, unavailable, waitFor } from '@taskomask/testkit';
import { deleteBusTopology } from '@taskomask/testkit/cleanup';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';

// Distributed mode, in one process: forwarder → RabbitMQ → projector → Redis notices → two
// query-side realtime instances sharing rooms through Redis. A member removed from the workspace
// while their sockets watch a board leaves its room on every instance and hears no more of it.

const secret = 'a-realtime-secret-of-at-least-32-characters';
const run = randomUUID().slice(0, 8);
const exchange = `test.realtime-members.${run}`;
const queue = `test.realtime-members.${run}`;
const onlyTickets = {
  verify: async () => {
    throw new Error('only tickets in this test');
  },
} as unknown as BearerAuth;

type Instance = {
  app: FastifyInstance;
  catalog: ReadStoreCatalog;
  url: string;
  close(): Promise<void>;
};

describe.skipIf(unavailable('redis') ?? unavailable('rabbitmq'))(
  'a member removed while watching a board (distributed realtime)',
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'taskomask-realtime-members-'));
    const readPath = join(dir, 'read.db');
    const sockets: Socket[] = [];
    const instances: Instance[] = [];
    let eventStore: EventStore | undefined;
    let bus: MessageBus | undefined;
    let catalog: ReadStoreCatalog | undefined;
    let notices: Redis | undefined;
    let projector: Projector | undefined;
    let forwarder: Forwarder | undefined;

    afterAll(async () => {
      for (const s of sockets) s.disconnect();
      for (const i of instances) await i.close();
      await forwarder?.stop();
      await projector?.stop();
      notices?.disconnect();
      await bus?.close();
      await catalog?.close();
      await eventStore?.close();
      await deleteBusTopology(serverUrls.rabbitmq, { exchange, queues: [queue] });
      rmSync(dir, { recursive: true, force: true });
    }, 60_000);

    // A query-side process: its own read-store handle, Socket.IO with the Redis adapter.
    const startQueries = async (): Promise<Instance> => {
      const app = Fastify();
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
      const instance = {
        app,
        catalog: own,
        url: address,
        async close() {
          await realtime?.close();
          await app.close();
          await own.close();
        },
      };
      instances.push(instance);
      return instance;
    };

    type Watcher = { socket: Socket; positions: number[]; revoked: string[] };
    const watch = async (instance: Instance, userId: string): Promise<Watcher> => {
      const socket = connect(instance.url, {
        transports: ['websocket'],
        auth: { token: mintTicket(secret, { id: userId, name: userId }, Date.now()) },
        reconnection: false,
      });
      sockets.push(socket);
      const watcher: Watcher = { socket, positions: [], revoked: [] };
      socket.on('board:changed', (n: { position: number }) => watcher.positions.push(n.position));
      socket.on('board:revoked', (r: { boardId: string }) => watcher.revoked.push(r.boardId));
      await new Promise<void>((done, fail) => {
        socket.once('connect', () => done());
        socket.once('connect_error', fail);
      });
      return watcher;
    };
    const joinBoard = (w: Watcher, boardId: string) =>
      new Promise<{ ok: boolean; error?: string }>((done) =>
        w.socket.emit('board:join', boardId, done),
      );

    it('drops their sockets on every instance; the remaining member still hears the board', async () => {
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
      const caughtUp = async () => {
        const head = await store.headPosition();
        await waitFor(async () => (await started.readStore().position()) >= head, {
          what: `read store at position ${head}`,
        });
        return head;
      };

      const history: StreamAppend[] = [
        ...generateHistory({ seed: 5, workspaces: 1, boardsPerWorkspace: 1, tasksPerBoard: 2 }),
      ];
      const created = history[0]!.events[0]!.data as { workspaceId: string; ownerId: string };
      const { workspaceId, ownerId: ann } = created;
      const ben = (history[0]!.events[1]!.data as { ownerId: string }).ownerId;
      const boardId = history.find((a) => a.stream.startsWith('board-'))!.stream.slice(6);
      for (const append of history) await store.appendToStreams([append]);
      await caughtUp();
      expect(
        await started.readStore().get('memberships', membershipId(workspaceId, ben)),
      ).toBeDefined();

      const [a, b] = [await startQueries(), await startQueries()];
      const annA = await watch(a, ann);
      const annB = await watch(b, ann);
      const benA = await watch(a, ben);
      const benB = await watch(b, ben);
      for (const w of [annA, annB, benA, benB])
        expect(await joinBoard(w, boardId)).toEqual({ ok: true });

      const metadata = { userId: ann, correlationId: randomUUID(), causationId: randomUUID() };
      await store.appendToStreams([
        {
          stream: `workspace-${workspaceId}`,
          expectedVersion: 'any',
          events: [
            {
              type: 'MemberRemoved',
              data: { workspaceId, ownerId: ben, role: 'member' },
              metadata,
            },
          ],
        },
      ]);
      const removedAt = await caughtUp();
      await waitFor(() => benA.revoked.length > 0 && benB.revoked.length > 0, {
        what: "ben's sockets told the board is revoked, on both instances",
      });
      expect([...benA.revoked, ...benB.revoked]).toEqual([boardId, boardId]);
      expect(annA.revoked).toEqual([]);
      expect(annB.revoked).toEqual([]);

      await store.appendToStreams([
        {
          stream: `board-${boardId}`,
          expectedVersion: 'any',
          events: [{ type: 'BoardDescribed', data: { boardId, description: 'after' }, metadata }],
        },
      ]);
      const describedAt = await caughtUp();
      await waitFor(
        () => annA.positions.includes(describedAt) && annB.positions.includes(describedAt),
        { what: 'ann to hear the change on both instances' },
      );
      // A round trip on each of ben's sockets after ann heard it: had ben still been in the room,
      // the notice would have come first. His join is refused now, like any unknown board's.
      expect(await joinBoard(benA, boardId)).toEqual({ ok: false, error: 'not-found' });
      expect(await joinBoard(benB, boardId)).toEqual({ ok: false, error: 'not-found' });
      expect([...benA.positions, ...benB.positions].filter((p) => p >= removedAt)).toEqual([]);
      expect(await joinBoard(annB, boardId)).toEqual({ ok: true });
    }, 60_000);
  },
);
