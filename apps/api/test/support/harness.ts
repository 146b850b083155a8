import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@taskomask/domain';
import type { EventStore } from '@taskomask/eventstore';
import { redisEventStore } from '@taskomask/eventstore/redis';
import { sqliteEventStore } from '@taskomask/eventstore/sqlite';
import { serverUrls } from '@taskomask/testkit';
import { deleteRedisKeys as deleteKeys } from '@taskomask/testkit/cleanup';
import { startTestIssuer, type TestIssuer, type TokenOptions } from '@taskomask/testkit/jwks';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildCommandApi } from '../../src/commands/api';
import { type BearerAuth, bearerAuth } from '../../src/http/auth';

export type StoreKind = 'sqlite' | 'redis';

export const storeKinds: readonly StoreKind[] = ['sqlite', 'redis'];

/** One key prefix per test run, so parallel runs and reruns never meet in Redis. */
const runPrefix = `test:api:${randomUUID()}:`;
let opened = 0;

export function openStore(kind: StoreKind): EventStore {
  if (kind === 'sqlite') return sqliteEventStore({ path: ':memory:' });
  return redisEventStore({ url: serverUrls.redis, keyPrefix: `${runPrefix}${opened++}:` });
}

export async function deleteRedisKeys(): Promise<void> {
  await deleteKeys(serverUrls.redis, runPrefix);
}

export type Response = {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  // biome-ignore lint/suspicious/noExplicitAny: tests read answers loosely and assert on them.
  body: any;
};

export type SendOptions = {
  /** The caller: a user id (a token with every scope is minted), or null for no token. */
  as?: string | null;
  token?: string;
  tokenOptions?: TokenOptions;
  body?: unknown;
  headers?: Record<string, string>;
};

export type Users = Readonly<{
  alice: string;
  adam: string;
  mia: string;
  val: string;
  bob: string;
}>;

export type Api = Readonly<{
  app: FastifyInstance;
  store: EventStore;
  issuer: TestIssuer;
  auth: BearerAuth;
  users: Users;
  send: (method: string, url: string, options?: SendOptions) => Promise<Response>;
  /** Sends and demands a 2xx; returns the answer's id (or '' when none). */
  ok: (method: string, url: string, as: string, body?: unknown) => Promise<string>;
  head: () => Promise<number>;
  /** Events appended after `position`, without the idempotency records. */
  eventsAfter: (position: number) => Promise<RecordedEvent[]>;
  unique: (prefix: string) => string;
}>;

/**
 * A command API over a fresh store of `kind`, with a test issuer and five users; torn down
 * after the enclosing describe. Read `api()` inside tests (it is set in beforeAll).
 */
export function useApi(kind: StoreKind, options: { bodyLimit?: number } = {}): () => Api {
  let api: Api | undefined;
  let counter = 0;
  beforeAll(async () => {
    const issuer = await startTestIssuer();
    const store = openStore(kind);
    const auth = bearerAuth({
      issuer: issuer.issuer,
      audience: issuer.audience,
      jwksUrl: issuer.jwksUrl,
    });
    const app = buildCommandApi({ eventStore: store, auth, ...options });
    await app.ready();
    const tokens = new Map<string, string>();
    async function tokenOf(userId: string): Promise<string> {
      let token = tokens.get(userId);
      if (token === undefined) {
        token = await issuer.tokenFor(userId, { expiresIn: '1h' });
        tokens.set(userId, token);
      }
      return token;
    }
    const send = async (method: string, url: string, o: SendOptions = {}): Promise<Response> => {
      const token =
        o.token ??
        (o.as === null || o.as === undefined
          ? undefined
          : o.tokenOptions === undefined
            ? await tokenOf(o.as)
            : await issuer.tokenFor(o.as, o.tokenOptions));
      const response = await app.inject({
        method: method as 'GET',
        url,
        headers: {
          ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
          ...o.headers,
        },
        ...(o.body === undefined ? {} : { payload: o.body as object }),
      });
      const text = response.body;
      let body: unknown = text;
      try {
        body = text === '' ? undefined : JSON.parse(text);
      } catch {
        // not JSON (e.g. the docs page)
      }
      return { status: response.statusCode, headers: response.headers, body };
    };
    const ok = async (method: string, url: string, as: string, body?: unknown) => {
      const response = await send(method, url, { as, body });
      if (response.status >= 300) {
        throw new Error(`${method} ${url} → ${response.status} ${JSON.stringify(response.body)}`);
      }
      return (response.body?.id as string | undefined) ?? '';
    };
    api = {
      app,
      store,
      issuer,
      auth,
      users: {
        alice: randomUUID(),
        adam: randomUUID(),
        mia: randomUUID(),
        val: randomUUID(),
        bob: randomUUID(),
      },
      send,
      ok,
      head: () => store.headPosition(),
      eventsAfter: async (position) =>
        (await store.readAll({ fromPosition: position + 1, limit: 1000 })).filter(
          (e) => e.type !== 'CommandAccepted',
        ),
      unique: (prefix) => `${prefix} ${++counter}`,
    };
  });
  afterAll(async () => {
    if (api === undefined) return;
    await api.app.close();
    await api.store.close();
    await api.issuer.close();
    if (kind === 'redis') await deleteRedisKeys();
  });
  return () => {
    if (api === undefined) throw new Error('useApi: read api() inside a test');
    return api;
  };
}

export type World = Readonly<{
  /** alice owns it; adam is admin, mia member, val viewer. */
  workspace: string;
  project: string;
  board: string;
  todo: string;
  doing: string;
  task: string;
  /** bob's: ids of another workspace. */
  foreign: Readonly<{
    workspace: string;
    project: string;
    board: string;
    card: string;
    task: string;
    comment: string;
    item: string;
  }>;
}>;

/** Builds alice's team workspace and bob's separate one through the API itself. */
export async function buildWorld(api: Api): Promise<World> {
  const { alice, adam, mia, val, bob } = api.users;
  const workspace = await api.ok('POST', '/workspaces', alice, { name: api.unique('Acme') });
  for (const [ownerId, role] of [
    [adam, 'admin'],
    [mia, 'member'],
    [val, 'viewer'],
  ] as const) {
    await api.ok('POST', `/workspaces/${workspace}/members`, alice, { ownerId, role });
  }
  const project = await api.ok('POST', `/workspaces/${workspace}/projects`, alice, {
    name: api.unique('Website'),
  });
  const board = await api.ok('POST', `/workspaces/${workspace}/projects/${project}/boards`, alice, {
    name: api.unique('Sprint'),
  });
  const todo = await api.ok('POST', `/boards/${board}/cards`, alice, {
    name: 'To do',
    type: 'ToDo',
  });
  const doing = await api.ok('POST', `/boards/${board}/cards`, alice, {
    name: 'Doing',
    type: 'Doing',
  });
  const task = await api.ok('POST', `/boards/${board}/tasks`, alice, {
    cardId: todo,
    title: api.unique('Write copy'),
  });

  const fw = await api.ok('POST', '/workspaces', bob, { name: api.unique('Rival') });
  const fp = await api.ok('POST', `/workspaces/${fw}/projects`, bob, { name: 'Secret' });
  const fb = await api.ok('POST', `/workspaces/${fw}/projects/${fp}/boards`, bob, {
    name: 'Plans',
  });
  const fc = await api.ok('POST', `/boards/${fb}/cards`, bob, { name: 'Backlog', type: 'Backlog' });
  const ft = await api.ok('POST', `/boards/${fb}/tasks`, bob, { cardId: fc, title: 'Hidden' });
  const comment = await api.ok('POST', `/tasks/${ft}/comments`, bob, { text: 'psst' });
  const item = await api.ok('POST', `/tasks/${ft}/checklist`, bob, { text: 'step' });
  await api.ok('POST', `/tasks/${ft}/labels`, bob, { label: 'secret' });
  return {
    workspace,
    project,
    board,
    todo,
    doing,
    task,
    foreign: { workspace: fw, project: fp, board: fb, card: fc, task: ft, comment, item },
  };
}
