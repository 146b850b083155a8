import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mintTicket } from '@taskomask/contracts/socket-ticket';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachRealtime, type Realtime } from './server';

const secret = 'a-secret-of-at-least-thirty-two-characters';
const board = 'b1';
const members = new Set(['ann', 'ben']);
/** Runs inside a membership check, after its answer was read: to race a removal against it. */
let duringCheck: ((userId: string) => Promise<void>) | undefined;

// Real Socket.IO over HTTP; only the membership read model is a Set here.
describe('realtime: rooms per board, tickets, presence, notices', () => {
  let http: Server;
  let realtime: Realtime;
  let url: string;
  const sockets: Socket[] = [];
  let annSocket: Socket;
  let benSocket: Socket;

  beforeAll(async () => {
    http = createServer();
    realtime = attachRealtime(http, {
      auth: {
        verify: async () => {
          throw new Error('only tickets in this test');
        },
      },
      ticketSecret: secret,
      memberships: async (userId, boardId) => {
        const allowed = boardId === board && members.has(userId);
        await duringCheck?.(userId);
        return allowed;
      },
    });
    await new Promise<void>((done) => http.listen(0, '127.0.0.1', done));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await realtime.close();
    await new Promise((done) => http.close(done));
  });

  const open = (token: string) => {
    const socket = connect(url, {
      transports: ['websocket'],
      auth: { token },
      reconnection: false,
    });
    sockets.push(socket);
    return socket;
  };
  const connected = (socket: Socket) =>
    new Promise<void>((done, fail) => {
      socket.once('connect', () => done());
      socket.once('connect_error', fail);
    });
  const join = (socket: Socket, boardId: string) =>
    new Promise<{ ok: boolean; error?: string }>((done) =>
      socket.emit('board:join', boardId, done),
    );
  const ticketFor = (id: string, now = Date.now()) => mintTicket(secret, { id, name: id }, now);

  it('refuses a connection without a token, with a forged ticket or an expired one', async () => {
    await expect(connected(open(''))).rejects.toThrow(/token is required/);
    const forged = `${ticketFor('ann').slice(0, -4)}AAAA`;
    await expect(connected(open(forged))).rejects.toThrow(/invalid or expired/);
    const expired = ticketFor('ann', Date.now() - 120_000);
    await expect(connected(open(expired))).rejects.toThrow(/invalid or expired/);
  });

  it('joins members only, tells the room who is there, and delivers notices to the room', async () => {
    const ann = open(ticketFor('ann'));
    const ben = open(ticketFor('ben'));
    const eve = open(ticketFor('eve'));
    await Promise.all([connected(ann), connected(ben), connected(eve)]);
    expect(await join(eve, board)).toEqual({ ok: false, error: 'not-found' });
    const presence = new Promise<string[]>((done) =>
      ann.on('board:presence', (p: { users: { id: string }[] }) => {
        if (p.users.length === 2) done(p.users.map((u) => u.id));
      }),
    );
    annSocket = ann;
    benSocket = ben;
    expect(await join(ann, board)).toEqual({ ok: true });
    expect(await join(ben, board)).toEqual({ ok: true });
    expect(await presence).toEqual(['ann', 'ben']);

    const seen = new Promise((done) => ben.once('board:changed', done));
    let eveSaw = false;
    eve.on('board:changed', () => {
      eveSaw = true;
    });
    const notice = {
      boardId: board,
      workspaceId: 'w',
      position: 7,
      kinds: ['TaskMoved'],
      taskIds: ['t'],
    };
    await realtime.notifier.boardChanged([notice]);
    expect(await seen).toEqual(notice);
    // A round trip after the notice: had eve been in the room, she would have it by now.
    await join(eve, 'other');
    expect(eveSaw).toBe(false);
  });

  it('drops a removed member from the room at once', async () => {
    members.delete('ben');
    const revoked = new Promise((done) => benSocket.once('board:revoked', done));
    await realtime.dropMember('w', 'ben');
    expect(await revoked).toEqual({ boardId: board });
    let benSaw = false;
    benSocket.on('board:changed', () => {
      benSaw = true;
    });
    const annSaw = new Promise((done) => annSocket.once('board:changed', done));
    await realtime.notifier.boardChanged([
      { boardId: board, workspaceId: 'w', position: 8, kinds: ['TaskRenamed'], taskIds: ['t'] },
    ]);
    await annSaw;
    await join(benSocket, 'other');
    expect(benSaw).toBe(false);
  });

  it('refuses a join whose membership check raced the removal, after checking again', async () => {
    members.add('cat');
    const cat = open(ticketFor('cat'));
    await connected(cat);
    let catSaw = false;
    cat.on('board:changed', () => {
      catSaw = true;
    });
    // The check reads "member", then the removal commits and is handled before the join goes on.
    duringCheck = async (userId) => {
      if (userId !== 'cat' || !members.has('cat')) return;
      duringCheck = undefined;
      members.delete('cat');
      await realtime.localNotifier.membershipsChanged([
        { workspaceId: 'w', ownerId: 'cat', role: null, position: 9 },
      ]);
    };
    expect(await join(cat, board)).toEqual({ ok: false, error: 'not-found' });
    const annSaw = new Promise((done) => annSocket.once('board:changed', done));
    await realtime.notifier.boardChanged([
      { boardId: board, workspaceId: 'w', position: 10, kinds: ['TaskRenamed'], taskIds: ['t'] },
    ]);
    await annSaw;
    await join(cat, 'other');
    expect(catSaw).toBe(false);
  });

  it('tells a member of their new role on their own sockets only, and a removal after the drop', async () => {
    const annTold = new Promise((done) => annSocket.once('membership:changed', done));
    let benTold = false;
    benSocket.on('membership:changed', () => {
      benTold = true;
    });
    await realtime.notifier.membershipsChanged([
      { workspaceId: 'w', ownerId: 'ann', role: 'viewer', position: 11, traceparent: '00-x' },
    ]);
    expect(await annTold).toEqual({ workspaceId: 'w', role: 'viewer', position: 11 });
    // Still in the room: a role change is no removal.
    const annSaw = new Promise((done) => annSocket.once('board:changed', done));
    await realtime.notifier.boardChanged([
      { boardId: board, workspaceId: 'w', position: 12, kinds: ['TaskRenamed'], taskIds: ['t'] },
    ]);
    await annSaw;

    members.delete('ann');
    const order: string[] = [];
    annSocket.once('board:revoked', () => order.push('board:revoked'));
    const removed = new Promise((done) =>
      annSocket.once('membership:changed', (n) => {
        order.push('membership:changed');
        done(n);
      }),
    );
    await realtime.localNotifier.membershipsChanged([
      { workspaceId: 'w', ownerId: 'ann', role: null, position: 13 },
    ]);
    expect(await removed).toEqual({ workspaceId: 'w', role: null, position: 13 });
    expect(order).toEqual(['board:revoked', 'membership:changed']);
    // A round trip on ben's socket after ann heard hers: his would have come first.
    await join(benSocket, 'other');
    expect(benTold).toBe(false);
  });
});
