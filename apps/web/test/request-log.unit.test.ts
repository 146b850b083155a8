// Issue 17 §4: the web app writes one line per request (it had metrics but no request log).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { logRequests, type RequestLine } from '../src/server/request-log';

describe('the web app’s request log', () => {
  const lines: RequestLine[] = [];
  const stop = logRequests((line) => lines.push(line));
  const server = createServer((request, response) => {
    response.statusCode = request.url?.startsWith('/boom') ? 500 : 200;
    response.end('ok');
  });
  afterAll(() => {
    stop();
    server.close();
  });

  it('writes one line per request, with the path but never the query string', async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await (await fetch(`${base}/api/auth/callback/taskomask?code=secret-code&state=s`)).text();
    await (await fetch(`${base}/health/ready`)).text();
    await (await fetch(`${base}/boom`, { method: 'POST' })).text();
    expect(
      lines.map(({ method, path, statusCode, level }) => ({ method, path, statusCode, level })),
    ).toEqual([
      { method: 'GET', path: '/api/auth/callback/taskomask', statusCode: 200, level: 'info' },
      { method: 'POST', path: '/boom', statusCode: 500, level: 'error' },
    ]);
    expect(JSON.stringify(lines)).not.toContain('secret-code');
    for (const line of lines) expect(line.durationMs).toBeGreaterThanOrEqual(0);
  });
});
