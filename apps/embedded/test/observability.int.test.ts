import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { mintTicket } from '@taskomask/contracts/socket-ticket';
import {
  clientSecret,
  exchangeCode,
  pkce,
  type RunningIdentity,
  redirectUri,
  registerThroughPages,
  type TokenResponse,
} from '@taskomask/identity/testing';
import {
  metricNames,
  parsePrometheusText as parse,
  sampleValue as sample,
} from '@taskomask/observability';
import { freePort, waitFor } from '@taskomask/testkit';
import { Browser } from '@taskomask/testkit/browser';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Embedded, startEmbedded } from '../src/start-embedded';

// The whole system in one process, over real HTTP: one /metrics with every service's metrics,
// one JSON log line per request without a single secret in any line.
describe('embedded mode: metrics and logs', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'taskomask-embedded-obs-'));
  const realtimeSecret = 'realtime-secret-for-the-observability-test-0123456789';
  const password = 'observable-passphrase-1843';
  const lines: string[] = [];
  const logs = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  let system: Embedded;
  let tokens: TokenResponse;
  let userId: string;
  let code: string;
  let verifier: string;
  let sessionCookies: string[] = [];
  let ticket: string;
  let socket: Socket | undefined;

  beforeAll(async () => {
    system = await startEmbedded({
      dataDir,
      ports: {
        identity: await freePort(),
        commands: await freePort(),
        queries: await freePort(),
        web: await freePort(),
      },
      env: {
        WEB_CLIENT_SECRET: clientSecret,
        WEB_REDIRECT_URIS: redirectUri,
        REALTIME_SECRET: realtimeSecret,
      },
      logLevel: 'info',
      logDestination: logs,
      web: false,
    });
    const browser = new Browser();
    const p = pkce();
    verifier = p.verifier;
    code = await registerThroughPages(
      { issuer: system.urls.identity } as RunningIdentity,
      browser,
      p,
      { displayName: 'Ada Lovelace', email: 'ada@example.com', password },
    );
    tokens = await exchangeCode(system.urls.identity, code, p);
    // The jar is private to the helper; its values are exactly what must never be logged.
    const jar = (browser as unknown as { jar: Map<string, { value: string }> }).jar;
    sessionCookies = [...jar.values()].map((c) => c.value).filter((v) => v.length >= 16);
    const payload = tokens.access_token.split('.')[1]!;
    userId = (JSON.parse(Buffer.from(payload, 'base64url').toString()) as { sub: string }).sub;
  }, 60_000);

  afterAll(async () => {
    socket?.disconnect();
    await system?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const command = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const response = await fetch(`${system.urls.commands}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${tokens.access_token}`,
        // A browser's cookies reach the API too; they must not reach the logs.
        cookie: sessionCookies.map((v, i) => `c${i}=${v}`).join('; '),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await response.json()) as { id?: string; position: number };
    return { status: response.status, ...json };
  };
  const scrape = async () => {
    const response = await fetch(system.urls.metrics);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    return parse(await response.text());
  };
  let boardId = '';
  let lastPosition = 0;
  let doneCardId = '';
  let secondTaskId = '';

  it('counts tasks, times commands by outcome and requests by route, and a task reaching Done', async () => {
    const workspace = await command('POST', '/workspaces', { name: 'Analytical engines' });
    const project = await command('POST', `/workspaces/${workspace.id}/projects`, {
      name: 'Notes',
    });
    const board = await command(
      'POST',
      `/workspaces/${workspace.id}/projects/${project.id}/boards`,
      { name: 'Note G' },
    );
    boardId = board.id!;
    const todo = await command('POST', `/boards/${boardId}/cards`, { name: 'To do', type: 'ToDo' });
    const done = await command('POST', `/boards/${boardId}/cards`, { name: 'Done', type: 'Done' });
    const titles = ['Bernoulli numbers', 'Loops', 'Punched cards'];
    const tasks = [];
    for (const [i, title] of titles.entries()) {
      const task = await command(
        'POST',
        `/boards/${boardId}/tasks`,
        { cardId: todo.id, title },
        { 'x-correlation-id': `obs-test-${i}` },
      );
      expect(task.status).toBe(201);
      tasks.push(task);
    }
    // Refused: a taken title (422), and no token at all (401).
    expect(
      (await command('POST', `/boards/${boardId}/tasks`, { cardId: todo.id, title: 'Loops' }))
        .status,
    ).toBe(422);
    expect(
      (
        await command(
          'POST',
          `/boards/${boardId}/tasks`,
          { cardId: todo.id, title: 'x' },
          { authorization: '' },
        )
      ).status,
    ).toBe(401);
    doneCardId = done.id!;
    secondTaskId = tasks[1]!.id!;
    const moved = await command('POST', `/tasks/${tasks[0]!.id}/move`, { toCardId: done.id });
    expect(moved.status).toBe(200);
    lastPosition = moved.position;
    // Read back: the projector reached the move.
    const read = await fetch(
      `${system.urls.queries}/boards/${boardId}?minPosition=${lastPosition}`,
      {
        headers: { authorization: `Bearer ${tokens.access_token}` },
      },
    );
    expect(read.status).toBe(200);
    expect(read.headers.get('x-stale')).toBeNull();

    const { samples, families } = await scrape();
    for (const name of Object.values(metricNames)) {
      const family = name.replace(/_total$/, '');
      expect(families.has(family) || families.has(name), name).toBe(true);
    }
    // prom-client's process metrics too.
    expect(families.has('process_cpu_user_seconds_total')).toBe(true);
    expect(families.has('nodejs_eventloop_lag_seconds')).toBe(true);

    expect(sample(samples, metricNames.tasksCreated)).toBe(3);
    const commandCount = `${metricNames.commandDuration}_count`;
    expect(sample(samples, commandCount, { command: 'createTask', outcome: 'ok' })).toBe(3);
    expect(sample(samples, commandCount, { command: 'createTask', outcome: 'rejected' })).toBe(1);
    expect(sample(samples, commandCount, { command: 'createTask', outcome: 'unauthorized' })).toBe(
      1,
    );
    expect(sample(samples, commandCount, { command: 'moveTask', outcome: 'ok' })).toBe(1);
    expect(sample(samples, `${metricNames.taskCompletion}_count`)).toBe(1);

    const requests = samples.filter((s) => s.name === `${metricNames.httpRequestDuration}_count`);
    expect(
      sample(requests, requests[0]!.name, {
        method: 'POST',
        route: '/boards/:boardId/tasks',
        status_code: '201',
      }),
    ).toBe(3);
    // The query side and identity share the registry; routes are patterns, never raw ids.
    expect(requests.some((s) => s.labels.route === '/boards/:boardId')).toBe(true);
    expect(requests.some((s) => s.labels.route === '/token')).toBe(true);
    for (const s of requests) expect(s.labels.route).not.toContain(boardId);
  });

  it('task_completion_seconds and the board’s cycle-time chart agree on the same tasks', async () => {
    const moved = await command('POST', `/tasks/${secondTaskId}/move`, { toCardId: doneCardId });
    expect(moved.status).toBe(200);
    const answer = await fetch(
      `${system.urls.queries}/boards/${boardId}/insights/cycle-times?minPosition=${moved.position}`,
      { headers: { authorization: `Bearer ${tokens.access_token}` } },
    );
    expect(answer.status).toBe(200);
    const chart = (await answer.json()) as { tasks: { leadSeconds: number }[] };
    const { samples } = await scrape();
    expect(chart.tasks).toHaveLength(2);
    expect(sample(samples, `${metricNames.taskCompletion}_count`)).toBe(chart.tasks.length);
    expect(sample(samples, `${metricNames.taskCompletion}_sum`)).toBeCloseTo(
      chart.tasks.reduce((sum, t) => sum + t.leadSeconds, 0),
      3,
    );
  });

  it('reports the forwarder and projector lag, dead letters and open sockets', async () => {
    // Both caught up with the last write: the read above waited for it.
    await waitFor(
      async () => {
        const { samples } = await scrape();
        return (
          sample(samples, metricNames.forwarderLag) === 0 &&
          sample(samples, metricNames.projectorLag) === 0
        );
      },
      { what: 'lag gauges at 0' },
    );
    let { samples } = await scrape();
    expect(sample(samples, metricNames.deadLetters)).toBe(0);
    expect(sample(samples, metricNames.deadLetterQueue)).toBe(0);
    expect(samples.filter((s) => s.name === metricNames.openSockets).map((s) => s.value)).toEqual([
      0,
    ]);

    ticket = mintTicket(realtimeSecret, { id: userId, name: 'Ada' }, Date.now());
    socket = io(system.urls.queries, {
      transports: ['websocket'],
      auth: { token: ticket },
      reconnection: false,
    });
    await new Promise<void>((done, fail) => {
      socket!.once('connect', () => done());
      socket!.once('connect_error', fail);
    });
    ({ samples } = await scrape());
    const open = samples.filter((s) => s.name === metricNames.openSockets);
    expect(open).toHaveLength(1);
    expect(open[0]!.value).toBe(1);
    expect(open[0]!.labels.instance).toMatch(/.+:\d+$/);
  });

  it('is ready on every HTTP service, naming the dependencies it checked', async () => {
    const ready = async (url: string) => {
      const response = await fetch(url);
      return { status: response.status, body: await response.json() };
    };
    expect(await ready(`${system.urls.identity}/health/ready`)).toEqual({
      status: 200,
      body: { status: 'ok', checks: { eventStore: 'up', identityStore: 'up' } },
    });
    expect(await ready(`${system.urls.commands}/health/ready`)).toEqual({
      status: 200,
      body: { status: 'ok', checks: { eventStore: 'up' } },
    });
    expect(await ready(`${system.urls.queries}/health/ready`)).toEqual({
      status: 200,
      body: { status: 'ok', checks: { readStore: 'up', projector: 'up' } },
    });
    // The old liveness answer stays.
    expect((await fetch(`${system.urls.identity}/health`)).status).toBe(200);
  });

  it('logs one JSON line per request, with correlation and user ids, and no secret anywhere', async () => {
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const requests = entries.filter((e) => e.msg === 'request completed');
    const created = requests.filter(
      (e) =>
        e.name === 'api-commands' && e.route === '/boards/:boardId/tasks' && e.statusCode === 201,
    );
    expect(created.map((e) => e.correlationId)).toEqual(['obs-test-0', 'obs-test-1', 'obs-test-2']);
    for (const e of created) {
      expect(e.userId).toBe(userId);
      expect(e.method).toBe('POST');
      expect(typeof e.reqId).toBe('string');
      expect(typeof e.durationMs).toBe('number');
    }
    // Every API request line carries a correlation id (made up when the caller sent none).
    const api = requests.filter((e) => e.name === 'api-commands' || e.name === 'api-queries');
    expect(api.length).toBeGreaterThanOrEqual(10);
    for (const e of api) expect(typeof e.correlationId).toBe('string');
    // …and the signed-in caller's id; the 401 has none.
    expect(api.filter((e) => e.userId === undefined).map((e) => e.statusCode)).toEqual([401]);
    // Identity's pages and the provider's endpoints each leave their line, by route pattern.
    const identity = requests
      .filter((e) => e.name === 'identity')
      .map((e) => `${e.method} ${e.route}`);
    expect(identity).toContain('POST /token');
    expect(identity).toContain('POST /interaction/:uid/register');

    // The projector's line for each message carries the ids the command's events were written with.
    const applied = entries.filter((e) => e.name === 'projector' && e.msg === 'message applied');
    const fromFirstTask = applied.filter((e) => e.correlationId === 'obs-test-0');
    expect(fromFirstTask.length).toBeGreaterThan(0);
    for (const e of fromFirstTask) expect(e.userId).toBe(userId);

    const secrets = {
      password,
      clientSecret,
      clientSecretInBasicAuth: Buffer.from(`taskomask-web:${clientSecret}`).toString('base64'),
      accessToken: tokens.access_token,
      accessTokenSignature: tokens.access_token.split('.')[2]!,
      ...(tokens.refresh_token === undefined ? {} : { refreshToken: tokens.refresh_token }),
      ...(tokens.id_token === undefined ? {} : { idToken: tokens.id_token }),
      code,
      verifier,
      realtimeSecret,
      ticket,
      ...Object.fromEntries(sessionCookies.map((v, i) => [`cookie${i}`, v])),
    };
    expect(sessionCookies.length).toBeGreaterThan(0);
    const all = lines.join('\n');
    for (const [what, secret] of Object.entries(secrets)) {
      expect(all.includes(secret), `${what} appears in the logs`).toBe(false);
    }
  });
});
