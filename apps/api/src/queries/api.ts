import type { Registry } from '@taskomask/observability';
import type { ReadStore, ReadStoreCatalog } from '@taskomask/readstore';
import type { FastifyBaseLogger, FastifyInstance, RouteHandlerMethod } from 'fastify';
import { adminQueryRouteDocs, registerAdminQueries } from '../admin/queries';
import { type BearerAuth, type BearerAuthOptions, bearerAuth, principalOf } from '../http/auth';
import { attachment } from '../http/file-name';
import { healthRouteDocs, type ReadinessCheck, registerHealth } from '../http/health';
import {
  type OpenApiDocument,
  openApiDocument,
  type RouteDoc,
  registerDocs,
} from '../http/openapi';
import { parseOrThrow } from '../http/parse';
import type { PersonalTokenStore } from '../http/personal-tokens';
import { createHttpServer } from '../http/server';
import { type AnswerCache, acceptsGzip, answerCache, compressFrom } from './answer-cache';
import type { CommitSignal } from './commit-signal';
import { followCurrentGeneration } from './current-generation';
import { ifNoneMatchHolds } from './etag';
import { wantsCsv } from './insights';
import { personalTokenQueryRouteDocs, registerPersonalTokenQueries } from './personal-tokens';
import { minPositionHeader, readAt, wantedPosition } from './read-position';
import { type QueryRoute, queryRoutes } from './routes';

export type QueryApiOptions = Readonly<{
  /** The read store's generations; the API reads the current one and follows rebuilds. */
  catalog: ReadStoreCatalog;
  /** A verifier, or the options to make one (issuer, audience, JWKS URL, algorithms). */
  auth: BearerAuth | BearerAuthOptions;
  /** A pino logger; silent without one. */
  logger?: FastifyBaseLogger;
  /** Longest wait for the read store to reach a `minPosition`; 2 s by default. */
  minPositionWaitMs?: number;
  /** The projector's commit notices: minPosition waits wake on them instead of polling. */
  commits?: CommitSignal;
  /** How often, at most, to look for a rebuilt generation; 1 s by default. */
  switchCheckMs?: number;
  /** The clock the `due` filters compare with (epoch ms). */
  now?: () => number;
  /** The process's metrics registry; one of this API's own without it. */
  metrics?: Registry;
  /** Serve `/metrics` here (the default). */
  serveMetrics?: boolean;
  /** More readiness checks (the realtime Redis …). */
  readiness?: readonly ReadinessCheck[];
  /** Bytes of serialised board answers kept for repeats (64 MiB by default; 0: none kept). */
  answerCacheBytes?: number;
  /**
   * Personal API tokens from the event store (the only thing this side reads there): checked on
   * every request that sends one, and listed at /me/tokens. Without it tokens are refused (401).
   */
  personalTokens?: PersonalTokenStore;
  /** The webhook store (WEBHOOKS_STORE_URL): webhook lists and delivery logs; empty without. */
  webhookStore?: ReadStore;
}>;

type Runtime = Readonly<{
  read: (minPosition: number | undefined) => ReturnType<typeof readAt>;
  now: () => number;
  boards: AnswerCache;
  webhooks?: ReadStore;
}>;

function handlerFor(route: QueryRoute, runtime: Runtime): RouteHandlerMethod {
  return async (request, reply) => {
    const { userId } = principalOf(request);
    const params = parseOrThrow(route.params, request.params ?? {}, 'path');
    const query = parseOrThrow(route.query, request.query ?? {}, 'query') as {
      minPosition?: number;
    };
    const minPosition = wantedPosition(
      query.minPosition,
      minPositionHeader(request.headers['x-min-position']),
    );
    const { store, position, stale } = await runtime.read(minPosition);
    // Sent before the answer is made, so a 404 says how far the store was too.
    reply.header('x-read-position', String(position));
    if (stale) reply.header('x-stale', 'true');
    reply.header('cache-control', 'private, no-cache');
    reply.header(
      'vary',
      route.csv ? 'Authorization, X-Min-Position, Accept' : 'Authorization, X-Min-Position',
    );
    const csv =
      route.csv === true &&
      ((query as { format?: string }).format === 'csv' ||
        ((query as { format?: string }).format === undefined && wantsCsv(request.headers.accept)));
    const answer = await route.run(
      {
        store,
        userId,
        now: runtime.now(),
        boards: runtime.boards,
        ...(runtime.webhooks ? { webhooks: runtime.webhooks } : {}),
        csv,
      },
      params as never,
      query as never,
    );
    reply.header('etag', answer.etag);
    if (answer.download !== undefined) {
      reply.header('content-type', answer.download.contentType);
      reply.header('content-disposition', attachment(answer.download.filename));
    }
    const serialised = answer.serialised;
    if (serialised !== undefined)
      reply.header('vary', 'Authorization, X-Min-Position, Accept-Encoding');
    if (ifNoneMatchHolds(request.headers['if-none-match'], answer.etag)) {
      return reply.code(304).send();
    }
    if (serialised === undefined) return answer.body;
    // The bytes JSON.stringify made once for this position; gzipped when asked and worth it.
    reply.header('content-type', 'application/json; charset=utf-8');
    if (serialised.json.length >= compressFrom && acceptsGzip(request.headers['accept-encoding'])) {
      reply.header('content-encoding', 'gzip');
      return reply.send(await serialised.gzipped());
    }
    return reply.send(serialised.json);
  };
}

const readHeaders = {
  ETag: {
    description:
      'The global position of the document answered (a list: of the documents it is made of). Send it back as If-None-Match.',
    schema: { type: 'string' },
  },
  'X-Read-Position': {
    description: 'The read store’s position the answer reflects (at least).',
    schema: { type: 'integer' },
  },
  'X-Stale': {
    description:
      '`true` when minPosition was asked for and not reached within the wait: the answer may lack the client’s own write.',
    schema: { type: 'string', enum: ['true'] },
  },
};

function routeDoc(route: QueryRoute): RouteDoc {
  return {
    method: 'GET',
    url: route.url,
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description === undefined ? {} : { description: route.description }),
    tags: [route.tag],
    scope: route.scope,
    params: route.params,
    query: route.query,
    responses: {
      200: {
        description: route.contentType === undefined ? 'the answer' : 'the file',
        schema: route.response,
        headers:
          route.contentType === undefined ? readHeaders : { ...readHeaders, ...downloadHeaders },
        ...(route.contentType === undefined ? {} : { contentType: route.contentType }),
        ...(route.csv ? { alsoCsv: true } : {}),
      },
      304: { description: 'not modified since the ETag sent in If-None-Match' },
    },
    problems: [400, 401, 403, 404, 503],
  };
}

const downloadHeaders = {
  'Content-Disposition': {
    description: '`attachment; filename="<name>"`: browsers save the answer as a file.',
    schema: { type: 'string' },
  },
};

const readParameters = {
  MinPosition: {
    name: 'X-Min-Position',
    in: 'header',
    required: false,
    description:
      'Same as the minPosition query parameter (the larger of the two wins): wait for the read store to reach this position first.',
    schema: { type: 'integer', minimum: 0 },
  },
  IfNoneMatch: {
    name: 'If-None-Match',
    in: 'header',
    required: false,
    description: 'ETags the client holds; 304 when the answer would carry one of them.',
    schema: { type: 'string', examples: ['"42"'] },
  },
};

export function queryApiDocument(): OpenApiDocument {
  const document = openApiDocument({
    title: 'TaskoMask queries',
    version: '0.1.0',
    description:
      'The read side: answers from the read models the projector keeps, for members of the workspace only (another workspace’s ids answer 404, like unknown ones). Pass a command’s `position` as `minPosition` to read your own write; every answer says `X-Read-Position`, and `X-Stale: true` when the wait for minPosition ran out. ETag / If-None-Match → 304.',
    routes: [
      ...queryRoutes.map(routeDoc),
      ...personalTokenQueryRouteDocs,
      ...adminQueryRouteDocs,
      ...healthRouteDocs,
    ],
  });
  const components = document.components as { parameters: Record<string, unknown> };
  Object.assign(components.parameters, readParameters);
  const paths = document.paths as Record<string, Record<string, { parameters: unknown[] }>>;
  for (const route of queryRoutes) {
    const operation = paths[route.url.replace(/:([A-Za-z]+)/g, '{$1}')]?.get;
    operation?.parameters.push(
      { $ref: '#/components/parameters/MinPosition' },
      { $ref: '#/components/parameters/IfNoneMatch' },
    );
  }
  return document;
}

/** The query side as a Fastify instance, ready to `inject` or `listen`. Reads only the read store. */
export function buildQueryApi(options: QueryApiOptions): FastifyInstance {
  const app = createHttpServer({
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    ...(options.metrics === undefined ? {} : { metrics: options.metrics }),
    ...(options.serveMetrics === undefined ? {} : { serveMetrics: options.serveMetrics }),
  });
  const auth =
    'verify' in options.auth
      ? options.auth
      : bearerAuth({
          ...(options.personalTokens === undefined
            ? {}
            : { personalTokens: options.personalTokens }),
          ...options.auth,
        });
  const generation = followCurrentGeneration(
    options.catalog,
    options.switchCheckMs === undefined ? {} : { switchCheckMs: options.switchCheckMs },
  );
  const waitMs = options.minPositionWaitMs;
  const runtime: Runtime = {
    read: (minPosition) =>
      readAt(generation, minPosition, {
        ...(waitMs === undefined ? {} : { waitMs }),
        ...(options.commits === undefined ? {} : { commits: options.commits }),
      }),
    now: options.now ?? Date.now,
    boards: answerCache(
      options.answerCacheBytes === undefined ? {} : { maxBytes: options.answerCacheBytes },
    ),
    ...(options.webhookStore ? { webhooks: options.webhookStore } : {}),
  };
  for (const route of queryRoutes) {
    app.route({
      method: 'GET',
      url: route.url,
      onRequest: auth.require(route.scope),
      handler: handlerFor(route, runtime),
    });
  }
  // Account admins' reads (owners, any workspace's members) share the read store and its wait.
  registerAdminQueries(app, {
    readStore: () => generation.store(),
    auth,
    ...(waitMs === undefined ? {} : { minPositionWaitMs: waitMs }),
  });
  if (options.personalTokens !== undefined) {
    registerPersonalTokenQueries(app, { auth, tokens: options.personalTokens });
  }
  registerDocs(app, queryApiDocument());
  registerHealth(app, [
    { name: 'readStore', check: async () => (await generation.store()).position() },
    ...(options.readiness ?? []),
  ]);
  app.addHook('onClose', () => generation.close());
  return app;
}
