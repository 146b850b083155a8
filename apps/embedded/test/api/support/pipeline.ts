import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCommandApi } from '@taskomask/api/commands';
import { type BearerAuth, bearerAuth, eventStorePersonalTokens } from '@taskomask/api/http';
import { buildQueryApi, type QueryApiOptions } from '@taskomask/api/queries';
import type { EventStore } from '@taskomask/eventstore';
import { sqliteEventStore } from '@taskomask/eventstore/sqlite';
import { type Forwarder, startForwarder } from '@taskomask/forwarder';
import type { MessageBus } from '@taskomask/messaging';
import { inProcessBus } from '@taskomask/messaging/in-process';
import { type Projector, startProjector } from '@taskomask/projector';
import { type RealtimeNotifier, readSchema, recordingNotifier } from '@taskomask/read-models';
import type { ReadStoreCatalog } from '@taskomask/readstore';
import { sqliteReadStoreCatalog } from '@taskomask/readstore/sqlite';
import { waitFor } from '@taskomask/testkit';
import { startTestIssuer, type TestIssuer, type TokenOptions } from '@taskomask/testkit/jwks';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';

export type Answer = {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  // biome-ignore lint/suspicious/noExplicitAny: tests read answers loosely and assert on them.
  body: any;
};

export type AskOptions = {
  /** The caller: a user id (a token with every scope is minted), or null for no token. */
  as?: string | null;
  token?: string;
  tokenOptions?: TokenOptions;
  headers?: Record<string, string>;
  body?: unknown;
};

export type Written = { id: string; version: number; position: number };

export type Pipeline = Readonly<{
  dir: string;
  eventStore: EventStore;
  bus: MessageBus;
  catalog: ReadStoreCatalog;
  projector: Projector;
  issuer: TestIssuer;
  auth: BearerAuth;
  commands: FastifyInstance;
  queries: FastifyInstance;
  /** Runs a command as `as`; demands a 2xx and returns its answer. */
  command: (method: string, url: string, as: string, body?: unknown) => Promise<Written>;
  /** Sends a request to the query side (GET unless `method` says otherwise). */
  query: (url: string, options?: AskOptions, method?: string) => Promise<Answer>;
  /** A query API on the same catalog with other options; closed with the pipeline. */
  queryApi: (options?: Partial<QueryApiOptions>) => Promise<FastifyInstance>;
  /** Sends to any Fastify instance, with the pipeline's tokens. */
  send: (app: FastifyInstance, url: string, options?: AskOptions) => Promise<Answer>;
  token: (userId: string, options?: TokenOptions) => Promise<string>;
  /** Resolves once the read store has every event the event store holds. */
  caughtUp: () => Promise<number>;
  /** Stops forwarding events to the bus (the projector falls behind) until `resumeForwarding`. */
  pauseForwarding: () => Promise<void>;
  resumeForwarding: () => void;
}>;

function parse(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * The real pipeline, embedded: the command API appends to a SQLite event store, the forwarder
 * publishes the log to the in-process bus, the projector folds it into a SQLite read store
 * catalog, and the query API under test reads that catalog. Torn down after the enclosing describe.
 * The projector tells `notifier` (a recorder by default) what it committed.
 */
export function usePipeline(
  options: Partial<QueryApiOptions> = {},
  { notifier }: { notifier?: RealtimeNotifier } = {},
): () => Pipeline {
  let pipeline: Pipeline | undefined;
  const extraApis: FastifyInstance[] = [];
  let forwarder: Forwarder | undefined;
  let closeAll: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'taskomask-queries-'));
    const eventStore = sqliteEventStore({ path: join(dir, 'events.db') });
    const bus = inProcessBus();
    const catalog = sqliteReadStoreCatalog({ path: join(dir, 'read.db'), schema: readSchema });
    const projector = await startProjector({
      bus,
      eventStore,
      catalog,
      notifier: notifier ?? recordingNotifier(),
      switchCheckMs: 0,
      onError: (error) => console.error('[projector]', error),
    });
    forwarder = startForwarder({ store: eventStore, bus });
    const issuer = await startTestIssuer();
    const auth = bearerAuth({
      issuer: issuer.issuer,
      audience: issuer.audience,
      jwksUrl: issuer.jwksUrl,
    });
    const commands = buildCommandApi({ eventStore, auth });
    // As in the embedded mode: personal tokens are checked and listed from the event store.
    const personalTokens = eventStorePersonalTokens(eventStore);
    const queries = buildQueryApi({ catalog, auth, personalTokens, ...options });
    await Promise.all([commands.ready(), queries.ready()]);

    const tokens = new Map<string, string>();
    const token = async (userId: string, tokenOptions?: TokenOptions) => {
      if (tokenOptions !== undefined) return issuer.tokenFor(userId, tokenOptions);
      let cached = tokens.get(userId);
      if (cached === undefined) {
        cached = await issuer.tokenFor(userId, { expiresIn: '1h' });
        tokens.set(userId, cached);
      }
      return cached;
    };
    const inject = async (
      app: FastifyInstance,
      method: string,
      url: string,
      o: AskOptions = {},
    ): Promise<Answer> => {
      const bearer =
        o.token ??
        (o.as === null || o.as === undefined ? undefined : await token(o.as, o.tokenOptions));
      const response = await app.inject({
        method: method as 'GET',
        url,
        headers: {
          ...(bearer === undefined ? {} : { authorization: `Bearer ${bearer}` }),
          ...o.headers,
        },
        ...(o.body === undefined ? {} : { payload: o.body as object }),
      });
      return { status: response.statusCode, headers: response.headers, body: parse(response.body) };
    };
    const command = async (method: string, url: string, as: string, body?: unknown) => {
      const answer = await inject(commands, method, url, { as, body });
      if (answer.status >= 300) {
        throw new Error(`${method} ${url} → ${answer.status} ${JSON.stringify(answer.body)}`);
      }
      return {
        id: answer.body.id ?? '',
        version: answer.body.version,
        position: answer.body.position,
      };
    };
    const caughtUp = async () => {
      const head = await eventStore.headPosition();
      await waitFor(async () => (await projector.readStore().position()) >= head, {
        what: `read store at position ${head}`,
      });
      return head;
    };

    pipeline = {
      dir,
      eventStore,
      bus,
      catalog,
      projector,
      issuer,
      auth,
      commands,
      queries,
      command,
      query: (url, o, method = 'GET') => inject(queries, method, url, o),
      async queryApi(more = {}) {
        const app = buildQueryApi({ catalog, auth, personalTokens, ...options, ...more });
        await app.ready();
        extraApis.push(app);
        return app;
      },
      send: (app, url, o) => inject(app, 'GET', url, o),
      token,
      caughtUp,
      async pauseForwarding() {
        await forwarder?.stop();
        forwarder = undefined;
      },
      resumeForwarding() {
        forwarder ??= startForwarder({ store: eventStore, bus, name: 'forwarder' });
      },
    };
    closeAll = async () => {
      await forwarder?.stop();
      await projector.stop();
      await Promise.all([commands.close(), queries.close(), ...extraApis.map((a) => a.close())]);
      await bus.close();
      await catalog.close();
      await eventStore.close();
      await issuer.close();
      rmSync(dir, { recursive: true, force: true });
    };
  });

  afterAll(async () => {
    await closeAll?.();
  });

  return () => {
    if (pipeline === undefined) throw new Error('usePipeline: read it inside a test');
    return pipeline;
  };
}

export type Users = Readonly<{
  alice: string;
  adam: string;
  mia: string;
  val: string;
  bob: string;
}>;

export const newUsers = (): Users => ({
  alice: randomUUID(),
  adam: randomUUID(),
  mia: randomUUID(),
  val: randomUUID(),
  bob: randomUUID(),
});
