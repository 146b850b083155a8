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
// query-side realtime instances sharing rooms through Redis. A member added, given another role or
// removed hears it on their own sockets (`membership:changed`), on every instance, once the read
// store has it; nobody else does. A member removed from the workspace while their sockets watch a
// board leaves its room on every instance and hears no more of it.

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
  'members added, re-roled and removed while watching a board (distributed realtime)',
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

    type Told = { workspaceId: string; role: string | null; position: number };
    type Watcher = { socket: Socket; positions: number[]; revoked: string[]; told: Told[] };
    const watch = async (instance: Instance, userId: string): Promise<Watcher> => {
      const socket = connect(instance.url, {
        transports: ['websocket'],
        auth: { token: mintTicket(secret, { id: userId, name: userId }, Date.now()) },
        reconnection: false,
      });
      sockets.push(socket);
      const watcher: Watcher = { socket, positions: [], revoked: [], told: [] };
      socket.on('membership:changed', (m: Told) => watcher.told.push(m));
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

    it('tells members their role on every instance; drops the removed, the rest still hear the board', async () => {
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
      const membership = async (type: string, data: Record<string, unknown>) => {
        await store.appendToStreams([
          {
            stream: `workspace-${workspaceId}`,
            expectedVersion: 'any',
            events: [{ type, data: { workspaceId, ...data }, metadata }],
          },
        ]);
        return caughtUp();
      };
      /** Waits until `w` was told `role`, then checks the read store had it by then. */
      const toldRole = async (w: Watcher, userId: string, role: string | null) => {
        await waitFor(() => w.told.some((t) => t.role === role), {
          what: `${userId} told of role ${role}`,
        });
        const stored = await started
          .readStore()
          .get('memberships', membershipId(workspaceId, userId));
        expect((stored?.value as { role?: string } | undefined)?.role ?? null).toBe(role);
      };

      // Cat, added while her socket is open on instance B, hears it there; nobody else does.
      const cat = randomUUID();
      const catB = await watch(b, cat);
      const addedAt = await membership('MemberAdded', { ownerId: cat, role: 'member' });
      await toldRole(catB, cat, 'member');
      expect(catB.told).toEqual([{ workspaceId, role: 'member', position: addedAt }]);
      expect(await joinBoard(catB, boardId)).toEqual({ ok: true });

      // Ben made viewer: both his sockets hear it, and still watch the board.
      const viewerAt = await membership('MemberRoleChanged', {
        ownerId: ben,
        role: 'viewer',
        previousRole: 'member',
      });
      await toldRole(benA, ben, 'viewer');
      await toldRole(benB, ben, 'viewer');
      expect([...benA.told, ...benB.told]).toEqual([
        { workspaceId, role: 'viewer', position: viewerAt },
        { workspaceId, role: 'viewer', position: viewerAt },
      ]);
      expect(benA.revoked).toEqual([]);

      await store.appendToStreams([
        {
          stream: `workspace-${workspaceId}`,
          expectedVersion: 'any',
          events: [
            {
              type: 'MemberRemoved',
              data: { workspaceId, ownerId: ben, role: 'viewer' },
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
      await waitFor(() => benA.told.length === 2 && benB.told.length === 2, {
        what: 'ben told of the removal on both instances',
      });
      expect(benA.told[1]).toEqual({ workspaceId, role: null, position: removedAt });
      expect(benB.told[1]).toEqual({ workspaceId, role: null, position: removedAt });
      // A round trip on ann's and cat's sockets: nothing of the others' memberships reached them.
      expect(await joinBoard(annA, boardId)).toEqual({ ok: true });
      expect(await joinBoard(catB, boardId)).toEqual({ ok: true });
      expect([...annA.told, ...annB.told]).toEqual([]);
      expect(catB.told).toHaveLength(1);
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
