// The delivery process on its own, with real adapters (SQLite event store and webhook store,
// the in-process bus) and a real receiver: events are appended and published as the forwarder
// does. What the embedded and distributed suites do not reach: kinds a hook did not ask for,
// the hooks' own events (they hold secrets) never delivered, a URL change, a deleted hook, giving
// up after the retry window, the log kept bounded, and the address guard when not allowed.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore, NewEvent } from '@taskomask/eventstore';
import { sqliteEventStore } from '@taskomask/eventstore/sqlite';
import { eventMessage, type MessageBus } from '@taskomask/messaging';
import { inProcessBus } from '@taskomask/messaging/in-process';
import {
  DELIVERY_LOG_CAP,
  deliveryDocId,
  deliveryKeys,
  type WebhookDeliveryDoc,
  webhookStoreSchema,
} from '@taskomask/read-models';
import type { ReadStore, ReadStoreCatalog } from '@taskomask/readstore';
import { sqliteReadStoreCatalog } from '@taskomask/readstore/sqlite';
import { waitFor } from '@taskomask/testkit';
import { startWebhookReceiver, type WebhookReceiver } from '@taskomask/testkit/webhook-receiver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trimLog } from '../src/enqueue';
import { startWebhooks, type Webhooks } from '../src/webhooks';

const silent = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  debug: () => undefined,
} as never;
const meta = { userId: 'alice', correlationId: 'c', causationId: 'c' };
const ev = (type: string, data: object): NewEvent => ({ type, data, metadata: meta });

describe('the webhook process with real adapters', () => {
  let dir: string;
  let eventStore: EventStore;
  let bus: MessageBus;
  let catalog: ReadStoreCatalog;
  let store: ReadStore;
  let receiver: WebhookReceiver;
  let webhooks: Webhooks;
  const ws = randomUUID();
  const board = randomUUID();
  const versions = new Map<string, number>();

  /** Appends to a stream and publishes what was appended, as the forwarder would. */
  const append = async (stream: string, ...events: NewEvent[]) => {
    const version = versions.get(stream) ?? 0;
    await eventStore.appendToStream(stream, events, {
      expectedVersion: version === 0 ? 'no_stream' : version,
    });
    versions.set(stream, version + events.length);
    const recorded = await eventStore.readStream(stream, { fromVersion: version + 1 });
    await bus.publish(recorded.map(eventMessage));
  };
  const addHook = async (webhookId: string, path: string, eventKinds: string[]) =>
    append(
      `webhooks-${ws}`,
      ev('WebhookCreated', {
        workspaceId: ws,
        webhookId,
        url: receiver.url(path),
        secret: `whsec_${webhookId}`,
        eventKinds,
        createdBy: 'alice',
      }),
    );
  const task = (title: string, type = 'TaskCreated') => {
    const taskId = randomUUID();
    return append(`task-${taskId}`, ev(type, { taskId, boardId: board, cardId: 'c', title }));
  };
  const logOf = async (webhookId: string) =>
    (await store.find<WebhookDeliveryDoc>('deliveries', { webhookId })).map((d) => d.value);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'taskomask-webhooks-'));
    eventStore = sqliteEventStore({ path: join(dir, 'events.db') });
    bus = inProcessBus();
    catalog = sqliteReadStoreCatalog({
      path: join(dir, 'webhooks.db'),
      schema: webhookStoreSchema,
    });
    store = await catalog.open(await catalog.current());
    receiver = await startWebhookReceiver();
    webhooks = await startWebhooks({
      bus,
      eventStore,
      store,
      logger: silent,
      pollMs: 20,
      limits: { allowPrivate: true, timeoutMs: 500 },
      retry: { baseMs: 10, maxMs: 20, windowMs: 150 },
    });
    await append(
      `workspace-${ws}`,
      ev('WorkspaceCreated', { workspaceId: ws, name: 'W', description: '', ownerId: 'alice' }),
    );
    await append(
      `board-${board}`,
      ev('BoardCreated', {
        boardId: board,
        workspaceId: ws,
        projectId: 'p',
        name: 'B',
        description: '',
      }),
    );
  });

  afterAll(async () => {
    await webhooks?.stop();
    await receiver?.close();
    await bus?.close();
    await catalog?.close();
    await eventStore?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends only the kinds a hook asked for, never the hooks’ own events, and follows a URL change', async () => {
    const hook = randomUUID();
    await addHook(hook, '/kinds', ['TaskRenamed']);
    await task('not asked for'); // TaskCreated
    await task('asked for', 'TaskRenamed');
    await waitFor(() => receiver.on('/kinds').length === 1, { what: 'one delivery on /kinds' });
    expect(JSON.parse(receiver.on('/kinds')[0]!.body).type).toBe('TaskRenamed');
    await append(
      `webhooks-${ws}`,
      ev('WebhookUpdated', {
        workspaceId: ws,
        webhookId: hook,
        url: receiver.url('/moved-here'),
        eventKinds: ['TaskRenamed', 'TaskCreated'],
      }),
    );
    await task('after the change');
    await waitFor(() => receiver.on('/moved-here').length === 1, { what: 'the new URL used' });
    expect(receiver.on('/kinds')).toHaveLength(1);
    // No request anywhere ever carried a hook event (their data holds the secret).
    expect(receiver.received.some((r) => r.body.includes('whsec_'))).toBe(false);
  });

  it('stops delivering to a deleted hook and drops its log', async () => {
    const hook = randomUUID();
    await addHook(hook, '/deleted', ['TaskCreated']);
    await task('before delete');
    await waitFor(() => receiver.on('/deleted').length === 1, { what: 'a delivery on /deleted' });
    await append(`webhooks-${ws}`, ev('WebhookDeleted', { workspaceId: ws, webhookId: hook }));
    await waitFor(async () => (await store.get('webhooks', hook)) === undefined, {
      what: 'the hook gone from the store',
    });
    await task('after delete');
    const probe = randomUUID();
    await addHook(probe, '/probe', ['TaskCreated']);
    await task('seen by the probe');
    await waitFor(() => receiver.on('/probe').length === 1, { what: 'the probe delivery' });
    expect(receiver.on('/deleted')).toHaveLength(1);
    expect(await logOf(hook)).toEqual([]);
    await append(`webhooks-${ws}`, ev('WebhookDeleted', { workspaceId: ws, webhookId: probe }));
  });

  it('gives up once the retry window is over (failed), and the board queue moves on', async () => {
    const hook = randomUUID();
    await addHook(hook, '/down', ['TaskDescribed']);
    receiver.answer('/down', () => ({ status: 503 }));
    await task('never taken', 'TaskDescribed');
    const [failed] = await waitFor(async () => {
      const log = await logOf(hook);
      return log[0]?.status === 'failed' ? log : undefined;
    });
    expect(failed!.attempts).toBeGreaterThan(1);
    expect(failed!.responseStatus).toBe(503);
    expect(failed!.nextAttemptAt).toBeNull();
    console.log(`a delivery failing for a 150 ms window was tried ${failed!.attempts} times`);
    receiver.answer('/down', () => ({ status: 200 }));
    await task('next in line', 'TaskDescribed');
    await waitFor(async () => (await logOf(hook)).some((d) => d.status === 'succeeded'), {
      what: 'the next delivery of the board sent',
    });
  });

  it('refuses a loopback receiver when private addresses are not allowed', async () => {
    await webhooks.stop();
    webhooks = await startWebhooks({
      bus,
      eventStore,
      store,
      logger: silent,
      pollMs: 20,
      limits: { allowPrivate: false, timeoutMs: 500 },
      retry: { baseMs: 10, maxMs: 20, windowMs: 100 },
    });
    const hook = randomUUID();
    await addHook(hook, '/private', ['TaskCreated']);
    await task('to loopback');
    const [entry] = await waitFor(async () => {
      const log = await logOf(hook);
      return log[0]?.status === 'failed' ? log : undefined;
    });
    expect(entry!.error).toContain('private, loopback or link-local');
    expect(receiver.on('/private')).toEqual([]);
  });

  it('keeps the newest finished deliveries of a hook up to the cap, and every open one', async () => {
    const hook = randomUUID();
    const doc = (i: number, status: WebhookDeliveryDoc['status']): WebhookDeliveryDoc => ({
      deliveryId: `${i}`.padStart(32, '0'),
      webhookId: hook,
      workspaceId: ws,
      queue: `${hook}:x`,
      boardId: null,
      eventType: 'TaskCreated',
      eventPosition: 1_000_000 + i,
      body: '{}',
      status,
      attempts: 1,
      responseStatus: 200,
      durationMs: 1,
      error: null,
      createdAt: new Date(0).toISOString(),
      firstAttemptAt: null,
      lastAttemptAt: null,
      nextAttemptAt: status === 'retrying' ? new Date(8.64e15).toISOString() : null,
      redelivery: false,
    });
    const docs = [
      ...Array.from({ length: DELIVERY_LOG_CAP + 20 }, (_, i) => doc(i, 'succeeded')),
      doc(DELIVERY_LOG_CAP + 20, 'retrying'),
    ];
    await store.commit({
      puts: docs.map((value) => ({
        collection: 'deliveries',
        id: deliveryDocId(value.eventPosition, hook),
        position: 0,
        value,
        keys: deliveryKeys(value),
      })),
      deletes: [],
      streams: [],
      position: 0,
    });
    expect(await trimLog(store, hook)).toBe(20);
    const kept = await logOf(hook);
    expect(kept).toHaveLength(DELIVERY_LOG_CAP + 1);
    expect(kept[0]!.eventPosition).toBe(1_000_020); // the oldest 20 went
    expect(kept.filter((d) => d.status === 'retrying')).toHaveLength(1);
  });
});
