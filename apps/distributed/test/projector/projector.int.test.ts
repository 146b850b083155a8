import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BoardView, boardView, taskDetails } from '@taskomask/domain';
import { sqliteEventStore } from '@taskomask/eventstore/sqlite';
import { startForwarder } from '@taskomask/forwarder';
import { eventMessage } from '@taskomask/messaging';
import { inProcessBus } from '@taskomask/messaging/in-process';
import { type Projector, startProjector } from '@taskomask/projector';
import {
  type ActivityDoc,
  activityDocId,
  applyBatch,
  membershipId,
  projectEvent,
  readSchema,
  rebuildReadModels,
  recordingNotifier,
  type TaskDoc,
} from '@taskomask/read-models';
import { generateHistory, snapshot } from '@taskomask/read-models/testing';
import { sqliteReadStoreCatalog } from '@taskomask/readstore/sqlite';
import { waitFor } from '@taskomask/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('projector (embedded adapters)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'taskomask-projector-'));
  const eventStore = sqliteEventStore({ path: join(dir, 'events.db') });
  const bus = inProcessBus();
  const catalog = sqliteReadStoreCatalog({ path: join(dir, 'read.db'), schema: readSchema });
  const notifier = recordingNotifier();
  let duplicates = 0;
  let projector: Projector;
  let forwarder: ReturnType<typeof startForwarder>;

  const caughtUp = async () => {
    const head = await eventStore.headPosition();
    await waitFor(async () => (await projector.readStore().position()) >= head, {
      what: `read store at position ${head}`,
    });
  };

  beforeAll(async () => {
    projector = await startProjector({
      bus,
      eventStore,
      catalog,
      notifier,
      switchCheckMs: 0,
      onBatch: (r) => {
        duplicates += r.duplicates;
      },
    });
    forwarder = startForwarder({ store: eventStore, bus });
    for (const append of generateHistory({ seed: 7, tasksPerBoard: 25, edits: 400 })) {
      await eventStore.appendToStreams([append]);
    }
    await caughtUp();
  });

  afterAll(async () => {
    await forwarder.stop();
    await projector.stop();
    await bus.close();
    await catalog.close();
    await eventStore.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps each board view equal to folding its events in memory', async () => {
    const events = await eventStore.readAll({ fromPosition: 1, limit: 100_000 });
    const boards = await projector.readStore().all<BoardView>('boards');
    expect(boards).toHaveLength(4);
    for (const doc of boards) {
      expect(doc.value).toEqual(boardView(doc.id, events));
      expect(doc.value.cards).toHaveLength(4);
      expect(doc.value.cards.flatMap((c) => c.tasks)).toHaveLength(25);
    }
    const [task] = await projector.readStore().all<TaskDoc>('tasks');
    const { activity, ...details } = task!.value;
    expect(details).toEqual(taskDetails(task!.id, events));
    expect(activity.length).toBeGreaterThan(0);
  });

  it('keeps memberships, finds tasks by assignee and lists activity newest first', async () => {
    const store = projector.readStore();
    const [workspace] = await store.all<{ workspaceId: string; members: { ownerId: string }[] }>(
      'workspaces',
    );
    const owner = workspace!.value.members[0]!.ownerId;
    const memberships = await store.find('memberships', { ownerId: owner });
    expect(memberships.map((m) => m.id)).toEqual([membershipId(workspace!.id, owner)]);
    expect(memberships[0]!.value).toMatchObject({ role: 'owner' });

    const [anyTask] = await store.all<TaskDoc>('tasks');
    const byAssignee = anyTask!.value.assigneeId
      ? await store.find<TaskDoc>('tasks', { assigneeId: anyTask!.value.assigneeId })
      : [];
    for (const t of byAssignee) expect(t.value.assigneeId).toBe(anyTask!.value.assigneeId);
    // A task's history is complete; a board's keeps its latest lines; both newest first.
    const history = anyTask!.value.activity.map((a) => a.globalPosition);
    expect(history.length).toBeGreaterThan(0);
    expect(history).toEqual([...history].sort((a, b) => b - a));
    const boardActivity = await store.get<ActivityDoc>(
      'activity',
      activityDocId('board', anyTask!.value.boardId),
    );
    const positions = boardActivity!.value.entries.map((a) => a.globalPosition);
    expect(positions.length).toBeGreaterThan(history.length);
    expect(positions).toEqual([...positions].sort((a, b) => b - a));
  });

  it('tells the notifier which boards changed, with their positions', () => {
    expect(notifier.notices.length).toBeGreaterThan(0);
    const last = notifier.notices.at(-1)!;
    expect(last.position).toBeGreaterThan(0);
    expect(last.boardId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('ignores redelivered events', async () => {
    const before = await snapshot(projector.readStore());
    const events = await eventStore.readAll({ fromPosition: 1, limit: 300 });
    duplicates = 0;
    await bus.publish(events.map(eventMessage));
    await waitFor(() => duplicates >= events.length, { what: 'duplicates seen' });
    expect(await snapshot(projector.readStore())).toEqual(before);
  });

  it('sends a poison message to the dead-letter queue and goes on', async () => {
    await bus.publish([{ messageId: 'poison-1', routingKey: 'board.Nonsense', body: { no: 1 } }]);
    const next = generateHistory({
      seed: 99,
      workspaces: 1,
      boardsPerWorkspace: 1,
      tasksPerBoard: 3,
      edits: 5,
    });
    for (const append of next) await eventStore.appendToStreams([append]);
    await caughtUp();
    const dead = await waitFor(async () => {
      const letters = await bus.deadLetters('projector');
      return letters.length > 0 ? letters : undefined;
    });
    expect(dead.map((d) => d.messageId)).toEqual(['poison-1']);
  });

  it('rebuilds into a fresh generation equal to the live one, and the projector follows it', async () => {
    const live = await snapshot(projector.readStore());
    const previous = await catalog.current();
    const result = await rebuildReadModels({ eventStore, catalog });
    expect(result.events).toBe(await eventStore.headPosition());
    expect(await catalog.current()).toBe(result.generation);
    const rebuilt = await catalog.open(result.generation);
    expect(await snapshot(rebuilt)).toEqual(live);
    // New events land in the new generation once the projector noticed the switch.
    for (const append of generateHistory({
      seed: 123,
      workspaces: 1,
      boardsPerWorkspace: 1,
      tasksPerBoard: 2,
      edits: 0,
    })) {
      await eventStore.appendToStreams([append]);
    }
    await caughtUp();
    expect(await rebuilt.position()).toBe(await eventStore.headPosition());
    expect(result.previous).toBe(previous);
  });
});

describe('applyBatch', () => {
  it('fills a gap from the event store instead of skipping it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'taskomask-gap-'));
    const eventStore = sqliteEventStore({ path: join(dir, 'events.db') });
    const catalog = sqliteReadStoreCatalog({ path: join(dir, 'read.db'), schema: readSchema });
    const readStore = await catalog.open('g1');
    try {
      for (const append of generateHistory({
        seed: 3,
        workspaces: 1,
        boardsPerWorkspace: 1,
        tasksPerBoard: 2,
        edits: 0,
      })) {
        await eventStore.appendToStreams([append]);
      }
      const all = await eventStore.readAll({ fromPosition: 1, limit: 1000 });
      const last = all.at(-1)!;
      // Only the newest event arrives; everything before it on its stream must be read back.
      const result = await applyBatch([last], { readStore, eventStore, project: projectEvent });
      expect(result.gapFilled).toBe(last.streamVersion - 1);
      const versions = await readStore.streamVersions([last.streamName]);
      expect(versions.get(last.streamName)).toBe(last.streamVersion);
      const again = await applyBatch([last], { readStore, eventStore, project: projectEvent });
      expect(again).toMatchObject({ applied: 0, duplicates: 1 });
    } finally {
      await catalog.close();
      await eventStore.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
