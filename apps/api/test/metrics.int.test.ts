import { randomUUID } from 'node:crypto';
import type { EventStore } from '@taskomask/eventstore';
import { sqliteEventStore } from '@taskomask/eventstore/sqlite';
import {
  createRegistry,
  metricNames,
  parsePrometheusText,
  sampleValue,
} from '@taskomask/observability';
import { startTestIssuer, type TestIssuer } from '@taskomask/testkit/jwks';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCommandApi } from '../src/commands/api';
import { bearerAuth } from '../src/http/auth';

// A real concurrent writer, made to land between a command's read and its append: the append
// conflicts, is counted by stream category, and the command re-decides and succeeds.
describe('command metrics: append conflicts and outcomes', () => {
  const store = sqliteEventStore({ path: ':memory:' });
  const scrapeToken = 'prometheus-scrape-token-0123';
  const registry = createRegistry({ defaultMetrics: false, token: scrapeToken });
  const alice = randomUUID();
  let issuer: TestIssuer;
  let app: FastifyInstance;
  let token: string;
  // Set by a test: runs once, just before the next append that writes this stream.
  let interfere: { stream: string; run: () => Promise<unknown> } | undefined;

  const interfering: EventStore = new Proxy(store, {
    get(target, property, receiver) {
      if (property !== 'appendToStreams') return Reflect.get(target, property, receiver);
      return async (appends: Parameters<EventStore['appendToStreams']>[0]) => {
        const pending = interfere;
        if (pending !== undefined && appends.some((a) => a.stream === pending.stream)) {
          interfere = undefined;
          await pending.run();
        }
        return target.appendToStreams(appends);
      };
    },
  });

  const send = async (method: string, url: string, body?: unknown, headers = {}) => {
    const response = await app.inject({
      method: method as 'POST',
      url,
      headers: { authorization: `Bearer ${token}`, ...headers },
      ...(body === undefined ? {} : { payload: body as object }),
    });
    return { status: response.statusCode, body: response.json() as { id?: string } };
  };
  const scrape = async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${scrapeToken}` },
    });
    expect(response.statusCode).toBe(200);
    return parsePrometheusText(response.body).samples;
  };

  beforeAll(async () => {
    issuer = await startTestIssuer();
    token = await issuer.tokenFor(alice, { expiresIn: '1h' });
    app = buildCommandApi({
      eventStore: interfering,
      auth: bearerAuth({
        issuer: issuer.issuer,
        audience: issuer.audience,
        jwksUrl: issuer.jwksUrl,
      }),
      metrics: registry,
    });
    await app.ready();
  });

  afterAll(async () => {
    await app.close();
    await store.close();
    await issuer.close();
  });

  it('answers /metrics only to the scrape token (METRICS_TOKEN)', async () => {
    const anonymous = await app.inject({ method: 'GET', url: '/metrics' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['www-authenticate']).toBe('Bearer realm="metrics"');
    const wrong = await app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(wrong.statusCode).toBe(401);
    expect((await scrape()).length).toBeGreaterThan(0);
  });

  it('counts the conflict under the task category, then the retried command as ok', async () => {
    const created = async (url: string, body: unknown) => {
      const answer = await send('POST', url, body);
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
      return answer.body.id!;
    };
    const workspace = await created('/workspaces', { name: 'Conflicts' });
    const project = await created(`/workspaces/${workspace}/projects`, { name: 'Plans' });
    const board = await created(`/workspaces/${workspace}/projects/${project}/boards`, {
      name: 'Board',
    });
    const card = await created(`/boards/${board}/cards`, { name: 'To do', type: 'ToDo' });
    const task = await created(`/boards/${board}/tasks`, { cardId: card, title: 'Contended' });
    expect(sampleValue(await scrape(), metricNames.appendConflicts)).toBeUndefined();

    interfere = {
      stream: `task-${task}`,
      run: () => send('PATCH', `/tasks/${task}`, { description: 'the other writer' }),
    };
    const mine = await send('PATCH', `/tasks/${task}`, { description: 'mine' });
    expect(mine.status).toBe(200);
    expect(interfere).toBeUndefined();

    // With If-Match the conflict is the client's to resolve: 412, outcome conflict.
    interfere = {
      stream: `task-${task}`,
      run: () => send('PATCH', `/tasks/${task}`, { description: 'the other writer again' }),
    };
    const version = (await store.readStream(`task-${task}`)).at(-1)!.streamVersion;
    const pinned = await send(
      'PATCH',
      `/tasks/${task}`,
      { description: 'pinned' },
      { 'if-match': `"${version}"` },
    );
    expect(pinned.status).toBe(412);

    const samples = await scrape();
    expect(sampleValue(samples, metricNames.appendConflicts, { stream_category: 'task' })).toBe(2);
    const count = `${metricNames.commandDuration}_count`;
    // Mine (retried), the two interfering writers: ok; the pinned one: conflict.
    expect(sampleValue(samples, count, { command: 'updateTask', outcome: 'ok' })).toBe(3);
    expect(sampleValue(samples, count, { command: 'updateTask', outcome: 'conflict' })).toBe(1);
    expect(sampleValue(samples, metricNames.tasksCreated)).toBe(1);
  });
});
