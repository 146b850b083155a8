import { createHash, randomUUID } from 'node:crypto';
import {
  type AccountRole,
  decideRegistration,
  initialEmailReservation,
  initialOwnerState,
  streamName,
} from '@taskomask/domain';
import type { EventStore } from '@taskomask/eventstore';
import { sqliteEventStore } from '@taskomask/eventstore/sqlite';
import { applyBatch, readModels, readSchema } from '@taskomask/read-models';
import type { ReadStore } from '@taskomask/readstore';
import { sqliteReadStore } from '@taskomask/readstore/sqlite';
import { allScopes, startTestIssuer, type TestIssuer } from '@taskomask/testkit/jwks';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { registerAdminQueries } from '../../../src/admin/queries';
import { buildCommandApi } from '../../../src/commands/api';
import { bearerAuth } from '../../../src/http/auth';
import { eventStorePersonalTokens } from '../../../src/http/personal-tokens';
import { createHttpServer } from '../../../src/http/server';
import { registerPersonalTokenQueries } from '../../../src/queries/personal-tokens';

/** The callers every endpoint is tried with (the columns of the authorization matrix). */
export const actors = [
  'owner',
  'admin',
  'member',
  'viewer',
  'outsider',
  'accountAdmin',
  'none',
] as const;
export type Actor = (typeof actors)[number];

export type Call = Readonly<{ method: string; url: string; body?: unknown }>;

export type Response = {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  // biome-ignore lint/suspicious/noExplicitAny: tests read answers loosely and assert on them.
  body: any;
};

export type CallOptions = Readonly<{
  /** Space-separated scopes of the token; every scope by default. */
  scope?: string;
  /** The token's role claim; by default what the actor's account is. */
  role?: AccountRole;
  headers?: Record<string, string>;
}>;

export type People = Readonly<{
  /** Workspace roles in alice's team: owner, admin, member, viewer. All plain accounts. */
  alice: string;
  adam: string;
  mia: string;
  val: string;
  /** A plain account in no team workspace, with a workspace of her own. */
  olga: string;
  /** The account admin, member of no workspace. */
  root: string;
}>;

export type AdminWorld = Readonly<{
  store: EventStore;
  readStore: ReadStore;
  commands: FastifyInstance;
  queries: FastifyInstance;
  people: People;
  /** The user id behind an actor (null for `none`). */
  userOf: (actor: Actor) => string | null;
  /** Alice's team: adam admin, mia member, val viewer. */
  workspace: string;
  project: string;
  board: string;
  todo: string;
  doing: string;
  task: string;
  /** By mia, the member. */
  comment: string;
  item: string;
  /** Olga's workspace and its ids. */
  foreign: Readonly<{ workspace: string; board: string; task: string }>;
  /** Sends to the command API (or `app`) as `who` (a user id, or null for no token). */
  send: (
    who: string | null,
    call: Call,
    options?: CallOptions & { app?: FastifyInstance },
  ) => Promise<Response>;
  /** Sends as `who` and demands a 2xx; the answer's id ('' without one). */
  ok: (who: string, method: string, url: string, body?: unknown) => Promise<string>;
  /** Registers an account in the event store, as the identity service does. */
  account: (role?: AccountRole, name?: string) => Promise<string>;
  /** Folds every event not yet projected into the read store. */
  catchUp: () => Promise<void>;
  head: () => Promise<number>;
  unique: (prefix: string) => string;
}>;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function parse(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * The command API on a SQLite event store, an admin query app on a SQLite read store the
 * projector's own code keeps, a test issuer, and a world built through the API: accounts for every
 * role, alice's team workspace with a project, a board, two cards, a task, a checklist item and a
 * comment by mia, and olga's workspace. Torn down after the enclosing describe.
 */
export function useAdminWorld(): () => AdminWorld {
  let world: AdminWorld | undefined;
  let issuer: TestIssuer | undefined;
  beforeAll(async () => {
    issuer = await startTestIssuer();
    const store = sqliteEventStore({ path: ':memory:' });
    const readStore = sqliteReadStore({ path: ':memory:', schema: readSchema });
    const auth = bearerAuth({
      issuer: issuer.issuer,
      audience: issuer.audience,
      jwksUrl: issuer.jwksUrl,
    });
    const commands = buildCommandApi({ eventStore: store, auth });
    const queries = createHttpServer();
    registerAdminQueries(queries, { readStore: () => readStore, auth, minPositionWaitMs: 500 });
    registerPersonalTokenQueries(queries, { auth, tokens: eventStorePersonalTokens(store) });
    await Promise.all([commands.ready(), queries.ready()]);

    const roles = new Map<string, AccountRole>();
    const tokens = new Map<string, string>();
    const mint = issuer.tokenFor;
    async function tokenOf(userId: string, scope: string, role: AccountRole) {
      const key = `${userId} ${scope} ${role}`;
      let token = tokens.get(key);
      if (token === undefined) {
        token = await mint(userId, { scope, role, expiresIn: '1h' });
        tokens.set(key, token);
      }
      return token;
    }

    const send: AdminWorld['send'] = async (who, call, options = {}) => {
      const token =
        who === null
          ? undefined
          : await tokenOf(
              who,
              options.scope ?? allScopes,
              options.role ?? roles.get(who) ?? 'user',
            );
      const response = await (options.app ?? commands).inject({
        method: call.method as 'GET',
        url: call.url,
        headers: {
          ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
          ...options.headers,
        },
        ...(call.body === undefined ? {} : { payload: call.body as object }),
      });
      return { status: response.statusCode, headers: response.headers, body: parse(response.body) };
    };
    const ok: AdminWorld['ok'] = async (who, method, url, body) => {
      const response = await send(who, { method, url, body });
      if (response.status >= 300) {
        throw new Error(`${method} ${url} → ${response.status} ${JSON.stringify(response.body)}`);
      }
      return (response.body?.id as string | undefined) ?? '';
    };

    let counter = 0;
    const unique = (prefix: string) => `${prefix} ${++counter}`;

    async function account(role: AccountRole = 'user', name?: string): Promise<string> {
      const ownerId = randomUUID();
      const displayName = name ?? unique('Person');
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
          // Not the first account of the system: the role is the one asked for.
          system: { status: 'started', firstOwnerId: ownerId },
        },
      );
      const metadata = { userId: ownerId, correlationId: randomUUID(), causationId: randomUUID() };
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

    async function catchUp(): Promise<void> {
      for (;;) {
        const from = (await readStore.position()) + 1;
        const events = await store.readAll({ fromPosition: from, limit: 5000 });
        if (events.length === 0) return;
        await applyBatch(events, { readStore, eventStore: store, ...readModels });
      }
    }

    const people: People = {
      alice: await account('user', 'Alice Liddell'),
      adam: await account('user', 'Adam Admin'),
      mia: await account('user', 'Mia Member'),
      val: await account('user', 'Val Viewer'),
      olga: await account('user', 'Olga Outsider'),
      root: await account('admin', 'Root Operator'),
    };
    const { alice, adam, mia, val, olga } = people;
    const workspace = await ok(alice, 'POST', '/workspaces', { name: unique('Acme') });
    for (const [ownerId, role] of [
      [adam, 'admin'],
      [mia, 'member'],
      [val, 'viewer'],
    ] as const) {
      await ok(alice, 'POST', `/workspaces/${workspace}/members`, { ownerId, role });
    }
    const project = await ok(alice, 'POST', `/workspaces/${workspace}/projects`, {
      name: unique('Website'),
    });
    const board = await ok(alice, 'POST', `/workspaces/${workspace}/projects/${project}/boards`, {
      name: unique('Sprint'),
    });
    const todo = await ok(alice, 'POST', `/boards/${board}/cards`, { name: 'To do', type: 'ToDo' });
    const doing = await ok(alice, 'POST', `/boards/${board}/cards`, {
      name: 'Doing',
      type: 'Doing',
    });
    const task = await ok(alice, 'POST', `/boards/${board}/tasks`, {
      cardId: todo,
      title: unique('Write copy'),
    });
    const item = await ok(alice, 'POST', `/tasks/${task}/checklist`, { text: 'Outline' });
    const comment = await ok(mia, 'POST', `/tasks/${task}/comments`, { text: 'On it' });

    const fw = await ok(olga, 'POST', '/workspaces', { name: unique('Rival') });
    const fp = await ok(olga, 'POST', `/workspaces/${fw}/projects`, { name: 'Secret' });
    const fb = await ok(olga, 'POST', `/workspaces/${fw}/projects/${fp}/boards`, { name: 'Plans' });
    const fc = await ok(olga, 'POST', `/boards/${fb}/cards`, { name: 'Backlog', type: 'Backlog' });
    const ft = await ok(olga, 'POST', `/boards/${fb}/tasks`, { cardId: fc, title: 'Hidden' });
    await catchUp();

    const byActor: Record<Actor, string | null> = {
      owner: alice,
      admin: adam,
      member: mia,
      viewer: val,
      outsider: olga,
      accountAdmin: people.root,
      none: null,
    };
    world = {
      store,
      readStore,
      commands,
      queries,
      people,
      userOf: (actor) => byActor[actor],
      workspace,
      project,
      board,
      todo,
      doing,
      task,
      comment,
      item,
      foreign: { workspace: fw, board: fb, task: ft },
      send,
      ok,
      account,
      catchUp,
      head: () => store.headPosition(),
      unique,
    };
  });
  afterAll(async () => {
    if (world !== undefined) {
      await world.commands.close();
      await world.queries.close();
      await world.readStore.close();
      await world.store.close();
    }
    await issuer?.close();
  });
  return () => {
    if (world === undefined) throw new Error('useAdminWorld: read the world inside a test');
    return world;
  };
}
