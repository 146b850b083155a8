import { createServer, type Server } from 'node:http';

/** A dependency check: resolves when healthy, rejects (or resolves false) when not. */
export type HealthCheck = { name: string; check: () => Promise<unknown> };

export type HealthServer = { port: number; close(): Promise<void> };

/**
 * `/health/live` answers 200 while the process runs; `/health/ready` runs every check and answers
 * 503 naming the ones that failed (the same JSON shape as the APIs' health routes).
 */
export function serveHealth({
  port,
  host = '0.0.0.0',
  checks,
}: {
  port: number;
  host?: string;
  checks: readonly HealthCheck[];
}): Promise<HealthServer> {
  const server: Server = createServer(async (request, response) => {
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.url === '/health/live') return send(200, { status: 'ok' });
    if (request.url !== '/health/ready') return send(404, { status: 'not found' });
    const results = await Promise.all(
      checks.map(async ({ name, check }) => {
        try {
          return [name, (await check()) === false ? 'down' : 'up'] as const;
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
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}
