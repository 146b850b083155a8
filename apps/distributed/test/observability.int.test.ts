import { randomUUID } from 'node:crypto';
import { clientSecret, type TokenResponse } from '@taskomask/identity/testing';
import { metricNames, parsePrometheusText, sampleValue } from '@taskomask/observability';
import { freePort, unavailable, waitFor } from '@taskomask/testkit';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from './support/test-system';

// Every app its own process, as in production: each serves /metrics (the forwarder and the
// projector on HEALTH_PORT), each is ready, and their JSON logs hold no secret.
describe.skipIf(unavailable('redis') || unavailable('rabbitmq'))(
  'distributed mode: metrics, readiness and logs of every process',
  () => {
    const realtimeSecret = `${randomUUID()}${randomUUID()}`;
    const password = 'distributed-passphrase-1969';
    const output: string[] = [];
    const ports = { forwarderHealth: 0, projectorHealth: 0 };
    let running: TestSystem | undefined;
    let system: TestSystem['system'];
    let tokens: TokenResponse;
    let socket: Socket | undefined;

    beforeAll(async () => {
      ports.forwarderHealth = await freePort();
      ports.projectorHealth = await freePort();
      running = await startTestSystem({
        name: 'distributed-obs',
        user: { displayName: 'Margaret Hamilton', email: 'mh@example.com', password },
        ports,
        env: { LOG_LEVEL: 'info', NODE_ENV: 'production', REALTIME_SECRET: realtimeSecret },
        onLine: (app, line) => output.push(`${app}\t${line}`),
      });
      system = running.system;
      tokens = running.tokens;
    }, 120_000);

    afterAll(async () => {
      socket?.close();
      await running?.stop();
    });

    const command = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${system.urls.commands}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${tokens.access_token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return (await response.json()) as { id: string; position: number };
    };
    const health = (port: number) => `http://localhost:${port}`;
    const scrape = async (base: string) => {
      const response = await fetch(`${base}/metrics`, {
        headers: { authorization: `Bearer ${running!.metricsToken}` },
      });
      expect(response.status).toBe(200);
      return parsePrometheusText(await response.text());
    };

    it('serves every metric from the app that owns it, with values that moved', async () => {
      const ws = (await command('POST', '/workspaces', { name: 'Apollo' })).id;
      const project = (await command('POST', `/workspaces/${ws}/projects`, { name: 'Guidance' }))
        .id;
      const board = (
        await command('POST', `/workspaces/${ws}/projects/${project}/boards`, { name: 'AGC' })
      ).id;
      const todo = (
        await command('POST', `/boards/${board}/cards`, { name: 'To do', type: 'ToDo' })
      ).id;
      const done = (await command('POST', `/boards/${board}/cards`, { name: 'Done', type: 'Done' }))
        .id;
      const task = await command('POST', `/boards/${board}/tasks`, {
        cardId: todo,
        title: 'Priority displays',
      });
      await command('POST', `/boards/${board}/tasks`, { cardId: todo, title: 'Restart logic' });
      const moved = await command('POST', `/tasks/${task.id}/move`, { toCardId: done });
      const read = await fetch(
        `${system.urls.queries}/boards/${board}?minPosition=${moved.position}`,
        { headers: { authorization: `Bearer ${tokens.access_token}` } },
      );
      expect(read.headers.get('x-stale')).toBeNull();
      socket = io(system.urls.queries, {
        auth: { token: tokens.access_token },
        transports: ['websocket'],
        reconnection: false,
      });
      await new Promise<void>((done, fail) => {
        socket!.once('connect', () => done());
        socket!.once('connect_error', fail);
      });

      const commands = await scrape(system.urls.commands);
      expect(sampleValue(commands.samples, metricNames.tasksCreated)).toBe(2);
      expect(
        sampleValue(commands.samples, `${metricNames.commandDuration}_count`, {
          command: 'moveTask',
          outcome: 'ok',
        }),
      ).toBe(1);
      expect(commands.families.has('process_cpu_user_seconds_total')).toBe(true);

      const queries = await scrape(system.urls.queries);
      const sockets = queries.samples.filter((s) => s.name === metricNames.openSockets);
      expect(sockets.map((s) => s.value)).toEqual([1]);
      expect(
        sampleValue(queries.samples, `${metricNames.httpRequestDuration}_count`, {
          route: '/boards/:boardId',
          status_code: '200',
        }),
      ).toBe(1);

      const identity = await scrape(system.urls.identity);
      expect(
        sampleValue(identity.samples, `${metricNames.httpRequestDuration}_count`, {
          method: 'POST',
          route: '/token',
        }),
      ).toBe(1);

      const projector = await scrape(health(ports.projectorHealth));
      expect(sampleValue(projector.samples, `${metricNames.taskCompletion}_count`)).toBe(1);
      expect(sampleValue(projector.samples, metricNames.deadLetters)).toBe(0);
      expect(sampleValue(projector.samples, metricNames.deadLetterQueue)).toBe(0);
      const forwarder = await scrape(health(ports.forwarderHealth));
      // Both caught up with the last write (the read above waited for the projector).
      await waitFor(
        async () =>
          sampleValue(
            (await scrape(health(ports.forwarderHealth))).samples,
            metricNames.forwarderLag,
          ) === 0 &&
          sampleValue(
            (await scrape(health(ports.projectorHealth))).samples,
            metricNames.projectorLag,
          ) === 0,
        { what: 'both lag gauges at 0' },
      );

      const everywhere = new Set(
        [commands, queries, identity, projector, forwarder].flatMap((s) => [...s.families]),
      );
      for (const name of Object.values(metricNames)) {
        expect(everywhere.has(name) || everywhere.has(name.replace(/_total$/, '')), name).toBe(
          true,
        );
      }
    });

    it('is ready everywhere, each app naming what it checked', async () => {
      const ready = async (url: string) => {
        const response = await fetch(`${url}/health/ready`);
        return { status: response.status, body: (await response.json()) as { checks: object } };
      };
      expect(await ready(system.urls.commands)).toMatchObject({
        status: 200,
        body: { checks: { eventStore: 'up' } },
      });
      expect(await ready(system.urls.queries)).toMatchObject({
        status: 200,
        body: { checks: { readStore: 'up', realtimeRedis: 'up' } },
      });
      expect(await ready(system.urls.identity)).toMatchObject({
        status: 200,
        body: { checks: { eventStore: 'up', identityStore: 'up' } },
      });
      expect(await ready(health(ports.forwarderHealth))).toMatchObject({
        status: 200,
        body: { checks: { lag: 'up', bus: 'up' } },
      });
      expect(await ready(health(ports.projectorHealth))).toMatchObject({
        status: 200,
        body: { checks: { lag: 'up', bus: 'up' } },
      });
    });

    it('logs JSON lines with correlation and user ids, and none of the secrets', () => {
      const json = output
        .map((line) => line.split('\t'))
        .filter(([, text]) => text!.startsWith('{'))
        .map(([app, text]) => ({ app, entry: JSON.parse(text!) as Record<string, unknown> }));
      const requests = json.filter(({ entry }) => entry.msg === 'request completed');
      const moves = requests.filter(
        ({ app, entry }) => app === 'commands' && entry.route === '/tasks/:taskId/move',
      );
      expect(moves).toHaveLength(1);
      expect(moves[0]!.entry).toMatchObject({ statusCode: 200, name: 'api-commands' });
      expect(typeof moves[0]!.entry.correlationId).toBe('string');
      expect(typeof moves[0]!.entry.userId).toBe('string');
      expect(requests.some(({ app }) => app === 'identity')).toBe(true);
      expect(requests.some(({ app }) => app === 'queries')).toBe(true);
      const all = output.join('\n');
      for (const [what, secret] of Object.entries({
        password,
        clientSecret,
        accessToken: tokens.access_token,
        realtimeSecret,
      })) {
        expect(all.includes(secret), `${what} appears in the logs`).toBe(false);
      }
    });
  },
);
