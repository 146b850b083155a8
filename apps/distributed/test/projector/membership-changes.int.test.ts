import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BoardChanged, MembershipChanged } from '@taskomask/contracts/realtime';
import { sqliteEventStore } from '@taskomask/eventstore/sqlite';
import { startForwarder } from '@taskomask/forwarder';
import { inProcessBus } from '@taskomask/messaging/in-process';
import { type Projector, startProjector } from '@taskomask/projector';
import {
  type Membership,
  membershipId,
  type RealtimeNotifier,
  readSchema,
} from '@taskomask/read-models';
import { generateHistory } from '@taskomask/read-models/testing';
import { sqliteReadStoreCatalog } from '@taskomask/readstore/sqlite';
import { waitFor } from '@taskomask/testkit';
import { afterAll, describe, expect, it } from 'vitest';

// The realtime side drops a removed member's sockets after re-checking the read store, and tells
// members of their new role, so the projector must tell each membership change only once it
// committed, and a removal before that batch's board notices.

describe('projector: membership changes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'taskomask-projector-removals-'));
  const eventStore = sqliteEventStore({ path: join(dir, 'events.db') });
  const bus = inProcessBus();
  const catalog = sqliteReadStoreCatalog({ path: join(dir, 'read.db'), schema: readSchema });
  let projector: Projector | undefined;
  const forwarder = startForwarder({ store: eventStore, bus, onError: () => {} });

  /** What was told, in order, with the role the read store had when it was told. */
  type Told =
    | { membership: MembershipChanged; storedRole: string | null }
    | { changed: BoardChanged };
  const told: Told[] = [];
  const notifier: RealtimeNotifier = {
    boardChanged(notices) {
      for (const changed of notices) told.push({ changed });
    },
    async membershipsChanged(changes) {
      for (const m of changes) {
        const doc = await projector!
          .readStore()
          .get<Membership>('memberships', membershipId(m.workspaceId, m.ownerId));
        told.push({ membership: m, storedRole: doc?.value.role ?? null });
      }
    },
  };
  const memberships = () => told.flatMap((t) => ('membership' in t ? [t] : []));

  afterAll(async () => {
    await forwarder.stop();
    await projector?.stop();
    await bus.close();
    await catalog.close();
    await eventStore.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('tells each change after it committed, and a removal before the same batch’s board notices', async () => {
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
    // The history's creation and additions: the owner and each member, with their role.
    await waitFor(() => memberships().length >= 3, { what: 'the history’s memberships' });
    expect(memberships().slice(0, 3)).toMatchObject([
      { membership: { workspaceId, ownerId: owner, role: 'owner' }, storedRole: 'owner' },
      { membership: { ownerId: member, role: 'member' }, storedRole: 'member' },
      { membership: { ownerId: viewer, role: 'viewer' }, storedRole: 'viewer' },
    ]);

    // A new member, then a role change: each told with the role the read store already has.
    const newcomer = randomUUID();
    await eventStore.appendToStreams([
      {
        stream: workspace,
        expectedVersion: 'any',
        events: [
          {
            type: 'MemberAdded',
            data: { workspaceId, ownerId: newcomer, role: 'member' },
            metadata,
          },
        ],
      },
    ]);
    // Told apart, so the read store of the first is not already the second's.
    await waitFor(() => memberships().some((t) => t.membership.ownerId === newcomer), {
      what: 'the newcomer’s addition',
    });
    await eventStore.appendToStreams([
      {
        stream: workspace,
        expectedVersion: 'any',
        events: [
          {
            type: 'MemberRoleChanged',
            data: { workspaceId, ownerId: newcomer, role: 'viewer', previousRole: 'member' },
            metadata,
          },
        ],
      },
    ]);
    await waitFor(
      () =>
        memberships().some(
          (t) => t.membership.role === 'viewer' && t.membership.ownerId === newcomer,
        ),
      {
        what: 'the newcomer’s role change',
      },
    );
    expect(memberships().filter((t) => t.membership.ownerId === newcomer)).toEqual([
      expect.objectContaining({
        membership: expect.objectContaining({ role: 'member' }),
        storedRole: 'member',
      }),
      expect.objectContaining({
        membership: expect.objectContaining({ role: 'viewer' }),
        storedRole: 'viewer',
      }),
    ]);

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
    const removal = told.findIndex((t) => 'membership' in t && t.membership.role === null);
    expect(told[removal]).toMatchObject({
      membership: { workspaceId, ownerId: member, role: null },
      storedRole: null,
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
    const removals = () => memberships().filter((t) => t.membership.role === null);
    await waitFor(() => removals().length >= 4, { what: 'the deleted workspace’s members' });
    expect(
      removals()
        .map((t) => t.membership.ownerId)
        .sort(),
    ).toEqual([member, newcomer, owner, viewer].sort());
    expect(removals().every((t) => t.storedRole === null)).toBe(true);
  });
});
