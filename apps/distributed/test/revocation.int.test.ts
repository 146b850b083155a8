// Issue 17 §1 in the distributed mode: every app its own process. An admin deactivates an
// account; its still-valid access token is refused by the command API at once, by the query API
// within 1 s, and its socket is dropped with a reason within 1 s.

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
  'distributed mode: a deactivated account loses access at once',
  () => {
    let running: TestSystem | undefined;
    let socket: Socket | undefined;

    beforeAll(async () => {
      // The first account of a fresh system is an account admin.
      running = await startTestSystem({
        name: 'distributed-revocation',
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

    it('refuses commands at once, queries and the socket within 1 s', async () => {
      const { system, tokens: admin } = running!;
      const p = pkce();
      const code = await registerThroughPages(
        { issuer: system.urls.identity } as RunningIdentity,
        new Browser(),
        p,
        { displayName: 'Bob Builder', email: 'bob@example.com', password: 'can-we-fix-it-99' },
      );
      const bob = await exchangeCode(system.urls.identity, code, p);
      const me = await call(system.urls.commands, 'POST', '/workspaces', bob.access_token, {
        name: 'Bob team',
      });
      expect(me.status).toBe(201);
      await waitFor(
        async () =>
          (await call(system.urls.queries, 'GET', '/workspaces', bob.access_token)).status === 200,
        { what: 'the query side answers Bob' },
      );
      socket = io(system.urls.queries, {
        auth: { token: bob.access_token },
        transports: ['websocket'],
        reconnection: false,
      });
      const told: unknown[] = [];
      let dropped: string | undefined;
      socket.on('session:revoked', (revoked) => told.push(revoked));
      socket.on('disconnect', (reason) => {
        dropped = reason;
      });
      await waitFor(() => socket!.connected, { what: 'Bob’s socket connected' });
      const bobId = JSON.parse(
        Buffer.from(bob.access_token.split('.')[1]!, 'base64url').toString('utf8'),
      ).sub as string;

      const deactivated = await call(
        system.urls.commands,
        'POST',
        `/admin/owners/${bobId}/deactivate`,
        admin.access_token,
      );
      expect(deactivated.status).toBe(200);
      const at = Date.now();
      const write = await call(system.urls.commands, 'POST', '/workspaces', bob.access_token, {
        name: 'After',
      });
      expect(write.status).toBe(401);
      await waitFor(
        async () =>
          (await call(system.urls.queries, 'GET', '/workspaces', bob.access_token)).status === 401,
        { what: 'the query side refuses Bob', timeoutMs: 1_000 },
      );
      await waitFor(() => dropped !== undefined, {
        what: 'Bob’s socket dropped',
        timeoutMs: 1_000,
      });
      expect(Date.now() - at).toBeLessThan(1_000);
      expect(told).toEqual([{ reason: 'account-deactivated' }]);
      expect(dropped).toBe('io server disconnect');
    }, 60_000);
  },
);
