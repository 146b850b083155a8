// Issue 13 §1: membership is live. Embedded mode — the projector calls the Socket.IO server's
// notifier directly — a member added, given another role or removed hears it on their own socket
// (`membership:changed`) once the read store has it; nobody else hears it.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { attachRealtime, type Realtime, readStoreMemberships } from '@taskomask/api/realtime';
import type { MembershipNotice } from '@taskomask/contracts/realtime';
import { mintTicket } from '@taskomask/contracts/socket-ticket';
import { type Membership, membershipId, type RealtimeNotifier } from '@taskomask/read-models';
import { waitFor } from '@taskomask/testkit';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usePipeline } from './support/pipeline';

const secret = 'a-realtime-secret-of-at-least-32-characters';

describe('membership changes reach the member’s sockets (embedded)', () => {
  let realtime: Realtime | undefined;
  // The projector starts before the realtime server exists: it tells it through this.
  const notifier: RealtimeNotifier = {
    boardChanged: (n) => realtime?.notifier.boardChanged(n),
    membershipsChanged: (c) => realtime?.notifier.membershipsChanged(c),
  };
  const p = usePipeline({}, { notifier });
  const http = createServer();
  const sockets: Socket[] = [];
  let url = '';

  beforeAll(async () => {
    realtime = attachRealtime(http, {
      auth: { verify: () => Promise.reject(new Error('tickets only')) },
      ticketSecret: secret,
      memberships: readStoreMemberships(async () => p().projector.readStore()),
    });
    await new Promise<void>((done) => http.listen(0, '127.0.0.1', done));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await realtime?.close();
    await new Promise((done) => http.close(done));
  });

  type Heard = MembershipNotice & { storedRole: string | null };
  /** A socket of `userId` that records each notice with the role the read store had on arrival. */
  const listen = async (userId: string) => {
    const socket = io(url, {
      transports: ['websocket'],
      auth: { token: mintTicket(secret, { id: userId, name: userId }, Date.now()) },
      reconnection: false,
    });
    sockets.push(socket);
    const heard: Heard[] = [];
    const revoked: string[] = [];
    socket.on('membership:changed', async (n: MembershipNotice) => {
      const doc = await p()
        .projector.readStore()
        .get<Membership>('memberships', membershipId(n.workspaceId, userId));
      heard.push({ ...n, storedRole: doc?.value.role ?? null });
    });
    socket.on('board:revoked', (r: { boardId: string }) => revoked.push(r.boardId));
    await waitFor(async () => socket.connected, { what: `${userId}'s socket connected` });
    const join = (boardId: string) =>
      new Promise<{ ok: boolean; error?: string }>((done) =>
        socket.emit('board:join', boardId, done),
      );
    return { socket, heard, revoked, join };
  };

  it('tells the added, re-roled and removed member after the commit, and nobody else', async () => {
    const [alice, bob, carol] = [randomUUID(), randomUUID(), randomUUID()];
    const [a, b, c] = [await listen(alice), await listen(bob), await listen(carol)];
    const { command } = p();
    const { id: workspaceId } = await command('POST', '/workspaces', alice, { name: 'Live' });
    const { id: projectId } = await command('POST', `/workspaces/${workspaceId}/projects`, alice, {
      name: 'Web',
    });
    const { id: boardId } = await command(
      'POST',
      `/workspaces/${workspaceId}/projects/${projectId}/boards`,
      alice,
      { name: 'Sprint' },
    );
    // The creator hears her own workspace as its owner.
    await waitFor(() => a.heard.length === 1, { what: 'alice told she owns it' });
    expect(a.heard[0]).toMatchObject({ workspaceId, role: 'owner', storedRole: 'owner' });

    const members = `/workspaces/${workspaceId}/members`;
    const added = await command('POST', members, alice, { ownerId: bob, role: 'member' });
    await waitFor(() => b.heard.length === 1, { what: 'bob told he was added' });
    expect(b.heard).toEqual([
      { workspaceId, role: 'member', position: added.position, storedRole: 'member' },
    ]);
    expect(await b.join(boardId)).toEqual({ ok: true });

    const viewer = await command('PATCH', `${members}/${bob}`, alice, { role: 'viewer' });
    await waitFor(() => b.heard.length === 2, { what: 'bob told he is a viewer' });
    expect(b.heard[1]).toEqual({
      workspaceId,
      role: 'viewer',
      position: viewer.position,
      storedRole: 'viewer',
    });
    expect(b.revoked).toEqual([]);

    const removed = await command('DELETE', `${members}/${bob}`, alice);
    await waitFor(() => b.heard.length === 3, { what: 'bob told he was removed' });
    expect(b.heard[2]).toEqual({
      workspaceId,
      role: null,
      position: removed.position,
      storedRole: null,
    });
    expect(b.revoked).toEqual([boardId]);

    // A round trip on carol's and alice's sockets after bob heard his: theirs would have come first.
    expect(await c.join(boardId)).toEqual({ ok: false, error: 'not-found' });
    expect(await a.join(boardId)).toEqual({ ok: true });
    expect(c.heard).toEqual([]);
    expect(a.heard).toHaveLength(1);
  });
});
