import { unavailable, waitFor } from '@taskomask/testkit';
import { startWebhookReceiver } from '@taskomask/testkit/webhook-receiver';
import { verifySignature } from '@taskomask/webhooks';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from './support/test-system';

// The system as `npm run start:distributed` runs it: each app its own process, Redis as the
// event store, RabbitMQ as the bus. Keys, exchange and queue are this run's own.
describe.skipIf(unavailable('redis') || unavailable('rabbitmq'))('distributed mode', () => {
  const output: string[] = [];
  let running: TestSystem | undefined;
  let system: TestSystem['system'];
  let token: string;

  beforeAll(async () => {
    running = await startTestSystem({
      name: 'distributed',
      user: {
        displayName: 'Katherine Johnson',
        email: 'kj@example.com',
        password: 'orbital-mechanics-62',
      },
      webhooks: true,
      onLine: (app, line) => output.push(`[${app}] ${line}`),
    });
    system = running.system;
    token = running.tokens.access_token;
  }, 120_000);

  afterAll(async () => {
    await running?.stop();
  });

  const call = async (base: string, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const command = (method: string, path: string, body?: unknown) =>
    call(system.urls.commands, method, path, body);

  it('runs each app as its own process', () => {
    const pids = system.apps.map((a) => a.child.pid);
    expect(system.apps.map((a) => a.name).sort()).toEqual(
      ['commands', 'forwarder', 'identity', 'projector', 'queries', 'webhooks'].sort(),
    );
    expect(new Set(pids).size).toBe(pids.length);
  });

  it('carries a flow of commands through Redis and RabbitMQ to the query side', async () => {
    const ws = (await command('POST', '/workspaces', { name: 'Langley' })).body.id as string;
    const project = (await command('POST', `/workspaces/${ws}/projects`, { name: 'Orbits' })).body
      .id as string;
    const board = (
      await command('POST', `/workspaces/${ws}/projects/${project}/boards`, {
        name: 'Friendship 7',
      })
    ).body.id as string;
    const todo = (await command('POST', `/boards/${board}/cards`, { name: 'To do', type: 'ToDo' }))
      .body.id as string;
    const done = (await command('POST', `/boards/${board}/cards`, { name: 'Done', type: 'Done' }))
      .body.id as string;
    const task = await command('POST', `/boards/${board}/tasks`, {
      cardId: todo,
      title: 'Check the trajectory',
    });
    expect(task.status).toBe(201);
    expect((await command('POST', `/tasks/${task.body.id}/move`, { toCardId: done })).status).toBe(
      200,
    );
    const comment = await command('POST', `/tasks/${task.body.id}/comments`, { text: 'Go' });
    expect(comment.status).toBe(201);

    const read = await call(
      system.urls.queries,
      'GET',
      `/boards/${board}?minPosition=${comment.body.position}`,
    );
    expect(read.status, output.join('\n')).toBe(200);
    expect(
      (read.body.cards as { name: string; tasks: { title: string }[] }[]).map((c) => [
        c.name,
        c.tasks.map((t) => t.title),
      ]),
    ).toEqual([
      ['To do', []],
      ['Done', ['Check the trajectory']],
    ]);
    const mine = await call(
      system.urls.queries,
      'GET',
      `/workspaces?minPosition=${comment.body.position}`,
    );
    expect(JSON.stringify(mine.body)).toContain('Langley');

    // A socket on the query side hears of the next change, sent by the projector's process.
    const socket = io(system.urls.queries, { auth: { token }, transports: ['websocket'] });
    try {
      const joined = await new Promise<{ ok: boolean }>((resolve) =>
        socket.emit('board:join', board, resolve),
      );
      expect(joined).toEqual({ ok: true });
      // Notices of earlier changes may still be on their way: wait for one at or past the rename.
      const notices: { boardId: string; position: number }[] = [];
      socket.on('board:changed', (n: { boardId: string; position: number }) => notices.push(n));
      const renamed = await command('PATCH', `/tasks/${task.body.id}`, { title: 'Check it twice' });
      const notice = await waitFor(
        () => notices.find((n) => n.position >= (renamed.body.position as number)),
        { timeoutMs: 10_000, what: 'a board:changed notice for the rename' },
      );
      expect(notice.boardId).toBe(board);
    } finally {
      socket.close();
    }
  });

  it('delivers a webhook from its own process, and the query side shows its log', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const ws = (await command('POST', '/workspaces', { name: 'Hooked Langley' })).body
        .id as string;
      const secret = `whsec_${'s'.repeat(32)}`;
      const hook = (
        await command('POST', `/workspaces/${ws}/webhooks`, {
          url: receiver.url('/distributed'),
          secret,
          eventKinds: ['ProjectAdded'],
        })
      ).body.id as string;
      await command('POST', `/workspaces/${ws}/projects`, { name: 'Mercury' });
      const [request] = await waitFor(
        () => (receiver.on('/distributed').length > 0 ? receiver.on('/distributed') : undefined),
        { timeoutMs: 20_000, what: 'a delivery from the webhooks process' },
      );
      expect(JSON.parse(request!.body)).toMatchObject({ type: 'ProjectAdded', workspaceId: ws });
      expect(
        verifySignature(
          secret,
          request!.body,
          String(request!.headers['x-taskomask-signature']),
          Date.now() / 1000,
        ),
      ).toBe(true);
      const log = await waitFor(
        async () => {
          const answer = await call(
            system.urls.queries,
            'GET',
            `/workspaces/${ws}/webhooks/${hook}/deliveries`,
          );
          const items = answer.body.items as { status: string }[] | undefined;
          return items?.[0]?.status === 'succeeded' ? items : undefined;
        },
        { timeoutMs: 20_000, what: 'the delivery logged as succeeded' },
      );
      expect(log).toHaveLength(1);
    } finally {
      await receiver.close();
    }
  });
});
