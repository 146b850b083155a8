// Issue 17 §2: the docs pages of both APIs cannot be framed and run only their own scripts; every
// JSON answer says nosniff.
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { usePipeline } from './support/pipeline';

describe('protections on both APIs', () => {
  const p = usePipeline();
  const sides = (): [string, FastifyInstance][] => [
    ['command API', p().commands],
    ['query API', p().queries],
  ];

  it('serves /docs with a CSP that forbids framing and inline scripts', async () => {
    for (const [side, app] of sides()) {
      for (const url of ['/docs/', '/docs/static/swagger-initializer.js']) {
        const page = await app.inject({ method: 'GET', url });
        expect(page.statusCode, `${side} ${url}`).toBe(200);
        const csp = String(page.headers['content-security-policy'] ?? '');
        expect(csp, `${side} ${url}`).toContain("frame-ancestors 'none'");
        expect(csp).toContain("object-src 'none'");
        expect(csp).toMatch(/script-src 'self'[^;]*;/);
        expect(/script-src[^;]*'unsafe-inline'/.test(csp), csp).toBe(false);
        expect(csp).not.toContain('https:');
        expect(page.headers['x-frame-options']).toBe('DENY');
      }
    }
  });

  it('sends X-Content-Type-Options: nosniff with every JSON answer, problems included', async () => {
    for (const [side, app] of sides()) {
      for (const url of ['/openapi.json', '/health/live', '/no-such-route', '/workspaces/x']) {
        const answer = await app.inject({ method: 'GET', url });
        expect(String(answer.headers['content-type']), `${side} ${url}`).toMatch(/json/);
        expect(answer.headers['x-content-type-options'], `${side} ${url}`).toBe('nosniff');
      }
    }
  });
});
