import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener } from 'node:http';
import {
  httpMetrics,
  type Logger,
  logRequest,
  type Registry,
  scrapeAllowed,
} from '@taskomask/observability';
import type { FastifyInstance } from 'fastify';

export type ReadinessCheck = { name: string; check: () => Promise<unknown> };

const correlationPattern = /^[\x21-\x7e]{1,200}$/;

function correlationIdOf(request: IncomingMessage): string {
  const given = request.headers['x-correlation-id'];
  return typeof given === 'string' && correlationPattern.test(given.trim())
    ? given.trim()
    : randomUUID();
}

// oidc-provider's endpoints (our configuration's paths); `/auth/<uid>` resumes an interaction.
const providerRoutes = new Set([
  '/.well-known/openid-configuration',
  '/auth',
  '/token',
  '/jwks',
  '/me',
  '/session/end',
  '/session/end/confirm',
  '/session/end/success',
  '/token/introspection',
  '/token/revocation',
  '/request',
  '/device/auth',
  '/reg',
]);

/** The route label of a provider request: its endpoint, never the raw URL (uids, queries). */
export function providerRoute(url: string | undefined): string {
  const path = (url ?? '/').split('?')[0]!;
  if (providerRoutes.has(path)) return path;
  if (path.startsWith('/auth/')) return '/auth/:uid';
  return 'unmatched';
}

/**
 * The provider's requests bypass Fastify: time them and log one line each here, as
 * `observePages` does for ours.
 */
export function observeProvider(
  listener: RequestListener,
  { registry, log }: { registry: Registry; log: () => Pick<Logger, 'info' | 'error'> | undefined },
): RequestListener {
  const { requestDuration } = httpMetrics(registry);
  return (request, response) => {
    const started = performance.now();
    const correlationId = correlationIdOf(request);
    response.setHeader('x-correlation-id', correlationId);
    response.once('finish', () => {
      const route = providerRoute(request.url);
      const method = request.method ?? 'GET';
      const durationMs = performance.now() - started;
      requestDuration.observe(
        { method, route, status_code: String(response.statusCode) },
        durationMs / 1000,
      );
      const logger = log();
      if (logger) {
        logRequest(logger, {
          method,
          route,
          statusCode: response.statusCode,
          durationMs,
          correlationId,
        });
      }
    });
    listener(request, response);
  };
}

// Probes and scrapes come every few seconds: measured, but logged only when they fail.
const quiet = /^\/(?:health|metrics)/;

/**
 * Our pages: one line and one observation per request, `/metrics` (unless another server of the
 * process serves the shared registry) and `/health/live` + `/health/ready` (`/health` stays the
 * liveness answer it was).
 */
export function observePages(
  app: FastifyInstance,
  {
    registry,
    serveMetrics,
    checks,
  }: { registry: Registry; serveMetrics: boolean; checks: readonly ReadinessCheck[] },
): void {
  const { requestDuration } = httpMetrics(registry);
  const correlationIds = new WeakMap<object, string>();
  app.addHook('onRequest', async (request, reply) => {
    const id = correlationIdOf(request.raw);
    correlationIds.set(request, id);
    reply.header('x-correlation-id', id);
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const durationMs = reply.elapsedTime;
    requestDuration.observe(
      { method: request.method, route, status_code: String(reply.statusCode) },
      durationMs / 1000,
    );
    if (quiet.test(route) && reply.statusCode < 500) return;
    const correlationId = correlationIds.get(request);
    logRequest(request.log, {
      method: request.method,
      route,
      statusCode: reply.statusCode,
      durationMs,
      ...(correlationId === undefined ? {} : { correlationId }),
    });
  });
  if (serveMetrics) {
    app.get('/metrics', async (request, reply) => {
      if (!scrapeAllowed(registry, request.headers.authorization)) {
        return reply.code(401).header('www-authenticate', 'Bearer realm="metrics"').send();
      }
      return reply.type(registry.contentType).send(await registry.metrics());
    });
  }
  app.get('/health/live', async () => ({ status: 'ok' }));
  app.get('/health/ready', async (request, reply) => {
    const results = await Promise.allSettled(checks.map(({ check }) => check()));
    const report: Record<string, 'up' | 'down'> = {};
    results.forEach((result, i) => {
      const { name } = checks[i]!;
      report[name] = result.status === 'fulfilled' ? 'up' : 'down';
      if (result.status === 'rejected') {
        request.log.warn({ err: result.reason, dependency: name }, 'readiness check failed');
      }
    });
    const down = Object.values(report).includes('down');
    reply.code(down ? 503 : 200);
    return { status: down ? 'unavailable' : 'ok', checks: report };
  });
}
