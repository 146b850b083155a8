import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BoardChanged, MemberRemoved } from '@taskomask/contracts/realtime';
import { sqliteEventStore } from '@taskomask/eventstore/sqlite';
import { startForwarder } from '@taskomask/forwarder';
import { inProcessBus } from '@taskomask/messaging/in-process';
import { type Projector, startProjector } from '@taskomask/projector';
import { membershipId, type RealtimeNotifier, readSchema } from '@taskomask/read-models';
import { generateHistory } from '@taskomask/read-models/testing';
import { sqliteReadStoreCatalog } from '@taskomask/readstore/sqlite';
import { waitFor } from '@taskomask/testkit';
import { afterAll, describe, expect, it } from 'vitest';

// The realtime side drops a removed member's sockets after re-checking the read store, so the
// projector must tell it only once the removal committed, and before that batch's board notices.

describe('projector: members who lose a workspace', () => {
  const dir = mkdtempSync(join(tmpdir(), 'taskomask-projector-removals-'));
  const eventStore = sqliteEventStore({ path: join(dir, 'events.db') });
  const bus = inProcessBus();
  const catalog = sqliteReadStoreCatalog({ path: join(dir, 'read.db'), schema: readSchema });
  let projector: Projector | undefined;
  const forwarder = startForwarder({ store: eventStore, bus, onError: () => {} });

  /** What was told, in order, with whether the read store still had the membership then. */
  const told: ({ removed: MemberRemoved; stillMember: boolean } | { changed: BoardChanged })[] = [];
  const notifier: RealtimeNotifier = {
    boardChanged(notices) {
      for (const changed of notices) told.push({ changed });
    },
    async membersRemoved(removed) {
      for (const r of removed) {
        const doc = await projector!
          .readStore()
          .get('memberships', membershipId(r.workspaceId, r.ownerId));
        told.push({ removed: r, stillMember: doc !== undefined });
      }
    },
  };

  afterAll(async () => {
    await forwarder.stop();
    await projector?.stop();
    await bus.close();
    await catalog.close();
    await eventStore.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('tells each removal after it committed, and before the same batch’s board notices', async () => {
    projector = await startProjector({ bus, eventStore, catalog, notifier });
    const history = [
      ...generateHistory({ seed: 3, workspaces: 1, boardsPerWorkspace: 1, tasksPerBoard: 2 }),
    ];
    const { workspaceId, ownerId: owner } = history[0]!.events[0]!.data as {
      workspaceId: string;
      ownerId: string;
    };
    const [member, viewer] = history[0]!.events
      .slice(1)
      .map((e) => (e.data as { ownerId: string }).ownerId);
    const boardId = history.find((a) => a.stream.startsWith('board-'))!.stream.slice(6);
    for (const append of history) await eventStore.appendToStreams([append]);
    const metadata = { userId: owner, correlationId: randomUUID(), causationId: randomUUID() };
    const workspace = `workspace-${workspaceId}`;

    // One append, so one batch: the removal, then a change to the board.
    await eventStore.appendToStreams([
      {
        stream: workspace,
        expectedVersion: 'any',
        events: [
          {
            type: 'MemberRemoved',
            data: { workspaceId, ownerId: member, role: 'member' },
            metadata,
          },
        ],
      },
      {
        stream: `board-${boardId}`,
        expectedVersion: 'any',
        events: [{ type: 'BoardDescribed', data: { boardId, description: 'after' }, metadata }],
      },
    ]);
    const removedAt = await eventStore.headPosition();
    await waitFor(() => told.some((t) => 'changed' in t && t.changed.position >= removedAt), {
      what: 'the board notice after the removal',
    });
    const removal = told.findIndex((t) => 'removed' in t);
    expect(told[removal]).toMatchObject({
      removed: { workspaceId, ownerId: member },
      stillMember: false,
    });
    const after = told.findIndex((t) => 'changed' in t && t.changed.position >= removedAt);
    expect(removal).toBeLessThan(after);

    // A deleted workspace loses every member it still had.
    await eventStore.appendToStreams([
      {
        stream: workspace,
        expectedVersion: 'any',
        events: [{ type: 'WorkspaceDeleted', data: { workspaceId, name: 'Team 0' }, metadata }],
      },
    ]);
    await waitFor(() => told.filter((t) => 'removed' in t).length >= 3, {
      what: 'the deleted workspace’s members',
    });
    const removals = told.flatMap((t) => ('removed' in t ? [t] : []));
    expect(removals.map((t) => t.removed.ownerId).sort()).toEqual([member, owner, viewer].sort());
    expect(removals.every((t) => !t.stillMember)).toBe(true);
  });
});
