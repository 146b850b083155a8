// Issue #16 §3: personal API tokens on both APIs and the Socket.IO handshake, on each event store
// (SQLite: the embedded mode; Redis: the distributed mode's), with the real read store behind
// the query API.
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AccountRole,
  decideRegistration,
  initialEmailReservation,
  initialOwnerState,
  streamName,
} from '@taskomask/domain';
import type { EventStore } from '@taskomask/eventstore';
import { applyBatch, readModels, readSchema } from '@taskomask/read-models';
import type { ReadStoreCatalog } from '@taskomask/readstore';
import { sqliteReadStoreCatalog } from '@taskomask/readstore/sqlite';
import { unavailable, waitFor } from '@taskomask/testkit';
import { allScopes, startTestIssuer, type TestIssuer } from '@taskomask/testkit/jwks';
import type { FastifyInstance } from 'fastify';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCommandApi } from '../src/commands/api';
import { eventStoreAccounts } from '../src/http/account-status';
import { bearerAuth } from '../src/http/auth';
import { eventStorePersonalTokens } from '../src/http/personal-tokens';
import { buildQueryApi } from '../src/queries/api';
import { attachRealtime, type Realtime } from '../src/realtime/server';
import { deleteRedisKeys, openStore, type StoreKind } from './support/harness';

type Answer = {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  // biome-ignore lint/suspicious/noExplicitAny: tests read answers loosely and assert on them.
  body: any;
};

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const dayMs = 86_400_000;

for (const kind of ['sqlite', 'redis'] as const satisfies readonly StoreKind[]) {
  describe.skipIf(kind === 'redis' && unavailable('redis'))(
    `personal API tokens (${kind} event store)`,
    () => {
      let store: EventStore;
      let catalog: ReadStoreCatalog;
      let issuer: TestIssuer;
      let commands: FastifyInstance;
      let queries: FastifyInstance;
      let realtime: Realtime;
      let socketUrl: string;
      let dir: string;
      const sockets: Socket[] = [];
      /** Added to the verifier's clock: expiry without waiting. */
      let clockOffsetMs = 0;
      const people = { alice: '', bob: '', root: '' };
      const roles = new Map<string, AccountRole>();

      async function register(role: AccountRole, displayName: string): Promise<string> {
        const ownerId = randomUUID();
        const email = `${ownerId.slice(0, 8)}@example.com`;
        const now = new Date().toISOString();
        const decided = decideRegistration(
          {
            type: 'RegisterOwner',
            data: { ownerId, displayName, email, role },
            metadata: { userId: ownerId, now },
          },
          {
            owner: initialOwnerState(),
            email: initialEmailReservation(),
            system: { status: 'started', firstOwnerId: ownerId },
          },
        );
        const metadata = {
          userId: ownerId,
          correlationId: randomUUID(),
          causationId: randomUUID(),
        };
        const at = (events: readonly { type: string; data: unknown }[]) =>
          events.map((e) => ({ type: e.type, data: e.data, metadata, occurredAt: now }));
        await store.appendToStreams([
          {
            stream: streamName.owner(ownerId),
            expectedVersion: 'no_stream',
            events: at(decided.owner),
          },
          {
            stream: `email-${sha256(email)}`,
            expectedVersion: 'no_stream',
            events: at(decided.email),
          },
        ]);
        roles.set(ownerId, role);
        return ownerId;
      }

      beforeAll(async () => {
        dir = mkdtempSync(join(tmpdir(), 'taskomask-tokens-'));
        store = openStore(kind);
        catalog = sqliteReadStoreCatalog({ path: join(dir, 'read.db'), schema: readSchema });
        issuer = await startTestIssuer();
        const personalTokens = eventStorePersonalTokens(store);
        const auth = bearerAuth({
          issuer: issuer.issuer,
          audience: issuer.audience,
          jwksUrl: issuer.jwksUrl,
          accounts: eventStoreAccounts(store),
          personalTokens,
          now: () => Date.now() + clockOffsetMs,
        });
        commands = buildCommandApi({ eventStore: store, auth });
        queries = buildQueryApi({ catalog, auth, personalTokens, minPositionWaitMs: 2000 });
        await Promise.all([commands.ready(), queries.ready()]);
        realtime = attachRealtime(queries.server, {
          auth,
          memberships: async () => true,
        });
        await queries.listen({ host: '127.0.0.1', port: 0 });
        socketUrl = `http://127.0.0.1:${(queries.server.address() as AddressInfo).port}`;
        people.alice = await register('user', 'Alice Liddell');
        people.bob = await register('user', 'Bob Builder');
        people.root = await register('admin', 'Root Operator');
      });

      afterAll(async () => {
        for (const socket of sockets) socket.disconnect();
        await realtime?.close();
        await Promise.all([commands?.close(), queries?.close()]);
        await catalog?.close();
        await store?.close();
        await issuer?.close();
        if (kind === 'redis') await deleteRedisKeys();
        rmSync(dir, { recursive: true, force: true });
      });

      /** The read store folded up to the event store's head, as the projector keeps it. */
      async function catchUp(): Promise<void> {
        const readStore = await catalog.open(await catalog.current());
        for (;;) {
          const events = await store.readAll({
            fromPosition: (await readStore.position()) + 1,
            limit: 5000,
          });
          if (events.length === 0) return;
          await applyBatch(events, { readStore, eventStore: store, ...readModels });
        }
      }

      const jwtOf = (userId: string) =>
        issuer.tokenFor(userId, {
          scope: allScopes,
          role: roles.get(userId) ?? 'user',
          expiresIn: '1h',
        });

      async function send(
        app: FastifyInstance,
        method: string,
        url: string,
        bearer: string | undefined,
        body?: unknown,
      ): Promise<Answer> {
        const response = await app.inject({
          method: method as 'GET',
          url,
          headers: bearer === undefined ? {} : { authorization: `Bearer ${bearer}` },
          ...(body === undefined ? {} : { payload: body as object }),
        });
        const text = response.body;
        return {
          status: response.statusCode,
          headers: response.headers,
          body: text === '' ? undefined : JSON.parse(text),
        };
      }
      const asUser = async (
        userId: string,
        app: FastifyInstance,
        method: string,
        url: string,
        body?: unknown,
      ) => send(app, method, url, await jwtOf(userId), body);

      async function makeToken(
        userId: string,
        body: { name: string; scopes: string[]; expiresAt?: string | null },
      ): Promise<{ id: string; token: string }> {
        const answer = await asUser(userId, commands, 'POST', '/me/tokens', body);
        expect(answer.status, JSON.stringify(answer.body)).toBe(201);
        return { id: answer.body.id, token: answer.body.token };
      }
      const listOf = async (userId: string) =>
        (await asUser(userId, queries, 'GET', '/me/tokens')).body.items as {
          tokenId: string;
          status: string;
          lastUsedAt: string | null;
          revokedAt: string | null;
        }[];

      it('shows a new token once, keeps only its hash, and lists it without secret or hash', async () => {
        const made = await asUser(people.alice, commands, 'POST', '/me/tokens', {
          name: 'CI pipeline',
          scopes: ['read', 'write'],
          expiresAt: new Date(Date.now() + 30 * dayMs).toISOString(),
        });
        expect(made.status).toBe(201);
        expect(made.headers['cache-control']).toBe('no-store');
        const { id, token } = made.body as { id: string; token: string };
        expect(token).toMatch(new RegExp(`^tmpat_${people.alice}_${id}_[A-Za-z0-9_-]{43}$`));
        const secret = token.split('_').slice(3).join('_');
        const events = await store.readStream(streamName.tokens(people.alice));
        const stored = JSON.stringify(events);
        expect(stored).not.toContain(secret);
        expect(stored).toContain(sha256(secret));

        const list = await asUser(people.alice, queries, 'GET', '/me/tokens');
        expect(list.status).toBe(200);
        expect(list.headers['cache-control']).toBe('private, no-store');
        expect(list.body.items).toEqual([
          expect.objectContaining({
            tokenId: id,
            name: 'CI pipeline',
            scopes: ['read', 'write'],
            lastUsedAt: null,
            revokedAt: null,
            status: 'active',
          }),
        ]);
        expect(JSON.stringify(list.body)).not.toMatch(/hash|tmpat_/i);
        // Bob sees only his own (none).
        expect(await listOf(people.bob)).toEqual([]);
      });

      it('works as Bearer on both APIs with the person’s permissions, per scope, and records last use', async () => {
        const { id, token } = await makeToken(people.alice, {
          name: 'Read and write',
          scopes: ['read', 'write'],
        });
        const created = await send(commands, 'POST', '/workspaces', token, { name: 'Token team' });
        expect(created.status, JSON.stringify(created.body)).toBe(201);
        // The workspace is Alice's: her own sign-in reads it too.
        const workspaceId = created.body.id as string;
        await catchUp();
        const read = await send(queries, 'GET', `/workspaces/${workspaceId}`, token);
        expect(read.status, JSON.stringify(read.body)).toBe(200);
        expect(read.body.name).toBe('Token team');
        // Not Bob's workspace: his token gets the 404 anyone outside gets.
        const bobs = await makeToken(people.bob, { name: 'Bob reads', scopes: ['read'] });
        expect((await send(queries, 'GET', `/workspaces/${workspaceId}`, bobs.token)).status).toBe(
          404,
        );
        // read only: no commands; write only: no queries.
        const refused = await send(commands, 'POST', '/workspaces', bobs.token, {
          name: 'Nope team',
        });
        expect(refused.status).toBe(403);
        expect(refused.body.type).toBe('urn:taskomask:problem:insufficient-scope');
        const writer = await makeToken(people.bob, { name: 'Bob writes', scopes: ['write'] });
        expect((await send(queries, 'GET', '/workspaces', writer.token)).status).toBe(403);
        expect(
          (await send(commands, 'POST', '/workspaces', writer.token, { name: 'Bob team' })).status,
        ).toBe(201);

        const used = (await listOf(people.alice)).find((t) => t.tokenId === id);
        expect(used?.lastUsedAt).not.toBeNull();
        expect(Date.parse(used!.lastUsedAt!)).toBeGreaterThan(Date.now() - 60_000);
      });

      it('refuses a wrong secret, an unknown id and a malformed token with 401 on both APIs', async () => {
        const { id, token } = await makeToken(people.alice, {
          name: 'Guarded',
          scopes: ['read', 'write'],
        });
        const last = token.at(-1) === 'A' ? 'B' : 'A';
        const wrong = `${token.slice(0, -1)}${last}`;
        const unknown = `tmpat_${people.alice}_${randomUUID()}_${token.slice(-43)}`;
        const otherOwner = token.replace(people.alice, people.bob);
        for (const bad of [wrong, unknown, otherOwner, 'tmpat_nothing', `${token}x`]) {
          for (const [app, method, url] of [
            [queries, 'GET', '/workspaces'],
            [commands, 'POST', '/workspaces'],
          ] as const) {
            const answer = await send(
              app,
              method,
              url,
              bad,
              method === 'POST' ? { name: 'Never' } : undefined,
            );
            expect(answer.status, bad).toBe(401);
            expect(answer.headers['content-type']).toMatch(/application\/problem\+json/);
            expect(answer.headers['www-authenticate']).toMatch(/error="invalid_token"/);
          }
        }
        expect((await listOf(people.alice)).find((t) => t.tokenId === id)?.status).toBe('active');
      });

      it('refuses a revoked token on the very next request, on both APIs', async () => {
        const { id, token } = await makeToken(people.alice, {
          name: 'Short lived',
          scopes: ['read', 'write'],
        });
        expect((await send(queries, 'GET', '/workspaces', token)).status).toBe(200);
        expect(
          (await send(commands, 'POST', '/workspaces', token, { name: 'Before revoke' })).status,
        ).toBe(201);
        const revoked = await asUser(people.alice, commands, 'DELETE', `/me/tokens/${id}`);
        expect(revoked.status).toBe(200);
        const query = await send(queries, 'GET', '/workspaces', token);
        expect(query.status).toBe(401);
        expect(query.body.detail).toBe('the personal API token was revoked');
        expect(
          (await send(commands, 'POST', '/workspaces', token, { name: 'After revoke' })).status,
        ).toBe(401);
        expect((await listOf(people.alice)).find((t) => t.tokenId === id)).toEqual(
          expect.objectContaining({ status: 'revoked', revokedAt: expect.any(String) }),
        );
        // Revoking again changes nothing.
        expect((await asUser(people.alice, commands, 'DELETE', `/me/tokens/${id}`)).status).toBe(
          200,
        );
      });

      it('refuses an expired token', async () => {
        const { id, token } = await makeToken(people.alice, {
          name: 'Thirty days',
          scopes: ['read'],
          expiresAt: new Date(Date.now() + 30 * dayMs).toISOString(),
        });
        expect((await send(queries, 'GET', '/workspaces', token)).status).toBe(200);
        clockOffsetMs = 31 * dayMs;
        try {
          const answer = await send(queries, 'GET', '/workspaces', token);
          expect(answer.status).toBe(401);
          expect(answer.body.detail).toBe('the personal API token has expired');
        } finally {
          clockOffsetMs = 0;
        }
        expect((await send(queries, 'GET', '/workspaces', token)).status).toBe(200);
        expect((await listOf(people.alice)).find((t) => t.tokenId === id)?.status).toBe('active');
      });

      it('refuses the tokens of a deactivated person at once, and takes them back on reactivation', async () => {
        const { token } = await makeToken(people.bob, {
          name: 'Bob bot',
          scopes: ['read', 'write'],
        });
        expect((await send(queries, 'GET', '/workspaces', token)).status).toBe(200);
        const off = await asUser(
          people.root,
          commands,
          'POST',
          `/admin/owners/${people.bob}/deactivate`,
        );
        expect(off.status).toBe(200);
        for (const answer of [
          await send(queries, 'GET', '/workspaces', token),
          await send(commands, 'POST', '/workspaces', token, { name: 'While away' }),
        ]) {
          expect(answer.status).toBe(401);
          expect(answer.body.detail).toBe('the account is deactivated');
        }
        expect(
          (await asUser(people.root, commands, 'POST', `/admin/owners/${people.bob}/reactivate`))
            .status,
        ).toBe(200);
        expect((await send(queries, 'GET', '/workspaces', token)).status).toBe(200);
      });

      it('lets an account admin list and revoke anyone’s tokens; nobody else', async () => {
        const { id, token } = await makeToken(people.alice, {
          name: 'Admin target',
          scopes: ['read'],
        });
        const url = `/admin/owners/${people.alice}/tokens`;
        const listed = await asUser(people.root, queries, 'GET', url);
        expect(listed.status).toBe(200);
        expect(listed.body.ownerId).toBe(people.alice);
        expect(listed.body.items.map((t: { tokenId: string }) => t.tokenId)).toContain(id);
        // Bob is no admin: 403 on the admin endpoints, 404 for Alice's token on his own.
        expect((await asUser(people.bob, queries, 'GET', url)).status).toBe(403);
        expect((await asUser(people.bob, commands, 'DELETE', `${url}/${id}`)).status).toBe(403);
        const foreign = await asUser(people.bob, commands, 'DELETE', `/me/tokens/${id}`);
        expect(foreign.status).toBe(404);
        expect(foreign.body.detail).toBe(`personal token ${id} not found`);
        expect((await send(queries, 'GET', '/workspaces', token)).status).toBe(200);
        // An unknown person and an unknown token are not found.
        expect(
          (await asUser(people.root, queries, 'GET', `/admin/owners/${randomUUID()}/tokens`))
            .status,
        ).toBe(404);
        expect(
          (await asUser(people.root, commands, 'DELETE', `${url}/${randomUUID()}`)).status,
        ).toBe(404);

        const revoked = await asUser(people.root, commands, 'DELETE', `${url}/${id}`);
        expect(revoked.status).toBe(200);
        expect((await send(queries, 'GET', '/workspaces', token)).status).toBe(401);
        const events = await store.readStream(streamName.tokens(people.alice));
        expect(events.at(-1)).toEqual(
          expect.objectContaining({
            type: 'PersonalTokenRevoked',
            data: expect.objectContaining({ tokenId: id, revokedBy: people.root }),
          }),
        );
      });

      it('gives an admin’s token the admin’s role, and no token may make tokens', async () => {
        const { token } = await makeToken(people.root, {
          name: 'Root bot',
          scopes: ['read', 'write'],
        });
        expect(
          (await send(queries, 'GET', `/admin/owners/${people.alice}/tokens`, token)).status,
        ).toBe(200);
        const minted = await send(commands, 'POST', '/me/tokens', token, {
          name: 'Child',
          scopes: ['read'],
        });
        expect(minted.status).toBe(403);
        expect(minted.body.detail).toMatch(/cannot make tokens/);
      });

      it('refuses bad input with problem+json naming the field, and writes nothing', async () => {
        const before = await store.streamVersion(streamName.tokens(people.bob));
        const cases: [unknown, string][] = [
          [{ name: 'ab', scopes: ['read'] }, 'name'],
          [{ name: 'Good name', scopes: [] }, 'scopes'],
          [{ name: 'Good name', scopes: ['admin'] }, 'scopes.0'],
          [{ name: 'Good name', scopes: ['read'], expiresAt: 'soon' }, 'expiresAt'],
          [{ name: 'Good name', scopes: ['read'], secretHash: 'f'.repeat(64) }, 'secretHash'],
          [
            {
              name: 'Good name',
              scopes: ['read'],
              expiresAt: new Date(Date.now() - 1000).toISOString(),
            },
            'expiresAt',
          ],
          [
            {
              name: 'Good name',
              scopes: ['read'],
              expiresAt: new Date(Date.now() + 400 * dayMs).toISOString(),
            },
            'expiresAt',
          ],
        ];
        for (const [body, field] of cases) {
          const answer = await asUser(people.bob, commands, 'POST', '/me/tokens', body);
          expect(answer.status, JSON.stringify(body)).toBe(400);
          expect(answer.headers['content-type']).toMatch(/application\/problem\+json/);
          expect(
            answer.body.errors.map((e: { field: string }) => e.field),
            JSON.stringify(answer.body),
          ).toContain(field);
        }
        expect((await asUser(people.bob, commands, 'DELETE', '/me/tokens/not-a-uuid')).status).toBe(
          400,
        );
        expect(
          (await asUser(people.root, queries, 'GET', '/admin/owners/nope/tokens')).status,
        ).toBe(400);
        expect(await store.streamVersion(streamName.tokens(people.bob))).toBe(before);
      });

      it('opens a socket with a token, refuses a revoked one, and drops the open socket on revocation', async () => {
        const { id, token } = await makeToken(people.alice, {
          name: 'Socket bot',
          scopes: ['read'],
        });
        const socket = connect(socketUrl, {
          transports: ['websocket'],
          auth: { token },
          reconnection: false,
        });
        sockets.push(socket);
        const told: unknown[] = [];
        socket.on('session:revoked', (notice) => told.push(notice));
        await waitFor(() => socket.connected, { what: 'the token’s socket connected' });
        expect((await asUser(people.alice, commands, 'DELETE', `/me/tokens/${id}`)).status).toBe(
          200,
        );
        await waitFor(() => !socket.connected, { what: 'the revoked token’s socket dropped' });
        expect(told).toEqual([{ reason: 'token-revoked' }]);
        const again = connect(socketUrl, {
          transports: ['websocket'],
          auth: { token },
          reconnection: false,
        });
        sockets.push(again);
        const error = await new Promise<Error>((done) => again.once('connect_error', done));
        expect(error.message).toBe('the personal API token was revoked');
        // A write-only token may not watch boards.
        const writer = await makeToken(people.alice, { name: 'Socket writer', scopes: ['write'] });
        const refused = connect(socketUrl, {
          transports: ['websocket'],
          auth: { token: writer.token },
          reconnection: false,
        });
        sockets.push(refused);
        const lacking = await new Promise<Error>((done) => refused.once('connect_error', done));
        expect(lacking.message).toMatch(/boards:read/);
      });

      it('drops the open socket of a person deactivated, saying so', async () => {
        const { token } = await makeToken(people.bob, { name: 'Bob socket', scopes: ['read'] });
        const socket = connect(socketUrl, {
          transports: ['websocket'],
          auth: { token },
          reconnection: false,
        });
        sockets.push(socket);
        const told: unknown[] = [];
        socket.on('session:revoked', (notice) => told.push(notice));
        await waitFor(() => socket.connected, { what: 'Bob’s token socket connected' });
        const off = await asUser(
          people.root,
          commands,
          'POST',
          `/admin/owners/${people.bob}/deactivate`,
        );
        expect(off.status).toBe(200);
        try {
          await waitFor(() => !socket.connected, {
            what: 'the deactivated person’s socket dropped',
          });
          expect(told).toEqual([{ reason: 'account-deactivated' }]);
        } finally {
          await asUser(people.root, commands, 'POST', `/admin/owners/${people.bob}/reactivate`);
        }
      });
    },
  );
}
