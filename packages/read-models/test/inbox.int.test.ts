import { mentionToken } from '@taskomask/contracts/mentions';
import type { InboxChanged } from '@taskomask/contracts/realtime';
import type { RecordedEvent } from '@taskomask/domain';
import type { EventStore } from '@taskomask/eventstore';
import type { ReadStore } from '@taskomask/readstore';
import { sqliteReadStore } from '@taskomask/readstore/sqlite';
import { beforeEach, describe, expect, it } from 'vitest';
import { applyBatch, type InboxDoc, projectEvent, readModels, readSchema } from '../src/index';

// Hand-built histories folded by the real projection into a real (in-memory SQLite) read store.

const ann = '00000000-0000-4000-8000-00000000000a';
const bob = '00000000-0000-4000-8000-00000000000b';
const cat = '00000000-0000-4000-8000-00000000000c';
const eve = '00000000-0000-4000-8000-00000000000e';
const ws = '10000000-0000-4000-8000-000000000001';
const board = '20000000-0000-4000-8000-000000000001';
const todo = '30000000-0000-4000-8000-000000000001';
const done = '30000000-0000-4000-8000-000000000002';
const task = '40000000-0000-4000-8000-000000000001';
const day = 24 * 3600_000;
const start = Date.parse('2026-09-01T09:00:00.000Z');

let store: ReadStore;
let position = 0;
const versions = new Map<string, number>();
let told: InboxChanged[] = [];
const log: RecordedEvent[] = [];

const noEventStore = {
  readStream: async () => {
    throw new Error('no gaps in these histories');
  },
} as unknown as EventStore;

/** Appends one event as `userId` at `start + at` ms and folds it. */
async function happen(
  stream: string,
  type: string,
  data: Record<string, unknown>,
  userId: string,
  at = 0,
) {
  const version = (versions.get(stream) ?? 0) + 1;
  versions.set(stream, version);
  const event: RecordedEvent = {
    type,
    data,
    streamName: stream,
    streamVersion: version,
    globalPosition: ++position,
    occurredAt: new Date(start + at).toISOString(),
    metadata: { userId, correlationId: 'c', causationId: 'c' },
  };
  log.push(event);
  await applyBatch([event], {
    readStore: store,
    eventStore: noEventStore,
    ...readModels,
    project: (e, docs) => projectEvent(e, docs, (n) => told.push(n)),
  });
  return event;
}

async function inboxOf(ownerId: string) {
  return (await store.get<InboxDoc>('inbox', ownerId))?.value.items ?? [];
}

const register = (id: string, name: string) =>
  happen(
    `owner-${id}`,
    'OwnerRegistered',
    {
      ownerId: id,
      displayName: name,
      email: `${name.toLowerCase()}@example.com`,
      role: 'user',
    },
    id,
  );

/** ann's workspace with bob and cat as members, a board with To do and Done, a task by ann. */
async function team() {
  for (const [id, name] of [
    [ann, 'Ann'],
    [bob, 'Bob'],
    [cat, 'Cat'],
    [eve, 'Eve'],
  ] as const) {
    await register(id, name);
  }
  const w = `workspace-${ws}`;
  await happen(
    w,
    'WorkspaceCreated',
    { workspaceId: ws, name: 'Team', description: '', ownerId: ann },
    ann,
  );
  await happen(w, 'MemberAdded', { workspaceId: ws, ownerId: ann, role: 'owner' }, ann);
  await happen(w, 'MemberAdded', { workspaceId: ws, ownerId: bob, role: 'member' }, ann);
  await happen(w, 'MemberAdded', { workspaceId: ws, ownerId: cat, role: 'member' }, ann);
  const b = `board-${board}`;
  await happen(
    b,
    'BoardCreated',
    { boardId: board, workspaceId: ws, projectId: ws, name: 'Plan', description: '' },
    ann,
  );
  await happen(
    b,
    'CardAdded',
    { boardId: board, cardId: todo, name: 'To do', type: 'ToDo', position: 'a' },
    ann,
  );
  await happen(
    b,
    'CardAdded',
    { boardId: board, cardId: done, name: 'Done', type: 'Done', position: 'b' },
    ann,
  );
  await happen(
    `task-${task}`,
    'TaskCreated',
    {
      taskId: task,
      workspaceId: ws,
      boardId: board,
      cardId: todo,
      title: 'Ship it',
      description: '',
      position: 'a',
      createdBy: ann,
      createdAt: new Date(start).toISOString(),
    },
    ann,
  );
  told = [];
}

const comment = (text: string, by: string, at = 0, id = 'c1') =>
  happen(
    `task-${task}`,
    'CommentAdded',
    {
      taskId: task,
      boardId: board,
      commentId: id,
      authorId: by,
      text,
      createdAt: new Date(start + at).toISOString(),
    },
    by,
    at,
  );

beforeEach(async () => {
  store = sqliteReadStore({ path: ':memory:', schema: readSchema });
  position = 0;
  versions.clear();
  told = [];
  log.length = 0;
  await team();
});

describe('inbox projection', () => {
  it('an assignment by someone else notifies the assignee; assigning yourself does not', async () => {
    await happen(
      `task-${task}`,
      'TaskAssigned',
      { taskId: task, boardId: board, assigneeId: bob, previousAssigneeId: null },
      ann,
    );
    const [item] = await inboxOf(bob);
    expect(item).toMatchObject({
      kind: 'assigned',
      actorId: ann,
      actorName: 'Ann',
      title: 'Ship it',
      workspaceName: 'Team',
      boardId: board,
      taskId: task,
      read: false,
    });
    expect(told).toEqual([{ ownerId: bob, unread: 1, position }]);
    await happen(
      `task-${task}`,
      'TaskAssigned',
      { taskId: task, boardId: board, assigneeId: cat, previousAssigneeId: bob },
      cat,
    );
    expect(await inboxOf(cat)).toEqual([]);
  });

  it('a mention notifies the member once; a non-member’s forged token notifies nobody', async () => {
    await comment(`hey ${mentionToken('Bob', bob)} and ${mentionToken('Eve', eve)}`, cat);
    expect((await inboxOf(bob)).map((i) => i.kind)).toEqual(['mentioned']);
    expect(await inboxOf(eve)).toEqual([]);
    // ann created the task: a comment on it, not a mention.
    expect((await inboxOf(ann)).map((i) => i.kind)).toEqual(['commented']);
    expect(await inboxOf(cat)).toEqual([]);
  });

  it('mentions in a description notify when they appear, not again on each edit', async () => {
    const text = `for ${mentionToken('Cat', cat)}`;
    await happen(
      `task-${task}`,
      'TaskDescribed',
      { taskId: task, boardId: board, description: text },
      ann,
    );
    await happen(
      `task-${task}`,
      'TaskDescribed',
      { taskId: task, boardId: board, description: `${text}!` },
      ann,
    );
    const items = await inboxOf(cat);
    expect(items.map((i) => i.kind)).toEqual(['mentioned']);
  });

  it('a comment notifies the creator and assignee, never its own author', async () => {
    await happen(
      `task-${task}`,
      'TaskAssigned',
      { taskId: task, boardId: board, assigneeId: bob, previousAssigneeId: null },
      ann,
    );
    await comment('looks good', bob, 1000);
    expect((await inboxOf(ann)).map((i) => i.kind)).toEqual(['commented']);
    expect((await inboxOf(bob)).map((i) => i.kind)).toEqual(['assigned']);
  });

  it('a move into a Done card notifies creator and assignee, not the mover', async () => {
    await happen(
      `task-${task}`,
      'TaskAssigned',
      { taskId: task, boardId: board, assigneeId: bob, previousAssigneeId: null },
      ann,
    );
    await happen(
      `task-${task}`,
      'TaskMoved',
      {
        taskId: task,
        boardId: board,
        fromCardId: todo,
        toCardId: done,
        position: 'b',
        fromCardName: 'To do',
        toCardName: 'Done',
      },
      bob,
    );
    expect((await inboxOf(ann)).map((i) => i.kind)).toEqual(['done']);
    expect((await inboxOf(bob)).map((i) => i.kind)).toEqual(['assigned']);
  });

  it('an invitation reaches the account with that email, and leaves when revoked', async () => {
    const w = `workspace-${ws}`;
    await happen(
      w,
      'MemberInvited',
      {
        workspaceId: ws,
        invitationId: 'i1',
        email: 'eve@example.com',
        role: 'member',
        invitedBy: ann,
      },
      ann,
    );
    expect(await inboxOf(eve)).toMatchObject([
      { kind: 'invited', title: 'Team', actorName: 'Ann' },
    ]);
    await happen(
      w,
      'InvitationRevoked',
      { workspaceId: ws, invitationId: 'i1', email: 'eve@example.com' },
      ann,
    );
    expect(await inboxOf(eve)).toEqual([]);
    expect(told.map((n) => [n.ownerId, n.unread])).toEqual([
      [eve, 1],
      [eve, 0],
    ]);
  });

  it('an invitation answered (accepted or declined) stays as a read item', async () => {
    const w = `workspace-${ws}`;
    const invite = (invitationId: string) =>
      happen(
        w,
        'MemberInvited',
        { workspaceId: ws, invitationId, email: 'eve@example.com', role: 'member', invitedBy: ann },
        ann,
      );
    await invite('i1');
    await invite('i2');
    expect((await inboxOf(eve)).map((i) => i.read)).toEqual([false, false]);
    await happen(
      w,
      'InvitationAccepted',
      {
        workspaceId: ws,
        invitationId: 'i1',
        email: 'eve@example.com',
        ownerId: eve,
        role: 'member',
      },
      eve,
    );
    await happen(
      w,
      'InvitationDeclined',
      { workspaceId: ws, invitationId: 'i2', email: 'eve@example.com', ownerId: eve },
      eve,
    );
    expect((await inboxOf(eve)).map((i) => [i.invitationId, i.read])).toEqual(
      expect.arrayContaining([
        ['i1', true],
        ['i2', true],
      ]),
    );
    expect(told.at(-1)).toMatchObject({ ownerId: eve, unread: 0 });
  });

  it('a removed member gets nothing new from the workspace and loses what they had', async () => {
    await comment(`${mentionToken('Bob', bob)} first`, ann);
    expect(await inboxOf(bob)).toHaveLength(1);
    await happen(
      `workspace-${ws}`,
      'MemberRemoved',
      { workspaceId: ws, ownerId: bob, role: 'member' },
      ann,
    );
    expect(await inboxOf(bob)).toEqual([]);
    await comment(`${mentionToken('Bob', bob)} again`, ann, 1000, 'c2');
    expect(await inboxOf(bob)).toEqual([]);
    expect(told.at(-1)).toMatchObject({ ownerId: bob, unread: 0 });
  });

  it('items older than 90 days are pruned as of the events applied', async () => {
    await comment(`${mentionToken('Bob', bob)} old`, ann);
    await comment(`${mentionToken('Bob', bob)} 89 days on`, ann, 89 * day, 'c2');
    expect(await inboxOf(bob)).toHaveLength(2);
    await comment(`${mentionToken('Bob', bob)} 91 days on`, ann, 91 * day, 'c3');
    const items = await inboxOf(bob);
    expect(items.map((i) => i.at)).toEqual([
      new Date(start + 91 * day).toISOString(),
      new Date(start + 89 * day).toISOString(),
    ]);
  });

  it('marks read the items named, or all the inbox held', async () => {
    const first = await comment(`${mentionToken('Bob', bob)} one`, ann);
    await comment(`${mentionToken('Bob', bob)} two`, ann, 1, 'c2');
    await happen(
      `inbox-${bob}`,
      'NotificationsRead',
      { ownerId: bob, itemIds: [String(first.globalPosition)], all: false },
      bob,
    );
    expect((await inboxOf(bob)).map((i) => i.read)).toEqual([false, true]);
    expect(told.at(-1)).toMatchObject({ ownerId: bob, unread: 1 });
    await happen(
      `inbox-${bob}`,
      'NotificationsRead',
      { ownerId: bob, itemIds: [], all: true },
      bob,
    );
    await comment(`${mentionToken('Bob', bob)} three`, ann, 2, 'c3');
    expect((await inboxOf(bob)).map((i) => i.read)).toEqual([false, true, true]);
  });

  it('folds to the same inboxes when the whole log is replayed in one batch (a rebuild)', async () => {
    await happen(
      `task-${task}`,
      'TaskAssigned',
      { taskId: task, boardId: board, assigneeId: bob, previousAssigneeId: null },
      ann,
    );
    const first = await comment(`${mentionToken('Bob', bob)} one`, cat);
    await happen(
      `inbox-${bob}`,
      'NotificationsRead',
      { ownerId: bob, itemIds: [String(first.globalPosition)], all: false },
      bob,
    );
    await comment(`${mentionToken('Bob', bob)} later`, cat, 95 * day, 'c2');
    await happen(
      `workspace-${ws}`,
      'MemberRemoved',
      { workspaceId: ws, ownerId: cat, role: 'member' },
      ann,
    );
    const live = await store.all('inbox');
    expect(live.length).toBeGreaterThan(0);
    const fresh = sqliteReadStore({ path: ':memory:', schema: readSchema });
    await applyBatch(log, { readStore: fresh, eventStore: noEventStore, ...readModels });
    expect(await fresh.all('inbox')).toEqual(live);
    expect(await fresh.all('inboxAccounts')).toEqual(await store.all('inboxAccounts'));
  });
});
