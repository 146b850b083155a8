import { httpMetrics, logRequest, type Registry, scrapeAllowed } from '@taskomask/observability';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { correlationIdOf } from './tracing';

// Probes and scrapes come every few seconds: measured, but logged only when they fail.
const quiet = /^\/(?:health\/|metrics$)/;

/** The route pattern a request matched; one label for everything unmatched (ids stay out). */
export function routeOf(request: FastifyRequest): string {
  return request.routeOptions.url ?? 'unmatched';
}

/**
 * One log line and one `http_request_duration_seconds` observation per request, with the route
 * pattern, the correlation id (also echoed as `X-Correlation-Id`) and the caller's user id.
 */
export function observeRequests(app: FastifyInstance, registry: Registry): void {
  const { requestDuration } = httpMetrics(registry);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-correlation-id', correlationIdOf(request));
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = routeOf(request);
    const durationMs = reply.elapsedTime;
    requestDuration.observe(
      { method: request.method, route, status_code: String(reply.statusCode) },
      durationMs / 1000,
    );
    if (quiet.test(route) && reply.statusCode < 500) return;
    logRequest(request.log, {
      method: request.method,
      route,
      statusCode: reply.statusCode,
      durationMs,
      correlationId: correlationIdOf(request),
      ...(request.principal === undefined ? {} : { userId: request.principal.userId }),
    });
  });
}

/** `/metrics`: the process's registry in the Prometheus text format (METRICS_TOKEN guards it). */
export function registerMetrics(app: FastifyInstance, registry: Registry): void {
  app.get('/metrics', async (request, reply) => {
    if (!scrapeAllowed(registry, request.headers.authorization)) {
      return reply.code(401).header('www-authenticate', 'Bearer realm="metrics"').send();
    }
    const body = await registry.metrics();
    return reply.type(registry.contentType).send(body);
  });
}
