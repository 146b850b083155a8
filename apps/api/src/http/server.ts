import { randomUUID } from 'node:crypto';
import { createRegistry, type Registry } from '@taskomask/observability';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import { problemOf, registerProblemHandling, sendProblem } from './error-handler';
import { observeRequests, registerMetrics } from './observe';
import { decodeUtf8Body } from './utf8-body';

export type HttpServerOptions = {
  /** A pino logger; without one the server logs nothing. */
  logger?: FastifyBaseLogger;
  /** Largest accepted body in bytes (413 beyond). */
  bodyLimit?: number;
  /** The process's metrics; a registry of this server's own without one. */
  metrics?: Registry;
  /** Serve `/metrics` (the default); off for all but one server of a process sharing a registry. */
  serveMetrics?: boolean;
};

export const defaultBodyLimit = 64 * 1024;

/**
 * A Fastify instance with what both API sides share: request ids we make ourselves (echoed as
 * `X-Request-Id`), JSON bodies only (anything else is 415), a body limit, prototype-poisoning
 * refused, and every error answered as problem+json by one handler.
 */
export function createHttpServer({
  logger,
  bodyLimit = defaultBodyLimit,
  metrics = createRegistry({ defaultMetrics: false }),
  serveMetrics = true,
}: HttpServerOptions = {}): FastifyInstance {
  const app = Fastify({
    ...(logger === undefined ? { logger: false } : { loggerInstance: logger }),
    bodyLimit,
    genReqId: () => randomUUID(),
    // A client-chosen request id would let one caller's logs pose as another's.
    requestIdHeader: false,
    // observeRequests writes one line per request instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    return503OnClosing: true,
    // Long ids reach validation (a 400 naming the field) instead of the router's bare 414.
    routerOptions: { maxParamLength: 1000 },
    // The router's own refusals (a malformed percent-encoding…) are problem+json like the rest.
    frameworkErrors: (error, request, reply) => {
      void sendProblem(request, reply, problemOf(error));
    },
  }) as unknown as FastifyInstance;
  app.removeContentTypeParser(['text/plain', 'application/json']);
  // Fastify's own JSON parser (prototype poisoning refused), except that an empty body is no body
  // (clients that set Content-Type on every request must still be able to DELETE) and that bytes
  // which are not UTF-8 are refused, naming their field, instead of decoded to U+FFFD.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    if (bytes.length === 0) {
      done(null, undefined);
      return;
    }
    let text: string;
    try {
      text = decodeUtf8Body(bytes);
    } catch (error) {
      done(error as Error, undefined);
      return;
    }
    parseJson(request, text, done);
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    // Every answer is JSON (or the docs): no browser may sniff one into HTML or frame it.
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
  });
  observeRequests(app, metrics);
  if (serveMetrics) registerMetrics(app, metrics);
  registerProblemHandling(app);
  return app;
}
