import { afterAll, describe, expect, it } from 'vitest';
import { type HealthServer, serveHealth } from '../src/index';

describe('serveHealth', () => {
  let healthy = true;
  let server: HealthServer;
  const get = async (path: string) => {
    const response = await fetch(`http://127.0.0.1:${server.port}${path}`);
    return { status: response.status, body: await response.json() };
  };

  afterAll(() => server.close());

  it('says live, and ready only while every check passes, naming the one that fails', async () => {
    server = await serveHealth({
      port: 0,
      host: '127.0.0.1',
      checks: [
        { name: 'eventStore', check: async () => true },
        { name: 'lag', check: async () => healthy },
      ],
    });
    expect(await get('/health/live')).toEqual({ status: 200, body: { status: 'ok' } });
    expect((await get('/health/ready')).status).toBe(200);
    healthy = false;
    expect(await get('/health/ready')).toEqual({
      status: 503,
      body: { status: 'unavailable', checks: { eventStore: 'up', lag: 'down' } },
    });
    expect((await get('/nope')).status).toBe(404);
  });
});

describe('serveHealth with metrics', () => {
  it('answers /metrics in the Prometheus text format, and counts a hung check as down', async () => {
    const server = await serveHealth({
      port: 0,
      host: '127.0.0.1',
      timeoutMs: 50,
      checks: [{ name: 'stuck', check: () => new Promise(() => {}) }],
      metrics: {
        contentType: 'text/plain; version=0.0.4; charset=utf-8',
        metrics: async () => '# TYPE up gauge\nup 1\n',
      },
      scrapeAllowed: (authorization) => authorization === 'Bearer let-me-scrape',
    });
    try {
      const refused = await fetch(`http://127.0.0.1:${server.port}/metrics`);
      expect(refused.status).toBe(401);
      const metrics = await fetch(`http://127.0.0.1:${server.port}/metrics`, {
        headers: { authorization: 'Bearer let-me-scrape' },
      });
      expect(metrics.status).toBe(200);
      expect(metrics.headers.get('content-type')).toContain('text/plain');
      expect(await metrics.text()).toBe('# TYPE up gauge\nup 1\n');
      const ready = await fetch(`http://127.0.0.1:${server.port}/health/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: 'unavailable', checks: { stuck: 'down' } });
    } finally {
      await server.close();
    }
  });
});
