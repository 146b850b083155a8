import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordedEvent } from '@taskomask/domain';
import { sqliteEventStore } from '@taskomask/eventstore/sqlite';
import { startForwarder } from '@taskomask/forwarder';
import { type HealthServer, serveHealth } from '@taskomask/health';
import { eventMessage } from '@taskomask/messaging';
import { inProcessBus } from '@taskomask/messaging/in-process';
import {
  createRegistry,
  metricNames,
  parsePrometheusText,
  sampleValue,
} from '@taskomask/observability';
import { type Projector, projectorChecks, startProjector } from '@taskomask/projector';
import { readSchema, recordingNotifier } from '@taskomask/read-models';
import { generateHistory } from '@taskomask/read-models/testing';
import { sqliteReadStoreCatalog } from '@taskomask/readstore/sqlite';
import { waitFor } from '@taskomask/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The projector's metrics and readiness over real SQLite stores and the in-process bus.
describe('projector metrics and readiness', () => {
  const dir = mkdtempSync(join(tmpdir(), 'taskomask-projector-obs-'));
  const eventStore = sqliteEventStore({ path: join(dir, 'events.db') });
  const bus = inProcessBus();
  const catalog = sqliteReadStoreCatalog({ path: join(dir, 'read.db'), schema: readSchema });
  const registry = createRegistry({ defaultMetrics: false });
  const queue = 'projector-obs';
  const maxLagEvents = 10;
  let projector: Projector;
  let forwarder: ReturnType<typeof startForwarder>;
  let health: HealthServer;

  const start = () =>
    startProjector({
      bus,
      eventStore,
      catalog,
      queue,
      notifier: recordingNotifier(),
      metrics: registry,
      maxDeliveries: 2,
      onError: () => {},
    });
  const value = async (name: string) =>
    sampleValue(parsePrometheusText(await registry.metrics()).samples, name);
  const caughtUp = async () => {
    const head = await eventStore.headPosition();
    await waitFor(async () => (await projector.readStore().position()) >= head, {
      what: `read store at ${head}`,
    });
  };
  const ready = async () => {
    const response = await fetch(`http://127.0.0.1:${health.port}/health/ready`);
    return { status: response.status, body: await response.json() };
  };

  beforeAll(async () => {
    projector = await start();
    forwarder = startForwarder({ store: eventStore, bus });
    health = await serveHealth({
      port: 0,
      host: '127.0.0.1',
      // The checks follow whichever projector runs now (the test restarts it).
      checks: projectorChecks({
        projector: { lag: () => projector.lag() },
        bus,
        queue,
        maxLagEvents,
      }),
      metrics: registry,
    });
  });

  afterAll(async () => {
    await health.close();
    await forwarder.stop();
    await projector.stop();
    await bus.close();
    await catalog.close();
    await eventStore.close();
    rmSync(dir, { recursive: true, force: true });
  });

  let history: RecordedEvent[] = [];

  it('times each task that reaches a Done card once, redeliveries included', async () => {
    for (const append of generateHistory({ seed: 11, tasksPerBoard: 12, edits: 300 })) {
      await eventStore.appendToStreams([append]);
    }
    await caughtUp();
    history = await eventStore.readAll({ fromPosition: 1, limit: 100_000 });
    // From the events alone: moves from a card that is not Done to a Done card (the generator
    // names each card after its type).
    const moves = history.filter((e) => {
      const data = e.data as { fromCardName?: string; toCardName?: string };
      return e.type === 'TaskMoved' && data.toCardName === 'Done' && data.fromCardName !== 'Done';
    });
    expect(moves.length).toBeGreaterThan(3);
    expect(await value(`${metricNames.taskCompletion}_count`)).toBe(moves.length);
    const created = new Map(
      history
        .filter((e) => e.type === 'TaskCreated')
        .map((e) => {
          const data = e.data as { taskId: string; createdAt: string };
          return [data.taskId, Date.parse(data.createdAt)];
        }),
    );
    const expectedSum = moves.reduce(
      (sum, e) =>
        sum +
        (Date.parse(e.occurredAt) - created.get((e.data as { taskId: string }).taskId)!) / 1000,
      0,
    );
    expect(await value(`${metricNames.taskCompletion}_sum`)).toBeCloseTo(expectedSum, 3);

    // Every event delivered again: applied zero times, timed zero times.
    await bus.publish(history.map(eventMessage));
    await waitFor(async () => (await bus.stats(queue)).ready === 0, { what: 'redeliveries' });
    await projector.stop();
    projector = await start();
    expect(await value(`${metricNames.taskCompletion}_count`)).toBe(moves.length);
  });

  it('counts a dead-lettered message and reports the dead-letter queue depth', async () => {
    expect(await value(metricNames.deadLetters)).toBe(0);
    await bus.publish([{ messageId: 'not-an-event', routingKey: 'task.Nonsense', body: { x: 1 } }]);
    await waitFor(async () => (await bus.stats(queue)).deadLettered === 1, {
      what: 'the dead letter',
    });
    await waitFor(async () => (await value(metricNames.deadLetters)) === 1, {
      what: 'the dead-letter counter',
    });
    expect(await value(metricNames.deadLetterQueue)).toBe(1);
  });

  it('is not ready while more than PROJECTOR_MAX_LAG_EVENTS behind, and ready once caught up', async () => {
    await caughtUp();
    expect(await ready()).toEqual({
      status: 200,
      body: { status: 'ok', checks: { lag: 'up', bus: 'up' } },
    });
    expect(await value(metricNames.projectorLag)).toBe(0);

    // Consumption stops; the log grows past the bound.
    await projector.stop();
    let appended = 0;
    for (const append of generateHistory({
      seed: 12,
      workspaces: 1,
      boardsPerWorkspace: 1,
      tasksPerBoard: 8,
      edits: 0,
    })) {
      appended +=
        (await eventStore.appendToStreams([append])).length > 0 ? append.events.length : 0;
    }
    expect(appended).toBeGreaterThan(maxLagEvents);
    expect(await projector.lag()).toBe(appended);
    expect(await value(metricNames.projectorLag)).toBe(appended);
    expect(await ready()).toEqual({
      status: 503,
      body: { status: 'unavailable', checks: { lag: 'down', bus: 'up' } },
    });

    // Back: the startup catch-up and the queue bring it to the head.
    projector = await start();
    await caughtUp();
    expect(await ready()).toEqual({
      status: 200,
      body: { status: 'ok', checks: { lag: 'up', bus: 'up' } },
    });
    expect(await value(metricNames.projectorLag)).toBe(0);
    const scrape = await (await fetch(`http://127.0.0.1:${health.port}/metrics`)).text();
    expect(scrape).toContain(`${metricNames.projectorLag} 0`);
    expect(scrape).toContain(`${metricNames.deadLetters} 1`);
  });
});
