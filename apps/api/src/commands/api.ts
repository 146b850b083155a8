import { NotFoundError, parseStreamName } from '@taskomask/domain';
import type { EventStore } from '@taskomask/eventstore';
import { commandMetrics, createRegistry, outcomeOf, type Registry } from '@taskomask/observability';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import {
  adminCommandRouteDocs,
  adminCommandRoutes,
  registerAdminCommands,
} from '../admin/commands';
import { eventStoreAccounts } from '../http/account-status';
import { type BearerAuth, type BearerAuthOptions, bearerAuth } from '../http/auth';
import { healthRouteDocs, registerHealth } from '../http/health';
import { observeCommandRoutes } from '../http/observe-commands';
import { openApiDocument, type RouteDoc, registerDocs } from '../http/openapi';
import { eventStorePersonalTokens } from '../http/personal-tokens';
import { Problem } from '../http/problem';
import { createHttpServer } from '../http/server';
import { registerTrelloImport, trelloImportRouteDoc } from '../imports/trello-route';
import { StateCache } from './aggregates';
import { guardedStore } from './event-store-guard';
import { commandHandler } from './handler';
import { createPersonalTokenDoc, createPersonalTokenHandler } from './personal-tokens';
import { commandAnswer, commandRouteDoc } from './route-doc';
import { type CommandRoute, commandRoutes } from './routes';
import { registerWorkspaceEvents, workspaceEventsRouteDoc } from './workspace-events';

export type CommandApiOptions = Readonly<{
  eventStore: EventStore;
  /** A verifier, or the options to make one (issuer, audience, JWKS URL, algorithms). */
  auth: BearerAuth | BearerAuthOptions;
  /** A pino logger; silent without one. */
  logger?: FastifyBaseLogger;
  /** Largest accepted body in bytes; 64 KiB by default. */
  bodyLimit?: number;
  /** Re-decisions after a concurrent write before answering 409; 3 by default. */
  retries?: number;
  /** The process's metrics registry; one of this API's own without it. */
  metrics?: Registry;
  /** Serve `/metrics` here (the default). */
  serveMetrics?: boolean;
}>;

function hiddenNotFound(route: CommandRoute) {
  return (error: unknown): boolean =>
    error instanceof NotFoundError &&
    route.resource !== null &&
    route.resource.hides.includes(error.entity);
}

// The 404 names the resource of the URL, whichever thing above it was not found.
function notFoundOf(route: CommandRoute) {
  return (_: unknown, params: Record<string, string>) => {
    const { entity, param } = route.resource!;
    return new Problem('not-found', `${entity} ${params[param]} not found`);
  };
}

function routeDoc(route: CommandRoute): RouteDoc {
  if (route.operationId === 'createPersonalToken') return createPersonalTokenDoc(route);
  return commandRouteDoc(route, {
    summary: route.summary,
    tags: [route.tag],
    scope: route.scope,
    responses:
      route.creates === undefined
        ? { 200: commandAnswer('done') }
        : { 201: commandAnswer('created'), 200: commandAnswer('nothing changed') },
  });
}

export const commandApiDocument = () =>
  openApiDocument({
    title: 'TaskoMask commands',
    version: '0.1.0',
    description:
      'The write side: one endpoint per domain command. Answers carry the new stream version (also the ETag) and the global position to pass as minPosition to the query side. Send If-Match to refuse a stale write (412) and Idempotency-Key to make a retry safe.',
    routes: [
      ...commandRoutes.map(routeDoc),
      workspaceEventsRouteDoc,
      trelloImportRouteDoc,
      ...adminCommandRouteDocs,
      ...healthRouteDocs,
    ],
  });

/** The command side as a Fastify instance, ready to `inject` or `listen`. */
export function buildCommandApi(options: CommandApiOptions): FastifyInstance {
  const metrics = options.metrics ?? createRegistry({ defaultMetrics: false });
  const app = createHttpServer({
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    ...(options.bodyLimit === undefined ? {} : { bodyLimit: options.bodyLimit }),
    metrics,
    ...(options.serveMetrics === undefined ? {} : { serveMetrics: options.serveMetrics }),
  });
  // Accounts from their own streams, read with every command (not cached): a deactivated caller
  // is refused on its very next command.
  const auth =
    'verify' in options.auth
      ? options.auth
      : bearerAuth({
          accounts: eventStoreAccounts(options.eventStore),
          personalTokens: eventStorePersonalTokens(options.eventStore),
          ...options.auth,
        });
  const counted = commandMetrics(metrics);
  const store = guardedStore(options.eventStore, {
    conflict: (stream) =>
      counted.appendConflicts.inc({
        stream_category: parseStreamName(stream)?.category ?? 'other',
      }),
    appended: (types) => {
      const created = types.filter((type) => type === 'TaskCreated').length;
      if (created > 0) counted.tasksCreated.inc(created);
    },
  });
  const retries = options.retries ?? 3;
  const states = new StateCache();
  for (const route of commandRoutes) {
    app.route({
      method: route.method,
      url: route.url,
      onRequest: auth.require(route.scope),
      // Every answer counts, the refused ones too (401 from the auth hook, 409, 503 …).
      onResponse: async (_request, reply) => {
        counted.duration.observe(
          { command: route.operationId, outcome: outcomeOf(reply.statusCode) },
          reply.elapsedTime / 1000,
        );
      },
      handler:
        route.operationId === 'createPersonalToken'
          ? createPersonalTokenHandler(route, { store, retries, states })
          : commandHandler(route, {
              store,
              retries,
              states,
              hides: hiddenNotFound(route),
              rewrite: notFoundOf(route),
              traced: true,
            }),
    });
  }
  // Admin commands in the same histogram and spans as the member commands.
  observeCommandRoutes(app, {
    duration: counted.duration,
    outcomeOf,
    operationOf: (method, url) =>
      adminCommandRoutes.find((r) => r.method === method && r.url === url)?.operationId,
  });
  registerAdminCommands(app, { auth, store, retries, states });
  registerWorkspaceEvents(app, { auth, store });
  registerTrelloImport(app, { auth, store, states });
  registerDocs(app, commandApiDocument());
  registerHealth(app, [{ name: 'eventStore', check: () => store.headPosition() }]);
  return app;
}
