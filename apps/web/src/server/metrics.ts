import { createRegistry, httpMetrics, type Registry } from '@taskomask/observability';

// One registry for the server process; on globalThis because Next may load a module once per
// route bundle.
const key = Symbol.for('taskomask.web.metrics');

export function webMetrics(): Registry {
  const holder = globalThis as { [key]?: Registry };
  holder[key] ??= createRegistry({ token: process.env.METRICS_TOKEN?.trim() || undefined });
  return holder[key];
}

/**
 * Times a route handler into `http_request_duration_seconds` under its route pattern (the
 * backend-for-frontend routes; pages are Next's own).
 */
export function timed<Rest extends unknown[]>(
  route: string,
  handler: (request: Request, ...rest: Rest) => Promise<Response>,
): (request: Request, ...rest: Rest) => Promise<Response> {
  return async (request, ...rest) => {
    const started = performance.now();
    let status = 500;
    try {
      const response = await handler(request, ...rest);
      status = response.status;
      return response;
    } finally {
      httpMetrics(webMetrics()).requestDuration.observe(
        { method: request.method, route, status_code: String(status) },
        (performance.now() - started) / 1000,
      );
    }
  };
}
