// Property-based fuzzing of the Socket.IO side: the handshake (auth tokens of every type and
// shape, forged and hostile-but-signed tickets, garbage JWTs, 100 KB strings, deep JSON), the
// board:join / board:leave events with hostile arguments, and the raw engine.io HTTP endpoint with
// hostile query strings. Never a 5xx, never a connection without a valid credential, never a join
// to a board the user may not see, and the server keeps serving. FUZZ_SEED=<seed> reproduces.
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mintTicket, ticketAudience } from '@taskomask/contracts/socket-ticket';
import { startTestIssuer, type TestIssuer } from '@taskomask/testkit/jwks';
import { anyText, deepArray, encodeSegment, unicodeEdges } from '@taskomask/testkit/openapi-fuzz';
import fc from 'fast-check';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerAuth } from '../../src/http/auth';
import { attachRealtime, type Realtime } from '../../src/realtime/server';

const seed = Number(process.env.FUZZ_SEED ?? 20_261_126);
const numRuns = Number(process.env.FUZZ_RUNS ?? 50);
fc.configureGlobal({ seed, numRuns, endOnFailure: true });

const secret = 'a-secret-of-at-least-thirty-two-characters';
const board = 'b1';
const members = new Set(['ann']);

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const hmac = (body: string) =>
  createHmac('sha256', secret).update(`v1.${body}`).digest('base64url');

/** A ticket signed with the right secret whose claims are hostile. */
type Signed = Readonly<{ signed: Record<string, unknown>; valid: boolean }>;

const hostileClaim = fc.oneof(
  fc.constantFrom<unknown>(null, 0, -1, true, [], {}, '', 1e308, '__proto__'),
  fc.constantFrom(...unicodeEdges),
  fc.jsonValue({ maxDepth: 2 }),
);

const signedTickets: fc.Arbitrary<Signed> = fc
  .record(
    {
      sub: fc.oneof(fc.constantFrom('ann', 'eve'), hostileClaim),
      name: fc.oneof(anyText(20), hostileClaim),
      exp: fc.oneof(
        fc.constant(Math.floor(Date.now() / 1000) + 600),
        fc.constant(Math.floor(Date.now() / 1000) - 600),
        hostileClaim,
      ),
      aud: fc.oneof(fc.constant(ticketAudience), hostileClaim),
    },
    { requiredKeys: [] },
  )
  .map((signed) => ({
    signed,
    valid:
      typeof signed.sub === 'string' &&
      signed.sub !== '' &&
      signed.aud === ticketAudience &&
      typeof signed.exp === 'number' &&
      signed.exp * 1000 >= Date.now(),
  }));

type Credential = Readonly<{ label: string; auth: unknown; valid: boolean; user?: string }>;

const credentials = (issuer: () => TestIssuer): fc.Arbitrary<Credential | Promise<Credential>> =>
  fc.oneof(
    fc.constantFrom<Credential>(
      { label: 'no auth', auth: undefined, valid: false },
      { label: 'empty token', auth: { token: '' }, valid: false },
      { label: 'token null', auth: { token: null }, valid: false },
      { label: 'token number', auth: { token: 42 }, valid: false },
      { label: 'token array', auth: { token: ['v1.a.b'] }, valid: false },
      { label: 'token object', auth: { token: { toString: 'v1.' } }, valid: false },
      { label: 'token 100 KB', auth: { token: 'x'.repeat(100_000) }, valid: false },
      { label: 'ticket 100 KB', auth: { token: `v1.${'x'.repeat(100_000)}.y` }, valid: false },
      { label: 'v1.', auth: { token: 'v1.' }, valid: false },
      { label: 'v1..', auth: { token: 'v1..' }, valid: false },
      { label: 'v1.a.b.c', auth: { token: 'v1.a.b.c' }, valid: false },
      { label: 'unsigned ticket', auth: { token: `v1.${b64({ sub: 'ann' })}.` }, valid: false },
      { label: 'JWT garbage', auth: { token: 'a.b.c' }, valid: false },
      {
        label: 'alg none',
        auth: { token: `${b64({ alg: 'none' })}.${b64({ sub: 'ann' })}.` },
        valid: false,
      },
      { label: 'Bearer prefix twice', auth: { token: 'Bearer x' }, valid: false },
      { label: 'auth a string', auth: 'v1.a.b', valid: false },
      { label: 'auth an array', auth: [[['token']]], valid: false },
      {
        label: 'deep auth',
        auth: { token: JSON.parse(deepArray(2_000).json) },
        valid: false,
        // fast-check would print the 2,000-deep array recursively.
        [fc.toStringMethod]: () => 'deep auth',
      } as Credential,
    ),
    anyText(200).map(
      (token): Credential => ({
        label: `text ${JSON.stringify(token)}`,
        auth: { token },
        valid: false,
      }),
    ),
    signedTickets.map(({ signed, valid }): Credential => {
      const body = b64(signed);
      return {
        label: `signed ${JSON.stringify(signed)}`,
        auth: { token: `v1.${body}.${hmac(body)}` },
        valid,
        ...(valid ? { user: signed.sub as string } : {}),
      };
    }),
    fc.uuid().map(
      async (user): Promise<Credential> => ({
        label: `access token of ${user}`,
        auth: { token: await issuer().tokenFor(user) },
        valid: true,
        user,
      }),
    ),
  );

describe(`fuzzing the Socket.IO handshake and events (seed ${seed}, ${numRuns} runs)`, () => {
  let http: Server;
  let realtime: Realtime;
  let issuer: TestIssuer;
  let url: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    issuer = await startTestIssuer();
    http = createServer();
    realtime = attachRealtime(http, {
      auth: bearerAuth({
        issuer: issuer.issuer,
        audience: issuer.audience,
        jwksUrl: issuer.jwksUrl,
      }),
      ticketSecret: secret,
      memberships: async (userId, boardId) => boardId === board && members.has(userId),
    });
    await new Promise<void>((done) => http.listen(0, '127.0.0.1', done));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await realtime?.close();
    await new Promise((done) => http?.close(done));
    await issuer?.close();
  });

  /** Connects; the error message when refused. */
  const open = (auth: unknown) =>
    new Promise<{ socket: Socket; error?: string }>((done) => {
      const socket = connect(url, {
        transports: ['websocket'],
        reconnection: false,
        ...(auth === undefined ? {} : { auth: auth as Record<string, unknown> }),
      });
      sockets.push(socket);
      const hang = setTimeout(() => done({ socket, error: 'HANG: no answer within 3 s' }), 3_000);
      socket.once('connect', () => {
        clearTimeout(hang);
        done({ socket });
      });
      socket.once('connect_error', (error) => {
        clearTimeout(hang);
        done({ socket, error: error.message });
      });
      // A CONNECT packet the server cannot parse (auth not an object) closes the transport: a
      // refusal too, though the client reports no connect_error for it.
      socket.io.once('close', (reason) => {
        clearTimeout(hang);
        done({ socket, error: `transport closed: ${reason}` });
      });
    });

  it('connects only with a valid token or ticket, and refuses everything else with a message', async () => {
    await fc.assert(
      fc.asyncProperty(
        credentials(() => issuer),
        async (pending) => {
          const credential = await pending;
          const { socket, error } = await open(credential.auth);
          socket.disconnect();
          expect(error ?? '', credential.label).not.toMatch(/^HANG/);
          if (credential.valid) {
            expect(error, credential.label).toBeUndefined();
          } else {
            expect(typeof error === 'string' && error.length > 0, credential.label).toBe(true);
          }
        },
      ),
    );
    // Still serving after all that.
    const { socket, error } = await open({
      token: mintTicket(secret, { id: 'ann', name: 'Ann' }, Date.now()),
    });
    expect(error).toBeUndefined();
    socket.disconnect();
  });

  it('answers board:join with hostile arguments as bad-request or not-found, never ok', async () => {
    const eve = await open({ token: mintTicket(secret, { id: 'eve', name: 'Eve' }, Date.now()) });
    const ann = await open({ token: mintTicket(secret, { id: 'ann', name: 'Ann' }, Date.now()) });
    expect(eve.error ?? ann.error).toBeUndefined();
    const boardIds = fc.oneof(
      fc.constantFrom<unknown>(
        null,
        undefined,
        0,
        true,
        [],
        {},
        [board],
        { toString: board },
        `${board} `,
        ` ${board}`,
        board.toUpperCase(),
        'x'.repeat(100_000),
        '__proto__',
      ),
      fc.constantFrom(...unicodeEdges),
      anyText(120),
      fc.jsonValue({ maxDepth: 3 }),
    );
    await fc.assert(
      fc.asyncProperty(boardIds, fc.boolean(), async (boardId, asAnn) => {
        const socket = (asAnn ? ann : eve).socket;
        const answer = await socket.timeout(2_000).emitWithAck('board:join', boardId);
        const label = `${asAnn ? 'ann' : 'eve'} joins ${String(JSON.stringify(boardId)).slice(0, 80)}`;
        expect(answer.ok, label).toBe(false);
        expect(['bad-request', 'not-found'], label).toContain(answer.error);
        socket.emit('board:leave', boardId);
      }),
    );
    // Events with no ack, extra arguments, unknown names: ignored, and the sockets still work.
    eve.socket.emit('board:join', board);
    eve.socket.emit('board:join', board, 'not a function', 1, 2);
    eve.socket.emit('no-such-event', deepArray(1_000));
    eve.socket.emit('board:leave');
    expect(await ann.socket.timeout(2_000).emitWithAck('board:join', board)).toEqual({ ok: true });
    expect(await eve.socket.timeout(2_000).emitWithAck('board:join', board)).toEqual({
      ok: false,
      error: 'not-found',
    });
    eve.socket.disconnect();
    ann.socket.disconnect();
  });

  it('answers the raw engine.io endpoint with hostile query strings without a 5xx', async () => {
    const queries = fc.oneof(
      fc.constantFrom(
        'EIO=4&transport=polling',
        'EIO=3&transport=polling',
        'EIO=abc&transport=polling',
        'EIO=4&transport=bogus',
        'EIO=4&transport=websocket',
        'EIO=4&transport=polling&sid=garbage',
        'EIO=4&transport=polling&sid=',
        'EIO=4&transport=polling&j=1',
        'EIO=4&transport=polling&b64=1',
        `EIO=4&transport=polling&sid=${'x'.repeat(10_000)}`,
        '%zz',
        '',
      ),
      fc
        .tuple(anyText(20), anyText(40))
        .map(([k, v]) => `EIO=4&transport=polling&${encodeSegment(k)}=${encodeSegment(v)}`),
    );
    const methods = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'OPTIONS');
    const bodies = fc.oneof(
      fc.constant(undefined),
      fc.constantFrom('40', '4{"token":1}', '1', '', 'x'.repeat(100_000), deepArray(2_000).json),
      anyText(60),
    );
    await fc.assert(
      fc.asyncProperty(queries, methods, bodies, async (query, method, body) => {
        const response = await fetch(`${url}/socket.io/?${query}`, {
          method,
          ...(body === undefined || method === 'GET' ? {} : { body }),
          headers: { 'content-type': 'text/plain;charset=UTF-8' },
        });
        await response.arrayBuffer();
        expect(response.status, `${method} /socket.io/?${query.slice(0, 120)}`).toBeLessThan(500);
      }),
    );
  });
});
