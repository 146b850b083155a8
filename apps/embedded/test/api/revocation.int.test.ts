// Issue 17 §1: an account deactivated by an admin (or an admin demoted) loses access at once —
// commands, queries and sockets — not when its still-valid access token expires.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { buildCommandApi } from '@taskomask/api/commands';
import {
  bearerAuth,
  cachedAccounts,
  deactivatedOwners,
  readStoreAccounts,
} from '@taskomask/api/http';
import { followCurrentGeneration } from '@taskomask/api/queries';
import { attachRealtime, readStoreMemberships } from '@taskomask/api/realtime';
import { streamName } from '@taskomask/domain';
import { waitFor } from '@taskomask/testkit';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usePipeline } from './support/pipeline';

describe('revocation takes effect at once', () => {
  const p = usePipeline();
  let commands: Awaited<ReturnType<typeof buildCommandApi>>;
  let queries: Awaited<ReturnType<ReturnType<typeof p>['queryApi']>>;
  let realtime: ReturnType<typeof attachRealtime>;
  let socketUrl: string;
  const sockets: Socket[] = [];
  const stops: (() => Promise<unknown> | unknown)[] = [];

  beforeAll(async () => {
    const { issuer, eventStore, catalog } = p();
    const options = { issuer: issuer.issuer, audience: issuer.audience, jwksUrl: issuer.jwksUrl };
    // As the command process builds it: accounts from their own streams.
    commands = buildCommandApi({ eventStore, auth: options });
    await commands.ready();
    // As the query process builds it: accounts from the read store.
    const current = followCurrentGeneration(catalog);
    const auth = bearerAuth({
      ...options,
      accounts: cachedAccounts(readStoreAccounts(() => current.store())),
    });
    queries = await p().queryApi({ auth });
    await queries.listen({ host: '127.0.0.1', port: 0 });
    socketUrl = `http://127.0.0.1:${(queries.server.address() as AddressInfo).port}`;
    realtime = attachRealtime(queries.server, {
      auth,
      memberships: readStoreMemberships(() => current.store()),
      deactivated: async () => deactivatedOwners(await current.store()),
    });
    stops.push(
      () => realtime.close(),
      () => current.close(),
      () => commands.close(),
    );
  });

  afterAll(async () => {
    for (const s of sockets) s.close();
    for (const stop of stops.reverse()) await stop();
  });

  async function register(role: 'admin' | 'user'): Promise<string> {
    const ownerId = randomUUID();
    await p().eventStore.appendToStream(
      streamName.owner(ownerId),
      [
        {
          type: 'OwnerRegistered',
          data: {
            ownerId,
            displayName: `Person ${ownerId.slice(0, 4)}`,
            email: `${ownerId}@example.com`,
            role,
          },
          metadata: { userId: ownerId, correlationId: randomUUID(), causationId: randomUUID() },
          occurredAt: new Date().toISOString(),
        },
      ],
      { expectedVersion: 'no_stream' },
    );
    await p().caughtUp();
    return ownerId;
  }

  const send = async (
    app: typeof commands,
    method: string,
    url: string,
    token: string,
    body?: unknown,
  ) =>
    app.inject({
      method: method as 'GET',
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(body === undefined ? {} : { payload: body as object }),
    });

  it('a deactivated account is refused by commands, queries and its socket within 1 s', async () => {
    const admin = await register('admin');
    const user = await register('user');
    const adminToken = await p().issuer.tokenFor(admin, { expiresIn: '1h', role: 'admin' });
    const token = await p().issuer.tokenFor(user, { expiresIn: '1h' });
    expect(
      (await send(commands, 'POST', '/workspaces', token, { name: 'Before' })).statusCode,
    ).toBe(201);
    await p().caughtUp();
    expect((await send(queries, 'GET', '/workspaces', token)).statusCode).toBe(200);
    const socket = io(socketUrl, {
      auth: { token },
      transports: ['websocket'],
      reconnection: false,
    });
    sockets.push(socket);
    const told: unknown[] = [];
    socket.on('session:revoked', (revoked) => told.push(revoked));
    let disconnected: string | undefined;
    socket.on('disconnect', (reason) => {
      disconnected = reason;
    });
    await waitFor(async () => socket.connected, { what: 'the socket connected' });

    const deactivate = await send(commands, 'POST', `/admin/owners/${user}/deactivate`, adminToken);
    expect(deactivate.statusCode).toBe(200);
    const at = Date.now();
    // At once on the command side: its own stream is the truth.
    const write = await send(commands, 'POST', '/workspaces', token, { name: 'After' });
    expect(write.statusCode).toBe(401);
    expect(write.json().detail).toBe('the account is deactivated');
    await waitFor(
      async () => (await send(queries, 'GET', '/workspaces', token)).statusCode === 401,
      { what: 'the query side refuses the token', timeoutMs: 1_000 },
    );
    await waitFor(async () => disconnected !== undefined, {
      what: 'the socket dropped',
      timeoutMs: 1_000,
    });
    expect(Date.now() - at).toBeLessThan(1_000);
    expect(told).toEqual([{ reason: 'account-deactivated' }]);
    expect(disconnected).toBe('io server disconnect');
    // And a new socket is not let in.
    const again = io(socketUrl, {
      auth: { token },
      transports: ['websocket'],
      reconnection: false,
    });
    sockets.push(again);
    const refused = await new Promise<string>((resolve) =>
      again.on('connect_error', (e) => resolve(e.message)),
    );
    expect(refused).toMatch(/deactivated/);
  });

  it('a demoted admin’s token no longer reads the admin queries, within 1 s', async () => {
    const boss = await register('admin');
    const demoted = await register('admin');
    const bossToken = await p().issuer.tokenFor(boss, { expiresIn: '1h', role: 'admin' });
    const token = await p().issuer.tokenFor(demoted, { expiresIn: '1h', role: 'admin' });
    expect((await send(queries, 'GET', '/admin/owners', token)).statusCode).toBe(200);
    expect(
      (await send(commands, 'DELETE', `/admin/owners/${demoted}/admin`, bossToken)).statusCode,
    ).toBe(200);
    await waitFor(
      async () => (await send(queries, 'GET', '/admin/owners', token)).statusCode === 403,
      { what: 'the admin queries refuse the demoted admin', timeoutMs: 1_000 },
    );
    // Their own data stays theirs: the token still works as a user's.
    expect((await send(queries, 'GET', '/workspaces', token)).statusCode).toBe(200);
  });
});
