// Webhooks over the real embedded pipeline: the command API appends, the forwarder publishes to
// the in-process bus, the webhook consumer queues deliveries in its SQLite store and its sender
// posts them to a real receiver (node:http on 127.0.0.1; private addresses allowed, as tests
// must). Retry waits and the timeout are shortened here (20–100 ms, 500 ms) so the tests run fast.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { join } from 'node:path';
import { type WebhookDeliveryDoc, webhookStoreSchema } from '@taskomask/read-models';
import type { ReadStore, ReadStoreCatalog } from '@taskomask/readstore';
import { sqliteReadStoreCatalog } from '@taskomask/readstore/sqlite';
import { waitFor } from '@taskomask/testkit';
import { startWebhookReceiver, type WebhookReceiver } from '@taskomask/testkit/webhook-receiver';
import { startWebhooks, verifySignature, type Webhooks } from '@taskomask/webhooks';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUsers, type Pipeline, usePipeline } from './support/pipeline';

const settings = {
  pollMs: 20,
  limits: { allowPrivate: true, timeoutMs: 500 },
  retry: { baseMs: 20, maxMs: 100, windowMs: 60_000 },
};

type World = { ws: string; project: string; boards: string[]; cards: string[] };

/** The README's receiver snippet, as a receiver would write it: no TaskoMask code. */
function readmeVerify(secret: string, rawBody: string, header: string): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=')));
  const expected = createHmac('sha256', secret).update(`${parts.t}.${rawBody}`).digest();
  const given = Buffer.from(parts.v1 ?? '', 'hex');
  const fresh = Math.abs(Date.now() / 1000 - Number(parts.t)) <= 300;
  return fresh && given.length === expected.length && timingSafeEqual(given, expected);
}

function useWebhooks(p: () => Pipeline) {
  let catalog: ReadStoreCatalog;
  let store: ReadStore;
  let webhooks: Webhooks | undefined;
  let receiver: WebhookReceiver;
  const start = async () => {
    webhooks = await startWebhooks({
      bus: p().bus,
      eventStore: p().eventStore,
      store,
      logger: silent,
      ...settings,
    });
    return webhooks;
  };
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    catalog = sqliteReadStoreCatalog({
      path: join(p().dir, 'webhooks.db'),
      schema: webhookStoreSchema,
    });
    store = await catalog.open(await catalog.current());
    await start();
  });
  afterAll(async () => {
    await webhooks?.stop();
    await receiver.close();
    await catalog.close();
  });
  let queries: FastifyInstance | undefined;
  return {
    /** A query API that reads this webhook store too (the pipeline's own has none). */
    query: async (url: string, as: string) => {
      queries ??= await p().queryApi({ webhookStore: store });
      return p().send(queries, url, { as });
    },
    receiver: () => receiver,
    store: () => store,
    webhooks: () => webhooks!,
    restart: start,
  };
}

const silent = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  debug: () => undefined,
} as never;

async function team(p: Pipeline, users: ReturnType<typeof newUsers>): Promise<World> {
  const { alice, adam, mia } = users;
  const ws = (await p.command('POST', '/workspaces', alice, { name: 'Hooked team' })).id;
  await p.command('POST', `/workspaces/${ws}/members`, alice, { ownerId: adam, role: 'admin' });
  await p.command('POST', `/workspaces/${ws}/members`, alice, { ownerId: mia, role: 'member' });
  const { id: project } = await p.command('POST', `/workspaces/${ws}/projects`, alice, {
    name: 'Web',
  });
  const boards: string[] = [];
  const cards: string[] = [];
  for (const name of ['North', 'South']) {
    const board = (
      await p.command('POST', `/workspaces/${ws}/projects/${project}/boards`, alice, { name })
    ).id;
    boards.push(board);
    cards.push(
      (await p.command('POST', `/boards/${board}/cards`, alice, { name: 'To do', type: 'ToDo' }))
        .id,
    );
  }
  return { ws, project, boards, cards };
}

const secretOf = () => `whsec_${randomBytes(24).toString('hex')}`;

describe('webhooks, embedded', () => {
  const p = usePipeline();
  const hooks = useWebhooks(p);
  const users = newUsers();
  const { alice, adam, mia, bob } = users;
  let w: World;

  beforeAll(async () => {
    w = await team(p(), users);
  });

  const addHook = async (as: string, path: string, eventKinds: string[]) => {
    const secret = secretOf();
    const { id } = await p().command('POST', `/workspaces/${w.ws}/webhooks`, as, {
      url: hooks.receiver().url(path),
      secret,
      eventKinds,
    });
    return { id, secret };
  };
  const createTask = (board: number, title: string) =>
    p().command('POST', `/boards/${w.boards[board]}/tasks`, alice, {
      cardId: w.cards[board],
      title,
    });
  const log = async (webhookId: string) => {
    const answer = await hooks.query(`/workspaces/${w.ws}/webhooks/${webhookId}/deliveries`, alice);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body.items as (WebhookDeliveryDoc & { deliveryId: string })[];
  };

  it('delivers a subscribed event, signed so the receiver verifies it, and logs it', async () => {
    const hook = await addHook(alice, '/ok', ['TaskCreated']);
    const task = await createTask(0, 'Signed delivery');
    const [request] = await waitFor(
      () => (hooks.receiver().on('/ok').length > 0 ? hooks.receiver().on('/ok') : undefined),
      {
        what: 'a delivery on /ok',
      },
    );
    const body = JSON.parse(request!.body);
    expect(body).toMatchObject({
      type: 'TaskCreated',
      workspaceId: w.ws,
      boardId: w.boards[0],
      actorId: alice,
      stream: `task-${task.id}`,
      data: { title: 'Signed delivery' },
    });
    expect(request!.headers['x-taskomask-delivery']).toBe(body.deliveryId);
    expect(request!.headers['x-taskomask-event']).toBe('TaskCreated');
    const signature = String(request!.headers['x-taskomask-signature']);
    expect(readmeVerify(hook.secret, request!.body, signature)).toBe(true);
    expect(verifySignature(hook.secret, request!.body, signature, Date.now() / 1000)).toBe(true);
    expect(readmeVerify(secretOf(), request!.body, signature)).toBe(false);

    const entries = await waitFor(async () => {
      const items = await log(hook.id);
      return items[0]?.status === 'succeeded' ? items : undefined;
    });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      deliveryId: body.deliveryId,
      eventType: 'TaskCreated',
      attempts: 1,
      responseStatus: 200,
      nextAttemptAt: null,
    });
    expect(entries[0]!.durationMs).toBeGreaterThanOrEqual(0);

    // The list masks the secret; the answer holds it nowhere.
    const list = await hooks.query(`/workspaces/${w.ws}/webhooks`, adam);
    expect(list.status).toBe(200);
    expect(list.body.items).toContainEqual(
      expect.objectContaining({
        webhookId: hook.id,
        url: hooks.receiver().url('/ok'),
        eventKinds: ['TaskCreated'],
        secretHint: `••••${hook.secret.slice(-4)}`,
      }),
    );
    expect(JSON.stringify(list.body)).not.toContain(hook.secret);
    // Nor does the workspace's event history export (webhooks-<id> is not one of its streams).
    const history = await p().commands.inject({
      method: 'GET',
      url: `/workspaces/${w.ws}/events.ndjson`,
      headers: { authorization: `Bearer ${await p().token(alice)}` },
    });
    expect(history.statusCode).toBe(200);
    expect(history.body).toContain('TaskCreated');
    expect(history.body).not.toContain(hook.secret);

    // Redeliver: the same delivery id, sent again, logged as a redelivery.
    await p().command(
      'POST',
      `/workspaces/${w.ws}/webhooks/${hook.id}/deliveries/${body.deliveryId}/redeliver`,
      adam,
    );
    const again = await waitFor(() => hooks.receiver().on('/ok')[1], { what: 'a redelivery' });
    expect(again.headers['x-taskomask-delivery']).toBe(body.deliveryId);
    expect(again.body).toBe(request!.body);
    const after = await waitFor(async () => {
      const items = await log(hook.id);
      return items.length === 2 && items[0]!.status === 'succeeded' ? items : undefined;
    });
    expect(after[0]).toMatchObject({ redelivery: true, deliveryId: body.deliveryId });
  });

  it('keeps each board’s order while boards are written at once and the receiver is slow', async () => {
    await addHook(alice, '/order', ['TaskCreated']);
    hooks.receiver().answer('/order', (n) => ({ status: 200, delayMs: (n * 7) % 23 }));
    const perBoard = 12;
    await Promise.all(
      [0, 1].map(async (board) => {
        for (let i = 0; i < perBoard; i++) await createTask(board, `Order ${board}-${i}`);
      }),
    );
    await waitFor(() => hooks.receiver().on('/order').length >= 2 * perBoard, {
      what: `${2 * perBoard} deliveries on /order`,
      timeoutMs: 20_000,
    });
    const bodies = hooks
      .receiver()
      .on('/order')
      .map((r) => JSON.parse(r.body));
    for (const board of w.boards) {
      const positions = bodies.filter((b) => b.boardId === board).map((b) => b.position);
      expect(positions).toHaveLength(perBoard);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
    }
  });

  it('retries after 500s with the same delivery id until the receiver takes it', async () => {
    const hook = await addHook(alice, '/flaky', ['TaskRenamed']);
    hooks.receiver().answer('/flaky', (n) => ({ status: n < 2 ? 500 : 204 }));
    const task = await createTask(1, 'Flaky');
    await p().command('PATCH', `/tasks/${task.id}`, alice, { title: 'Flaky, renamed' });
    const requests = await waitFor(
      () => (hooks.receiver().on('/flaky').length >= 3 ? hooks.receiver().on('/flaky') : undefined),
      { what: 'three attempts on /flaky' },
    );
    expect(new Set(requests.map((r) => r.headers['x-taskomask-delivery'])).size).toBe(1);
    const [entry] = await waitFor(async () => {
      const items = await log(hook.id);
      return items[0]?.status === 'succeeded' ? items : undefined;
    });
    expect(entry).toMatchObject({ attempts: 3, responseStatus: 204 });
  });

  it('does not follow a redirect and keeps retrying it as a failure', async () => {
    const hook = await addHook(alice, '/moved', ['CommentAdded']);
    hooks
      .receiver()
      .answer('/moved', () => ({ status: 301, location: hooks.receiver().url('/elsewhere') }));
    const task = await createTask(0, 'Redirected');
    await p().command('POST', `/tasks/${task.id}/comments`, alice, { text: 'hello' });
    const [entry] = await waitFor(async () => {
      const items = await log(hook.id);
      return items[0] && items[0].attempts >= 2 ? items : undefined;
    });
    expect(entry).toMatchObject({ status: 'retrying', responseStatus: 301 });
    expect(entry!.error).toContain('redirect');
    expect(entry!.nextAttemptAt).not.toBeNull();
    expect(hooks.receiver().on('/elsewhere')).toEqual([]);
    await p().command('DELETE', `/workspaces/${w.ws}/webhooks/${hook.id}`, alice);
  });

  it('times out a receiver that does not answer', async () => {
    const hook = await addHook(alice, '/hang', ['TaskLabelAdded']);
    hooks.receiver().answer('/hang', () => 'hang');
    const task = await createTask(1, 'Hanging');
    await p().command('POST', `/tasks/${task.id}/labels`, alice, { label: 'slow' });
    const [entry] = await waitFor(async () => {
      const items = await log(hook.id);
      return items[0]?.error ? items : undefined;
    });
    expect(entry).toMatchObject({ status: 'retrying', responseStatus: null });
    expect(entry!.error).toBe('no answer within 500 ms');
    await p().command('DELETE', `/workspaces/${w.ws}/webhooks/${hook.id}`, alice);
  });

  it('delivers nothing once the hook’s creator left the workspace', async () => {
    const hook = await addHook(adam, '/adams', ['TaskCreated']);
    await p().command('DELETE', `/workspaces/${w.ws}/members/${adam}`, alice);
    await createTask(0, 'After Adam left');
    const [entry] = await waitFor(async () => {
      const items = await log(hook.id);
      return items[0]?.status === 'skipped' ? items : undefined;
    });
    expect(entry!.error).toContain('no longer an owner or admin');
    expect(hooks.receiver().on('/adams')).toEqual([]);
  });

  it('lets only owners and admins see hooks (404 otherwise) and names a bad field', async () => {
    for (const as of [mia, bob]) {
      const list = await hooks.query(`/workspaces/${w.ws}/webhooks`, as);
      expect(list.status).toBe(404);
      expect(list.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    const bad = await hooks.query('/workspaces/not-a-uuid/webhooks', alice);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['workspaceId']);
    const unknownHook = '00000000-0000-4000-8000-000000000000';
    const noHook = await hooks.query(
      `/workspaces/${w.ws}/webhooks/${unknownHook}/deliveries`,
      alice,
    );
    expect(noHook.status).toBe(404);
    expect(noHook.body.detail).toBe(`webhook ${unknownHook} not found`);
    const head = await p().eventStore.headPosition();
    const posted = await p().commands.inject({
      method: 'POST',
      url: `/workspaces/${w.ws}/webhooks`,
      headers: { authorization: `Bearer ${await p().token(alice)}` },
      payload: { url: 'ftp://example.com/x', secret: secretOf(), eventKinds: ['Nope'] },
    });
    expect(posted.statusCode).toBe(400);
    expect(posted.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = JSON.parse(posted.body);
    expect(JSON.stringify(problem)).toContain('url');
    expect(JSON.stringify(problem)).toContain('must use http or https');
    expect(JSON.stringify(problem)).toContain('eventKinds');
    const member = await p().commands.inject({
      method: 'POST',
      url: `/workspaces/${w.ws}/webhooks`,
      headers: { authorization: `Bearer ${await p().token(mia)}` },
      payload: { url: 'https://example.com/x', secret: secretOf(), eventKinds: ['TaskCreated'] },
    });
    expect(member.statusCode).toBe(403);
    expect(await p().eventStore.headPosition()).toBe(head);
  });
});

describe('webhooks, embedded: a crash mid-way', () => {
  const p = usePipeline();
  const hooks = useWebhooks(p);
  const users = newUsers();

  it('makes every delivery at least once after the consumer dies and starts again', async () => {
    const w = await team(p(), users);
    await p().command('POST', `/workspaces/${w.ws}/webhooks`, users.alice, {
      url: hooks.receiver().url('/crash'),
      secret: secretOf(),
      eventKinds: ['TaskCreated'],
    });
    hooks.receiver().answer('/crash', () => ({ status: 200, delayMs: 15 }));
    const tasks: string[] = [];
    const writes = (async () => {
      for (let i = 0; i < 30; i++) {
        const { id } = await p().command('POST', `/boards/${w.boards[i % 2]}/tasks`, users.alice, {
          cardId: w.cards[i % 2],
          title: `Crash ${i}`,
        });
        tasks.push(id);
      }
    })();
    await waitFor(() => hooks.receiver().on('/crash').length >= 3, { what: 'some deliveries' });
    await hooks.webhooks().abandon(); // as a crash: unacked messages go back to the queue
    const atCrash = hooks.receiver().on('/crash').length;
    await writes;
    await hooks.restart();
    await waitFor(
      () => {
        const got = new Set(
          hooks
            .receiver()
            .on('/crash')
            .map((r) => JSON.parse(r.body).stream),
        );
        return tasks.every((t) => got.has(`task-${t}`));
      },
      { what: 'every task delivered', timeoutMs: 20_000 },
    );
    const all = hooks.receiver().on('/crash');
    console.log(
      `crash test: ${atCrash} deliveries before the crash, ${all.length} in all for ${tasks.length} events`,
    );
    // The last answers are still being recorded: every delivery ends succeeded, none open.
    const done = await waitFor(async () => {
      const docs = await hooks.store().all<WebhookDeliveryDoc>('deliveries');
      return docs.every((d) => d.value.status === 'succeeded') ? docs : undefined;
    });
    expect(done).toHaveLength(tasks.length);
  });
});
