// Issue #16 §3 in the distributed mode: every app its own process, the event store on Redis.
// A personal token made on the command API works on both APIs and the query side's socket, and
// after its revocation is refused by both on the very next request — the query process checks
// tokens against the event store (EVENT_STORE_URL), not the projector's read store.

import {
  exchangeCode,
  pkce,
  type RunningIdentity,
  registerThroughPages,
} from '@taskomask/identity/testing';
import { unavailable, waitFor } from '@taskomask/testkit';
import { Browser } from '@taskomask/testkit/browser';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from './support/test-system';

describe.skipIf(unavailable('redis') || unavailable('rabbitmq'))(
  'distributed mode: personal API tokens',
  () => {
    let running: TestSystem | undefined;
    let socket: Socket | undefined;

    beforeAll(async () => {
      running = await startTestSystem({
        name: 'distributed-tokens',
        user: { displayName: 'Ada Admin', email: 'ada@example.com', password: 'analytical-1843' },
        onLine: () => undefined,
      });
    }, 120_000);

    afterAll(async () => {
      socket?.close();
      await running?.stop();
    });

    const call = (base: string, method: string, path: string, token: string, body?: unknown) =>
      fetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });

    it('works on both APIs and the socket, and is refused by both at once after revocation', async () => {
      const { system, tokens } = running!;
      const made = await call(system.urls.commands, 'POST', '/me/tokens', tokens.access_token, {
        name: 'Distributed bot',
        scopes: ['read', 'write'],
      });
      expect(made.status).toBe(201);
      const { id, token } = (await made.json()) as { id: string; token: string };

      const created = await call(system.urls.commands, 'POST', '/workspaces', token, {
        name: 'Bot team',
      });
      expect(created.status).toBe(201);
      const { position } = (await created.json()) as { position: number };
      const read = await call(
        system.urls.queries,
        'GET',
        `/workspaces?minPosition=${position}`,
        token,
      );
      expect(read.status).toBe(200);
      const listed = await call(system.urls.queries, 'GET', '/me/tokens', tokens.access_token);
      expect(listed.status).toBe(200);
      const items = (
        (await listed.json()) as { items: { tokenId: string; lastUsedAt: string | null }[] }
      ).items;
      expect(items.find((t) => t.tokenId === id)?.lastUsedAt).not.toBeNull();

      socket = io(system.urls.queries, {
        auth: { token },
        transports: ['websocket'],
        reconnection: false,
      });
      const told: unknown[] = [];
      socket.on('session:revoked', (notice) => told.push(notice));
      await waitFor(() => socket!.connected, { what: 'the token’s socket connected' });

      const revoked = await call(
        system.urls.commands,
        'DELETE',
        `/me/tokens/${id}`,
        tokens.access_token,
      );
      expect(revoked.status).toBe(200);
      // The very next request on each side, in another process than the one that revoked it.
      expect((await call(system.urls.queries, 'GET', '/workspaces', token)).status).toBe(401);
      expect(
        (await call(system.urls.commands, 'POST', '/workspaces', token, { name: 'Late' })).status,
      ).toBe(401);
      await waitFor(() => !socket!.connected, { what: 'the revoked token’s socket dropped' });
      expect(told).toEqual([{ reason: 'token-revoked' }]);
    }, 60_000);

    it('refuses the token of a person an admin deactivates, on both APIs', async () => {
      const { system, tokens: admin } = running!;
      const p = pkce();
      const code = await registerThroughPages(
        { issuer: system.urls.identity } as RunningIdentity,
        new Browser(),
        p,
        { displayName: 'Bob Builder', email: 'bob@example.com', password: 'can-we-fix-it-99' },
      );
      const bob = await exchangeCode(system.urls.identity, code, p);
      const made = await call(system.urls.commands, 'POST', '/me/tokens', bob.access_token, {
        name: 'Bob bot',
        scopes: ['read', 'write'],
      });
      expect(made.status).toBe(201);
      const { token } = (await made.json()) as { token: string };
      const bobId = token.split('_')[1]!;
      expect((await call(system.urls.queries, 'GET', '/workspaces', token)).status).toBe(200);

      const off = await call(
        system.urls.commands,
        'POST',
        `/admin/owners/${bobId}/deactivate`,
        admin.access_token,
      );
      expect(off.status).toBe(200);
      const at = Date.now();
      expect(
        (await call(system.urls.commands, 'POST', '/workspaces', token, { name: 'Away' })).status,
      ).toBe(401);
      // The query process reads accounts for tokens from the event store, cached 250 ms at most.
      await waitFor(
        async () => (await call(system.urls.queries, 'GET', '/workspaces', token)).status === 401,
        { what: 'the query side refuses Bob’s token' },
      );
      console.log(
        `[tokens] query side refused a deactivated person's token after ${Date.now() - at} ms`,
      );
    }, 60_000);
  },
);
