import { createServer, type Server } from 'node:http';

/** A dependency check: resolves when healthy, rejects (or resolves false) when not. */
export type HealthCheck = { name: string; check: () => Promise<unknown> };

/** What /metrics answers with: a prom-client Registry fits. */
export type MetricsSource = { contentType: string; metrics(): Promise<string> };

/** Whether a scrape with this Authorization header may read the metrics (a token, or none). */
export type ScrapeGuard = (authorization: string | undefined) => boolean;

export type HealthServer = { port: number; close(): Promise<void> };

function within<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * `/health/live` answers 200 while the process runs; `/health/ready` runs every check and answers
 * 503 naming the ones that failed (the same JSON shape as the APIs' health routes); with
 * `metrics`, `/metrics` answers in the Prometheus text format. A check that hangs counts as down
 * after `timeoutMs`, so a dead dependency cannot hang the probe.
 */
export function serveHealth({
  port,
  host = '0.0.0.0',
  checks,
  metrics,
  scrapeAllowed = () => true,
  timeoutMs = 2000,
}: {
  port: number;
  host?: string;
  checks: readonly HealthCheck[];
  metrics?: MetricsSource;
  scrapeAllowed?: ScrapeGuard;
  timeoutMs?: number;
}): Promise<HealthServer> {
  const server: Server = createServer(async (request, response) => {
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const path = (request.url ?? '/').split('?')[0];
    if (path === '/health/live') return send(200, { status: 'ok' });
    if (path === '/metrics' && metrics !== undefined) {
      if (!scrapeAllowed(request.headers.authorization)) {
        response.writeHead(401, { 'www-authenticate': 'Bearer realm="metrics"' });
        return response.end();
      }
      try {
        const body = await metrics.metrics();
        response.writeHead(200, { 'content-type': metrics.contentType });
        return response.end(body);
      } catch {
        return send(500, { status: 'metrics unavailable' });
      }
    }
    if (path !== '/health/ready') return send(404, { status: 'not found' });
    const results = await Promise.all(
      checks.map(async ({ name, check }) => {
        try {
          return [name, (await within(check(), timeoutMs)) === false ? 'down' : 'up'] as const;
        } catch {
          return [name, 'down'] as const;
        }
      }),
    );
    const down = results.some(([, state]) => state === 'down');
    send(down ? 503 : 200, {
      status: down ? 'unavailable' : 'ok',
      checks: Object.fromEntries(results),
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve({
        port: typeof address === 'object' && address ? address.port : port,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
