import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clientSecret, redirectUri } from '@taskomask/identity/testing';
import { metricNames, parsePrometheusText, sampleValue } from '@taskomask/observability';
import { freePort } from '@taskomask/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Embedded, startEmbedded } from '../src/start-embedded';

// The web app (next start, a child process): health routes for the orchestrator's probes, and its
// own /metrics with the backend-for-frontend routes timed by route pattern.
describe('web app: health and metrics', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'taskomask-web-obs-'));
  let system: Embedded;
  let web: string;

  beforeAll(async () => {
    system = await startEmbedded({
      dataDir,
      ports: {
        identity: await freePort(),
        commands: await freePort(),
        queries: await freePort(),
        web: await freePort(),
      },
      env: { WEB_CLIENT_SECRET: clientSecret, WEB_REDIRECT_URIS: redirectUri },
      logLevel: 'silent',
    });
    web = system.urls.web!;
  }, 600_000);

  afterAll(async () => {
    await system?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is live, and ready while identity and both APIs answer', async () => {
    const live = await fetch(`${web}/health/live`);
    expect(live.status).toBe(200);
    const ready = await fetch(`${web}/health/ready`);
    expect(await ready.json()).toEqual({
      status: 'ok',
      checks: { identity: 'up', commandApi: 'up', queryApi: 'up' },
    });
    expect(ready.status).toBe(200);
  });

  it('serves its metrics, the BFF routes by pattern and never by raw path', async () => {
    // Without a session the BFF answers 401 itself: one observation per call.
    const id = '7f6d7a2c-0000-4000-8000-000000000001';
    expect((await fetch(`${web}/api/q/boards/${id}`)).status).toBe(401);
    expect((await fetch(`${web}/api/q/tasks/${id}`)).status).toBe(401);
    const response = await fetch(`${web}/metrics`);
    expect(response.status).toBe(200);
    const { samples, families } = parsePrometheusText(await response.text());
    expect(
      sampleValue(samples, `${metricNames.httpRequestDuration}_count`, {
        method: 'GET',
        route: '/api/q/[...path]',
        status_code: '401',
      }),
    ).toBe(2);
    expect(samples.some((s) => Object.values(s.labels).some((v) => v.includes(id)))).toBe(false);
    expect(families.has('process_cpu_user_seconds_total')).toBe(true);
  });
});
