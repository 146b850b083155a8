// Property-based fuzzing of the Socket.IO handshake against the realtime server as the apps wire
// it: memberships from the read store the real pipeline projects (command API → log → projector),
// access tokens from a JWKS issuer, socket tickets signed with the shared secret. Credentials of
// every kind (valid, expired, forged, tampered, for another audience, without the boards scope,
// junk), namespaces, and query parameters (a token in the query must not count). A socket
// connects only with a valid credential on the main namespace; everything else is refused with a
// message saying why; a connected socket joins exactly the live boards of its workspaces, and no
// room ever holds a socket whose user may not see the board. FUZZ_SEED=<seed> reproduces.
import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  attachRealtime,
  boardRoom,
  type Realtime,
  readStoreMemberships,
} from '@taskomask/api/realtime';
import { mintTicket, ticketAudience } from '@taskomask/contracts/socket-ticket';
import { unicodeEdges } from '@taskomask/testkit/openapi-fuzz';
import fc from 'fast-check';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUsers, usePipeline } from './support/pipeline';

const seed = Number(process.env.FUZZ_SEED ?? 20_261_202);
const numRuns = Number(process.env.FUZZ_RUNS ?? 60);

const secret = 'the-realtime-ticket-secret-of-32-characters-or-more';
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const sign = (key: string, body: string) =>
  createHmac('sha256', key).update(`v1.${body}`).digest('base64url');
const signed = (claims: unknown, key = secret) => {
  const body = b64(claims);
  return `v1.${body}.${sign(key, body)}`;
};
const inSeconds = (seconds: number) => Math.floor(Date.now() / 1000) + seconds;

// The messages a refusal may carry: each says what was wrong with the handshake.
const clearRefusal =
  /token is required|ticket is invalid or expired|access token (has expired|is invalid)|sub claim|scope|Invalid namespace|not a Bearer token/;

describe(`fuzzing the Socket.IO handshake against the read store's memberships (seed ${seed}, ${numRuns} runs)`, () => {
  const p = usePipeline();
  const users = { ...newUsers(), eve: randomUUID() };
  const boards = { ours: '', theirs: '', deleted: '' };
  let http: Server;
  let realtime: Realtime;
  let url: string;

  /** Who may watch which board, as the workspaces were built. */
  const may = (user: string, board: string) =>
    (board === boards.ours && [users.alice, users.mia, users.val].includes(user)) ||
    (board === boards.theirs && user === users.bob);

  beforeAll(async () => {
    const c = p().command;
    const { alice, mia, val, bob } = users;
    const { id: w } = await c('POST', '/workspaces', alice, { name: 'Watched' });
    for (const [ownerId, role] of [
      [mia, 'member'],
      [val, 'viewer'],
    ] as const) {
      await c('POST', `/workspaces/${w}/members`, alice, { ownerId, role });
    }
    const { id: project } = await c('POST', `/workspaces/${w}/projects`, alice, { name: 'Plans' });
    const board = async (as: string, ws: string, pr: string, name: string) =>
      (await c('POST', `/workspaces/${ws}/projects/${pr}/boards`, as, { name })).id;
    boards.ours = await board(alice, w, project, 'Ours');
    boards.deleted = await board(alice, w, project, 'Gone');
    await c('DELETE', `/boards/${boards.deleted}`, alice);
    const { id: bw } = await c('POST', '/workspaces', bob, { name: 'Rival' });
    const { id: bp } = await c('POST', `/workspaces/${bw}/projects`, bob, { name: 'Quests' });
    boards.theirs = await board(bob, bw, bp, 'Theirs');
    await p().caughtUp();

    http = createServer();
    realtime = attachRealtime(http, {
      auth: p().auth,
      ticketSecret: secret,
      memberships: readStoreMemberships(async () => p().projector.readStore()),
    });
    await new Promise<void>((done) => http.listen(0, '127.0.0.1', done));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await realtime?.close();
    if (http) await new Promise((done) => http.close(done));
  });

  type Credential = Readonly<{ label: string; token?: unknown; user?: string }>;
  const person = () => fc.constantFrom(users.alice, users.mia, users.val, users.bob, users.eve);

  // Valid ones carry `user`; the rest must be refused.
  const credentials: fc.Arbitrary<Credential | (() => Promise<Credential>)> = fc.oneof(
    person().map((user) => ({
      label: `ticket of ${user}`,
      token: mintTicket(secret, { id: user, name: 'N' }, Date.now()),
      user,
    })),
    person().map(
      (user) => () =>
        p()
          .token(user)
          .then((token) => ({ label: `access token of ${user}`, token, user })),
    ),
    person().chain((user) =>
      fc.constantFrom<Credential>(
        {
          label: 'expired ticket',
          token: mintTicket(secret, { id: user, name: 'N' }, Date.now() - 10 * 60_000),
        },
        {
          label: 'ticket signed with another secret',
          token: signed(
            { sub: user, name: 'N', exp: inSeconds(60), aud: ticketAudience },
            'x'.repeat(40),
          ),
        },
        {
          label: 'ticket for another audience',
          token: signed({ sub: user, name: 'N', exp: inSeconds(60), aud: 'taskomask-api' }),
        },
        {
          label: 'tampered ticket (sub swapped, signature kept)',
          token: (() => {
            const good = mintTicket(secret, { id: users.eve, name: 'N' }, Date.now());
            const mac = good.split('.')[2];
            return `v1.${b64({ sub: user, name: 'N', exp: inSeconds(60), aud: ticketAudience })}.${mac}`;
          })(),
        },
        { label: 'ticket without exp', token: signed({ sub: user, aud: ticketAudience }) },
        {
          label: 'ticket with a sub of the wrong type',
          token: signed({ sub: [user], exp: inSeconds(60), aud: ticketAudience }),
        },
        { label: 'ticket whose claims are null', token: signed(null) },
        { label: 'ticket whose claims are a string', token: signed('alice') },
        {
          label: 'ticket with a truncated signature',
          token: mintTicket(secret, { id: user, name: 'N' }, Date.now()).slice(0, -3),
        },
        {
          label: 'ticket as an access token',
          token: `Bearer ${mintTicket(secret, { id: user, name: 'N' }, Date.now())}`,
        },
      ),
    ),
    person().chain((user) =>
      fc
        .constantFrom<[string, Parameters<ReturnType<typeof p>['token']>[1]]>(
          ['expired access token', { expiresIn: inSeconds(-120) }],
          ['access token for another audience', { audience: 'someone-else' }],
          ['access token from another key', { key: 'other' }],
          ['access token not yet valid', { notBefore: inSeconds(600) }],
          ['access token from another issuer', { issuer: 'http://evil.example' }],
          ['access token without boards:read', { scope: 'workspaces:read tasks:read' }],
        )
        .map(
          ([label, options]) =>
            () =>
              p()
                .token(user, options)
                .then((token) => ({ label, token })),
        ),
    ),
    fc
      .oneof(
        fc.constantFrom<unknown>(
          undefined,
          null,
          '',
          42,
          true,
          [],
          {},
          ['v1.a.b'],
          'v1.',
          'a.b.c',
          'x'.repeat(100_000),
        ),
        fc.constantFrom(...unicodeEdges),
        fc.string({ maxLength: 200 }),
      )
      .map((token) => ({ label: `junk ${String(JSON.stringify(token)).slice(0, 60)}`, token })),
  );

  const namespaces = fc.oneof(
    { weight: 6, arbitrary: fc.constant('/') },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '/admin',
        '/board',
        '/x'.repeat(300),
        '//',
        '/%zz',
        '/🙂',
        '/__proto__',
      ),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }).map((s) => `/${encodeURIComponent(s)}x`) },
  );

  const queries = fc.oneof(
    fc.constant({} as Record<string, string>),
    person().map((user) => ({ token: mintTicket(secret, { id: user, name: 'N' }, Date.now()) })),
    fc.dictionary(
      fc.constantFrom('token', 'auth', 'sid', 'boardId', 'user', '__proto__'),
      fc.oneof(fc.string({ maxLength: 40 }), fc.constant('y'.repeat(3_000))),
      { maxKeys: 3 },
    ),
  );

  /** Connects; the refusal's message when refused. */
  const open = (namespace: string, token: unknown, query: Record<string, string>) =>
    new Promise<{ socket: Socket; error?: string }>((done) => {
      const socket = connect(`${url}${namespace}`, {
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        query,
        ...(token === undefined ? {} : { auth: { token } }),
      });
      const hang = setTimeout(() => done({ socket, error: 'HANG: no answer within 5 s' }), 5_000);
      const finish = (result: { socket: Socket; error?: string }) => {
        clearTimeout(hang);
        done(result);
      };
      socket.once('connect', () => finish({ socket }));
      socket.once('connect_error', (error) => finish({ socket, error: error.message }));
    });

  /** Every socket in every board room may see that board. */
  const roomsAreClean = async () => {
    for (const board of Object.values(boards)) {
      for (const s of await realtime.io.in(boardRoom(board)).fetchSockets()) {
        expect(may(s.data.user.id, board), `${s.data.user.id} in ${board}`).toBe(true);
      }
    }
  };

  it('connects only with a valid credential on the main namespace, and joins only boards the user may see', async () => {
    const seen = { connected: 0, refused: 0, joined: 0, denied: 0 };
    await fc.assert(
      fc.asyncProperty(credentials, namespaces, queries, async (made, namespace, query) => {
        const credential = typeof made === 'function' ? await made() : made;
        const { socket, error } = await open(namespace, credential.token, query);
        const label = `${credential.label} on ${namespace.slice(0, 40)} query ${Object.keys(query)}`;
        try {
          expect(error ?? '', label).not.toMatch(/^HANG/);
          // A client-chosen engine.io session id: the server knows no such session and refuses
          // the transport itself, before any credential is read.
          if ('sid' in query) {
            expect(error, label).toBeDefined();
            seen.refused++;
            return;
          }
          const valid = credential.user !== undefined && namespace === '/';
          if (!valid) {
            expect(error, label).toMatch(clearRefusal);
            seen.refused++;
            return;
          }
          expect(error, label).toBeUndefined();
          seen.connected++;
          const user = credential.user!;
          for (const board of [...Object.values(boards), randomUUID()]) {
            const answer = await socket.timeout(3_000).emitWithAck('board:join', board);
            if (may(user, board)) {
              expect(answer, `${label} joins ${board}`).toEqual({ ok: true });
              seen.joined++;
            } else {
              expect(answer, `${label} joins ${board}`).toEqual({ ok: false, error: 'not-found' });
              seen.denied++;
            }
          }
          await roomsAreClean();
        } finally {
          socket.disconnect();
        }
      }),
      { seed, numRuns, endOnFailure: true },
    );
    // The run went both ways, or it proved little.
    expect(seen.connected).toBeGreaterThan(0);
    expect(seen.refused).toBeGreaterThan(0);
    expect(seen.joined).toBeGreaterThan(0);
    expect(seen.denied).toBeGreaterThan(0);
    console.info(`[handshake fuzz] ${JSON.stringify(seen)}`);
  });

  it('refuses an access token without the boards:read scope (regression)', async () => {
    const token = await p().token(users.alice, { scope: 'workspaces:read tasks:read' });
    const { socket, error } = await open('/', token, {});
    socket.disconnect();
    expect(error).toMatch(/boards:read/);
  });

  it('says why a ticket whose signed claims are not an object is refused (regression)', async () => {
    for (const claims of [null, 'alice', 7, [users.alice]]) {
      const { socket, error } = await open('/', signed(claims), {});
      socket.disconnect();
      expect(error).toBe('the socket ticket is invalid or expired');
    }
  });
});
