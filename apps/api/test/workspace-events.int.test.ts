// The event history of one workspace, read from a real SQLite event store holding several
// workspaces' streams interleaved, over more than one page of the global log.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '@taskomask/eventstore';
import { sqliteEventStore } from '@taskomask/eventstore/sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workspaceEvents } from '../src/commands/workspace-events';

const metadata = (userId: string) => ({
  userId,
  correlationId: randomUUID(),
  causationId: randomUUID(),
  traceparent: `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01`,
});

describe('workspace events', () => {
  const dir = mkdtempSync(join(tmpdir(), 'taskomask-ws-events-'));
  let store: EventStore;
  const [mine, theirs] = [randomUUID(), randomUUID()];
  const user = randomUUID();
  const expected: string[] = [];
  let head = 0;

  const append = async (stream: string, type: string, data: object, version: number) => {
    const result = await store.appendToStream(stream, [{ type, data, metadata: metadata(user) }], {
      expectedVersion: version === 0 ? 'no_stream' : version,
    });
    return result.lastGlobalPosition;
  };

  beforeAll(async () => {
    store = sqliteEventStore({ path: join(dir, 'events.db') });
    for (const ws of [mine, theirs]) {
      const at = await append(
        `workspace-${ws}`,
        'WorkspaceCreated',
        { workspaceId: ws, name: 'W', description: '', ownerId: user },
        0,
      );
      if (ws === mine) expected.push(`workspace-${ws}@${at}`);
    }
    await append(
      `owner-${user}`,
      'OwnerWorkspaceAdded',
      { ownerId: user, workspaceId: mine, name: 'W' },
      0,
    );
    await append(
      `workspace-${mine}`,
      'MemberInvited',
      {
        workspaceId: mine,
        invitationId: randomUUID(),
        email: 'x@example.com',
        role: 'member',
        invitedBy: user,
      },
      1,
    ).then((at) => expected.push(`workspace-${mine}@${at}`));
    const boards = { [mine]: randomUUID(), [theirs]: randomUUID() };
    for (const ws of [mine, theirs]) {
      const at = await append(
        `board-${boards[ws]}`,
        'BoardCreated',
        {
          boardId: boards[ws],
          workspaceId: ws,
          projectId: randomUUID(),
          name: 'B',
          description: '',
        },
        0,
      );
      if (ws === mine) expected.push(`board-${boards[ws]}@${at}`);
    }
    // 700 tasks, alternating workspaces, each created then renamed: 1,400 events, three pages.
    for (let i = 0; i < 350; i++) {
      for (const ws of [mine, theirs]) {
        const taskId = randomUUID();
        const stream = `task-${taskId}`;
        const created = await append(
          stream,
          'TaskCreated',
          {
            taskId,
            workspaceId: ws,
            boardId: boards[ws],
            cardId: randomUUID(),
            title: `T${i}`,
            description: '',
            position: 'a0',
            createdBy: user,
            createdAt: new Date().toISOString(),
          },
          0,
        );
        const renamed = await append(
          stream,
          'TaskRenamed',
          { taskId, boardId: boards[ws], title: `R${i}` },
          1,
        );
        if (ws === mine) expected.push(`${stream}@${created}`, `${stream}@${renamed}`);
      }
    }
    head = await store.headPosition();
  }, 120_000);

  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const read = async (upTo: number, showEmails: boolean) => {
    const lines: string[] = [];
    for await (const line of workspaceEvents(store, mine, upTo, showEmails)) lines.push(line);
    return lines.map((line) => {
      expect(line.endsWith('\n')).toBe(true);
      return JSON.parse(line);
    });
  };

  it('gives every event of the workspace’s streams, none of the others, in global order', async () => {
    const events = await read(head, true);
    expect(events.map((e) => `${e.stream}@${e.position}`)).toEqual(expected);
    expect(events[1].data.email).toBe('x@example.com');
    expect(Object.keys(events[0].metadata).sort()).toEqual([
      'causationId',
      'correlationId',
      'userId',
    ]);
    expect(Object.keys(events[0]).sort()).toEqual([
      'data',
      'metadata',
      'occurredAt',
      'position',
      'stream',
      'type',
      'version',
    ]);
  });

  it('stops at the head it was given, and leaves addresses out when asked', async () => {
    const later = await append(
      `workspace-${mine}`,
      'WorkspaceRenamed',
      { workspaceId: mine, name: 'W2' },
      2,
    );
    expect(later).toBeGreaterThan(head);
    const events = await read(head, false);
    expect(events).toHaveLength(expected.length);
    expect(events[1].data).not.toHaveProperty('email');
    expect(events[1].data.invitationId).toEqual(expect.any(String));
    const tenth = Number(expected[9]!.split('@')[1]);
    const cut = await read(tenth, true);
    expect(cut.map((e) => `${e.stream}@${e.position}`)).toEqual(expected.slice(0, 10));
  });
});
