// What every endpoint shares: token checks, concurrency (409/412 at append), HTTP-level errors
// (413/415/400/404/500/503), docs and health.
import { randomUUID } from 'node:crypto';
import type { EventStore } from '@taskomask/eventstore';
import { redisEventStore } from '@taskomask/eventstore/redis';
import { sqliteEventStore } from '@taskomask/eventstore/sqlite';
import { unavailable } from '@taskomask/testkit';
import { startTestIssuer, type TestIssuer, tampered, unsignedToken } from '@taskomask/testkit/jwks';
import { SignJWT } from 'jose';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCommandApi } from '../src/commands/api';
import { commandRoutes } from '../src/commands/routes';
import { bearerAuth } from '../src/http/auth';
import { expectInvalid, expectProblem } from './support/expect';
import { buildWorld, type StoreKind, useApi, type World } from './support/harness';

describe('bearer tokens', () => {
  const api = useApi('sqlite');
  const create = (token: string) =>
    api().send('POST', '/workspaces', { token, body: { name: api().unique('Tokened') } });

  it('accepts RS256 and ES256 tokens from the JWKS, fetched over HTTP', async () => {
    const { alice } = api().users;
    const { issuer } = api();
    expect((await create(await issuer.tokenFor(alice, { alg: 'RS256' }))).status).toBe(201);
    expect((await create(await issuer.tokenFor(alice, { alg: 'ES256' }))).status).toBe(201);
    expect(issuer.fetches()).toBeGreaterThan(0);
  });

  it('accepts a token that expired within the clock tolerance', async () => {
    const token = await api().issuer.tokenFor(api().users.alice, {
      expiresIn: Math.floor(Date.now() / 1000) - 5,
    });
    expect((await create(token)).status).toBe(201);
  });

  const attacks: [string, () => Promise<string>][] = [
    [
      'alg none',
      async () =>
        unsignedToken({
          sub: api().users.alice,
          iss: api().issuer.issuer,
          aud: api().issuer.audience,
          exp: Math.floor(Date.now() / 1000) + 300,
          scope: 'workspaces:write',
        }),
    ],
    ['signed by another RSA key', () => api().issuer.tokenFor(api().users.alice, { key: 'other' })],
    [
      'signed by another EC key',
      () => api().issuer.tokenFor(api().users.alice, { key: 'other', alg: 'ES256' }),
    ],
    [
      'HS256 with a shared secret',
      () =>
        new SignJWT({ scope: 'workspaces:write' })
          .setProtectedHeader({ alg: 'HS256', kid: 'rsa-1' })
          .setSubject(api().users.alice)
          .setIssuer(api().issuer.issuer)
          .setAudience(api().issuer.audience)
          .setExpirationTime('5m')
          .sign(new TextEncoder().encode('a shared secret of thirty-two bytes!')),
    ],
    [
      'a wrong issuer',
      () => api().issuer.tokenFor(api().users.alice, { issuer: 'https://evil.example' }),
    ],
    [
      'a wrong audience',
      () => api().issuer.tokenFor(api().users.alice, { audience: 'another-api' }),
    ],
    [
      'expired',
      () =>
        api().issuer.tokenFor(api().users.alice, {
          expiresIn: Math.floor(Date.now() / 1000) - 120,
        }),
    ],
    [
      'not yet valid',
      () =>
        api().issuer.tokenFor(api().users.alice, {
          notBefore: Math.floor(Date.now() / 1000) + 600,
        }),
    ],
    [
      'a tampered payload',
      async () =>
        tampered(await api().issuer.tokenFor(api().users.bob, { scope: 'tasks:read' }), {
          sub: api().users.alice,
          scope: 'workspaces:write',
        }),
    ],
    ['a sub that is not a UUID', () => api().issuer.tokenFor('alice', { claims: {} })],
    ['an unknown role', () => api().issuer.tokenFor(api().users.alice, { role: 'root' })],
    ['garbage', async () => 'not.a.jwt'],
  ];

  it.each(attacks)(
    'answers 401 invalid_token to a token with %s, writing nothing',
    async (_, make) => {
      const token = await make();
      const response = await expectProblem(api(), () => create(token), 401, {
        type: 'urn:taskomask:problem:unauthorized',
      });
      expect(response.headers['www-authenticate']).toMatch(
        /^Bearer realm="taskomask", error="invalid_token"/,
      );
    },
  );

  it.each([
    ['no Authorization header', undefined],
    ['an empty one', ''],
  ])('answers 401 with a bare challenge to %s', async (_, header) => {
    const response = await expectProblem(
      api(),
      () =>
        api().send('POST', '/workspaces', {
          body: { name: 'No token' },
          ...(header === undefined ? {} : { headers: { authorization: header } }),
        }),
      401,
    );
    expect(response.headers['www-authenticate']).toBe('Bearer realm="taskomask"');
  });

  it('answers 401 to a non-Bearer scheme', async () => {
    await expectProblem(
      api(),
      () =>
        api().send('POST', '/workspaces', {
          body: { name: 'Basic' },
          headers: { authorization: 'Basic YWxpY2U6c2VjcmV0' },
        }),
      401,
    );
  });

  it('answers 503 with Retry-After when the JWKS cannot be fetched', async () => {
    const store = sqliteEventStore({ path: ':memory:' });
    const app = buildCommandApi({
      eventStore: store,
      auth: bearerAuth({
        issuer: api().issuer.issuer,
        audience: api().issuer.audience,
        jwksUrl: 'http://127.0.0.1:1/jwks',
      }),
    });
    const response = await app.inject({
      method: 'POST',
      url: '/workspaces',
      headers: { authorization: `Bearer ${await api().issuer.tokenFor(api().users.alice)}` },
      payload: { name: 'Unverifiable' },
    });
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    expect(response.json()).toMatchObject({ dependency: 'identity provider' });
    await app.close();
    await store.close();
  });
});

/** The real store, plus a writer that commits to the same board just before each of our appends. */
function racing(store: EventStore, counter: { attempts: number }): EventStore {
  return {
    ...store,
    async appendToStreams(appends) {
      counter.attempts++;
      const board = appends.find((a) => a.stream.startsWith('board-'));
      if (board !== undefined) {
        await store.appendToStream(
          board.stream,
          [
            {
              type: 'BoardDescribed',
              data: {
                boardId: board.stream.slice('board-'.length),
                description: `race ${counter.attempts}`,
              },
              metadata: { userId: randomUUID(), correlationId: 'race', causationId: 'race' },
            },
          ],
          { expectedVersion: await store.streamVersion(board.stream) },
        );
      }
      return store.appendToStreams(appends);
    },
  };
}

function concurrencySuite(kind: StoreKind) {
  const api = useApi(kind);
  let w: World;
  beforeAll(async () => {
    w = await buildWorld(api());
  });
  const newBoard = () =>
    api().ok('POST', `/workspaces/${w.workspace}/projects/${w.project}/boards`, api().users.alice, {
      name: api().unique('Busy board'),
    });

  it('re-decides after a concurrent write: four writers to one board all succeed', async () => {
    const board = await newBoard();
    const answers = await Promise.all(
      [1, 2, 3, 4].map((i) =>
        api().send('POST', `/boards/${board}/cards`, {
          as: api().users.alice,
          body: { name: `Column ${i}`, type: 'ToDo' },
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.version)).size).toBe(4);
    expect(await api().store.streamVersion(`board-${board}`)).toBe(5);
  });

  it('re-checks rules on retry: of two equal names at once exactly one wins, the other is 422', async () => {
    const board = await newBoard();
    const answers = await Promise.all(
      [1, 2].map(() =>
        api().send('POST', `/boards/${board}/cards`, {
          as: api().users.alice,
          body: { name: 'Twin', type: 'ToDo' },
        }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 422]);
  });

  it('answers 409 after the retries when another writer keeps winning; writes nothing of its own', async () => {
    const counter = { attempts: 0 };
    const app = buildCommandApi({
      eventStore: racing(api().store, counter),
      auth: api().auth,
      retries: 3,
    });
    const board = await newBoard();
    const response = await app.inject({
      method: 'POST',
      url: `/boards/${board}/cards`,
      headers: { authorization: `Bearer ${await api().issuer.tokenFor(api().users.alice)}` },
      payload: { name: 'Never', type: 'ToDo' },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ type: 'urn:taskomask:problem:conflict' });
    expect(counter.attempts).toBe(4);
    const types = (await api().store.readStream(`board-${board}`)).map((e) => e.type);
    expect(types).not.toContain('CardAdded');
    await app.close();
  });

  it('answers 412 without retrying when the client pinned the version with If-Match', async () => {
    const counter = { attempts: 0 };
    const app = buildCommandApi({ eventStore: racing(api().store, counter), auth: api().auth });
    const board = await newBoard();
    const version = await api().store.streamVersion(`board-${board}`);
    const response = await app.inject({
      method: 'POST',
      url: `/boards/${board}/cards`,
      headers: {
        authorization: `Bearer ${await api().issuer.tokenFor(api().users.alice)}`,
        'if-match': `"${version}"`,
      },
      payload: { name: 'Pinned', type: 'ToDo' },
    });
    expect(response.statusCode).toBe(412);
    expect(counter.attempts).toBe(1);
    await app.close();
  });

  it('accepts If-Match: * for an existing resource, and a bare version number', async () => {
    const board = await newBoard();
    const star = await api().send('POST', `/boards/${board}/cards`, {
      as: api().users.alice,
      body: { name: 'Starred', type: 'ToDo' },
      headers: { 'if-match': '*' },
    });
    expect(star.status).toBe(201);
    const bare = await api().send('POST', `/boards/${board}/cards`, {
      as: api().users.alice,
      body: { name: 'Bare', type: 'ToDo' },
      headers: { 'if-match': String(star.body.version) },
    });
    expect(bare.status).toBe(201);
  });

  it('keeps idempotency keys per user: the same key by another user is another request', async () => {
    const key = `shared-${randomUUID()}`;
    const mine = await api().send('POST', '/workspaces', {
      as: api().users.alice,
      body: { name: 'Keyed' },
      headers: { 'idempotency-key': key },
    });
    const theirs = await api().send('POST', '/workspaces', {
      as: api().users.bob,
      body: { name: 'Keyed' },
      headers: { 'idempotency-key': key },
    });
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.body.id).not.toBe(mine.body.id);
  });

  it('records nothing for a rejected request: the key can be used again once it is fixed', async () => {
    const key = `retry-${randomUUID()}`;
    const send = (name: string) =>
      api().send('POST', '/workspaces', {
        as: api().users.alice,
        body: { name },
        headers: { 'idempotency-key': key },
      });
    expect((await send('no')).status).toBe(400);
    expect((await send(api().unique('Fixed'))).status).toBe(201);
  });
}

describe('concurrency on SQLite', () => concurrencySuite('sqlite'));
describe.skipIf(unavailable('redis'))('concurrency on Redis', () => concurrencySuite('redis'));

describe('HTTP errors', () => {
  const api = useApi('sqlite');
  let w: World;
  beforeAll(async () => {
    w = await buildWorld(api());
  });
  const raw = async (options: {
    url?: string;
    method?: string;
    payload?: string;
    headers?: Record<string, string>;
  }) => {
    const response = await api().app.inject({
      method: (options.method ?? 'POST') as 'POST',
      url: options.url ?? '/workspaces',
      headers: {
        authorization: `Bearer ${await api().issuer.tokenFor(api().users.alice)}`,
        ...options.headers,
      },
      ...(options.payload === undefined ? {} : { payload: options.payload }),
    });
    return { status: response.statusCode, headers: response.headers, body: response.json() };
  };

  it('answers 415 to a body that is not JSON', async () => {
    for (const type of ['text/plain', 'application/xml', 'application/x-www-form-urlencoded']) {
      await expectProblem(
        api(),
        () => raw({ payload: 'name=Acme', headers: { 'content-type': type } }),
        415,
        { type: 'urn:taskomask:problem:unsupported-media-type' },
      );
    }
  });

  it('answers 400 to malformed JSON, an empty JSON body and prototype poisoning', async () => {
    const json = { 'content-type': 'application/json' };
    await expectProblem(api(), () => raw({ payload: '{"name": "Acme"', headers: json }), 400, {
      type: 'urn:taskomask:problem:malformed-body',
    });
    await expectInvalid(api(), () => raw({ payload: '', headers: json }), [
      { field: 'body', reason: 'must be a JSON object' },
    ]);
    await expectProblem(
      api(),
      () => raw({ payload: '{"name":"Acme","__proto__":{"admin":true}}', headers: json }),
      400,
    );
  });

  it('takes a DELETE that says application/json but sends no body', async () => {
    const task = await api().ok('POST', `/boards/${w.board}/tasks`, api().users.alice, {
      cardId: w.todo,
      title: api().unique('Disposable'),
    });
    const response = await raw({
      method: 'DELETE',
      url: `/tasks/${task}`,
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(200);
  });

  it('answers 413 to a body over the limit, before validating it', async () => {
    await expectProblem(
      api(),
      () =>
        raw({
          payload: JSON.stringify({ name: 'Big', description: 'x'.repeat(70 * 1024) }),
          headers: { 'content-type': 'application/json' },
        }),
      413,
      { type: 'urn:taskomask:problem:payload-too-large' },
    );
  });

  it('answers 404 problem+json to an unknown route', async () => {
    const response = await expectProblem(
      api(),
      () => api().send('GET', '/nowhere', { as: api().users.alice }),
      404,
      {
        type: 'urn:taskomask:problem:not-found',
        instance: '/nowhere',
      },
    );
    expect(response.headers['x-request-id']).toBe(response.body.requestId);
  });

  it('answers 400 naming a malformed If-Match or Idempotency-Key header', async () => {
    await expectInvalid(
      api(),
      () =>
        api().send('PATCH', `/tasks/${w.task}`, {
          as: api().users.alice,
          body: { description: 'x' },
          headers: { 'if-match': 'version-3' },
        }),
      [{ field: 'If-Match', reason: 'must be an ETag such as "3"' }],
    );
    await expectInvalid(
      api(),
      () =>
        api().send('PATCH', `/tasks/${w.task}`, {
          as: api().users.alice,
          body: { description: 'x' },
          headers: { 'idempotency-key': 'k'.repeat(201) },
        }),
      [{ field: 'Idempotency-Key', reason: 'must be 1–200 printable ASCII characters' }],
    );
  });

  it('answers 500 without details and logs the error with the request id', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const store = sqliteEventStore({ path: ':memory:' });
    const app = buildCommandApi({ eventStore: store, auth: api().auth, logger });
    app.get('/boom', async () => {
      throw new Error('secret internals at /srv/app.ts:42');
    });
    const response = await app.inject({ method: 'GET', url: '/boom' });
    expect(response.statusCode).toBe(500);
    const body = response.json();
    expect(body).toMatchObject({ type: 'urn:taskomask:problem:internal', status: 500 });
    expect(response.body).not.toContain('secret internals');
    expect(response.body).not.toContain('app.ts');
    const logged = lines.map((l) => JSON.parse(l)).find((l) => l.level === 50);
    expect(logged).toMatchObject({
      reqId: body.requestId,
      err: { message: 'secret internals at /srv/app.ts:42' },
    });
    await app.close();
    await store.close();
  });
});

describe('event store down', () => {
  let issuer: TestIssuer;
  beforeAll(async () => {
    issuer = await startTestIssuer();
  });
  afterAll(() => issuer.close());

  async function downApi(store: EventStore) {
    const app = buildCommandApi({
      eventStore: store,
      auth: { issuer: issuer.issuer, audience: issuer.audience, jwksUrl: issuer.jwksUrl },
    });
    const command = await app.inject({
      method: 'POST',
      url: '/workspaces',
      headers: { authorization: `Bearer ${await issuer.tokenFor(randomUUID())}` },
      payload: { name: 'While down' },
    });
    const ready = await app.inject({ method: 'GET', url: '/health/ready' });
    const live = await app.inject({ method: 'GET', url: '/health/live' });
    await app.close();
    return { command, ready, live };
  }

  it('answers 503 with Retry-After and says so in /health/ready (closed SQLite)', async () => {
    const store = sqliteEventStore({ path: ':memory:' });
    await store.close();
    const { command, ready, live } = await downApi(store);
    expect(command.statusCode).toBe(503);
    expect(command.headers['retry-after']).toBe('5');
    expect(command.json()).toMatchObject({
      type: 'urn:taskomask:problem:unavailable',
      dependency: 'event store',
    });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toEqual({
      status: 'unavailable',
      checks: { eventStore: 'down' },
      down: ['eventStore'],
    });
    expect(live.statusCode).toBe(200);
  });

  it('answers 503 when Redis does not answer', async () => {
    const store = redisEventStore({ url: 'redis://127.0.0.1:1', keyPrefix: 'nowhere:' });
    const { command, ready } = await downApi(store);
    expect(command.statusCode).toBe(503);
    expect(ready.statusCode).toBe(503);
    await Promise.race([store.close().catch(() => {}), new Promise((r) => setTimeout(r, 500))]);
  });
});

describe('docs and health', () => {
  const api = useApi('sqlite');

  it('serves an OpenAPI 3.1 document generated from the zod schemas', async () => {
    const { status, body } = await api().send('GET', '/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    for (const route of commandRoutes) {
      const path = route.url.replace(/:([A-Za-z]+)/g, '{$1}');
      const operation = body.paths[path]?.[route.method.toLowerCase()];
      expect(operation, `${route.method} ${route.url}`).toBeDefined();
      // A personal API token may call every route but the one that makes tokens.
      const personal = route.scope.endsWith(':read') ? 'read' : 'write';
      expect(operation.security).toEqual(
        route.operationId === 'createPersonalToken'
          ? [{ bearerAuth: [route.scope] }]
          : [{ bearerAuth: [route.scope] }, { personalToken: [personal] }],
      );
      if (route.body !== undefined) {
        const ref = operation.requestBody.content['application/json'].schema.$ref as string;
        expect(body.components.schemas[ref.split('/').at(-1)!]).toBeDefined();
      }
    }
    expect(body.components.schemas.CreateWorkspaceBody).toMatchObject({
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      properties: { name: { type: 'string', minLength: 3, maxLength: 50 } },
    });
    expect(body.components.schemas.CommandResult.required).toEqual(['version', 'position']);
    expect(body.paths['/health/ready'].get).toBeDefined();
    // The one read served here: the event history needs the event store.
    const history = body.paths['/workspaces/{workspaceId}/events.ndjson'].get;
    expect(history.security).toEqual([
      { bearerAuth: ['workspaces:read'] },
      { personalToken: ['read'] },
    ]);
    expect(body.components.securitySchemes.personalToken).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
    expect(body.components.securitySchemes.personalToken.description).toMatch(/tmpat_/);
    expect(body.components.schemas.CreatedPersonalToken.required).toContain('token');
    expect(Object.keys(history.responses['200'].content)).toEqual(['application/x-ndjson']);
  });

  it('serves Swagger UI at /docs', async () => {
    const page = await api().app.inject({ method: 'GET', url: '/docs/' });
    const html =
      page.statusCode === 302
        ? await api().app.inject({ method: 'GET', url: page.headers.location as string })
        : page;
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(html.body).toContain('swagger');
    const spec = await api().app.inject({ method: 'GET', url: '/docs/json' });
    expect(spec.json().openapi).toBe('3.1.0');
  });

  it('is live and ready with the event store up', async () => {
    expect(await api().send('GET', '/health/live')).toMatchObject({
      status: 200,
      body: { status: 'ok' },
    });
    expect(await api().send('GET', '/health/ready')).toMatchObject({
      status: 200,
      body: { status: 'ok', checks: { eventStore: 'up' } },
    });
  });
});
