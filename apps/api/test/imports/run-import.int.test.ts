// Running an import plan through the write loop against a real SQLite event store: everything a
// Trello board holds lands through the domain's rules; a second run writes nothing; a run killed
// after some steps finishes when run again, ending where one uninterrupted run ends.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { normalizeEmail, streamName, workspaceOfOwner } from '@taskomask/domain';
import type { EventStore } from '@taskomask/eventstore';
import { sqliteEventStore } from '@taskomask/eventstore/sqlite';
import { type ImportPlan, planTrelloImport } from '@taskomask/importing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planOf } from '../../src/commands/aggregates';
import { executeCommand } from '../../src/commands/execute';
import { emailHash } from '../../src/commands/routes/invitations';
import { peopleOf, requireImporter, runImport, workspaceState } from '../../src/imports';

const fixture = JSON.parse(
  readFileSync(
    join(import.meta.dirname, '../../../../packages/importing/test/fixtures/trello-board.json'),
    'utf8',
  ),
);
const workspaceId = randomUUID();
const [owner, alice, viewer] = [randomUUID(), randomUUID(), randomUUID()];
const dir = mkdtempSync(join(tmpdir(), 'taskomask-import-'));

async function systemWithWorkspace(name: string): Promise<EventStore> {
  const store = sqliteEventStore({ path: join(dir, `${name}.db`) });
  const metadata = { userId: owner, correlationId: randomUUID(), causationId: randomUUID() };
  await executeCommand(store, {
    plan: planOf(workspaceOfOwner, workspaceId, [
      { type: 'CreateWorkspace', data: { workspaceId, name: 'Acme' } },
      { type: 'AddMember', data: { workspaceId, ownerId: alice, role: 'member' } },
      { type: 'AddMember', data: { workspaceId, ownerId: viewer, role: 'viewer' } },
    ]),
    metadata,
    now: new Date().toISOString(),
    writtenStatus: 201,
  });
  // Alice's account holds the address the Trello export gives for her (identity's event).
  await store.appendToStream(
    `email-${emailHash(normalizeEmail('alice@example.com'))}`,
    [{ type: 'EmailReserved', data: { ownerId: alice }, metadata }],
    { expectedVersion: 'no_stream' },
  );
  return store;
}

async function planFor(store: EventStore): Promise<ImportPlan> {
  const state = await requireImporter(store, { workspaceId }, owner);
  const people = await peopleOf(store, state, ['alice@example.com', 'nobody@example.com']);
  return planTrelloImport(fixture, { workspaceId }, { fix: true, people });
}

/** Every stream's events as the domain wrote them, without what the clock decides. */
async function contentOf(store: EventStore) {
  const events = await store.readAll({ fromPosition: 1, limit: 10_000 });
  const streams = new Map<string, unknown[]>();
  for (const e of events) {
    const { createdAt: _c, position: _p, ...data } = e.data as Record<string, unknown>;
    const list = streams.get(e.streamName) ?? [];
    list.push({ type: e.type, data, by: e.metadata.userId });
    streams.set(e.streamName, list);
  }
  return [...streams].sort(([a], [b]) => a.localeCompare(b));
}

describe('running an import plan', () => {
  let once: EventStore;
  let killed: EventStore;
  let plan: ImportPlan;

  beforeAll(async () => {
    once = await systemWithWorkspace('once');
    killed = await systemWithWorkspace('killed');
    plan = await planFor(once);
  });
  afterAll(async () => {
    await once.close();
    await killed.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('matches people by the email their account holds, members who may write only', async () => {
    const people = await peopleOf(once, await workspaceState(once, workspaceId), [
      'Alice@Example.com',
    ]);
    expect([...people.byEmail]).toEqual([['alice@example.com', alice]]);
    expect(people.writers).toEqual(new Set([owner, alice]));
  });

  it('writes every step through the domain, comments of a matched member as that member', async () => {
    const progress: number[] = [];
    const run = await runImport(once, plan, {
      importerId: owner,
      onProgress: (p) => progress.push(p.importedCards),
    });
    expect(run).toMatchObject({ written: plan.steps.length, found: 0, unchanged: 0 });
    expect(progress.at(-1)).toBe(7);
    const boardId = plan.report.boards[0]!.id;
    const board = await once.readStream(streamName.board(boardId));
    expect(board.map((e) => e.type)).toEqual(['BoardCreated', ...Array(5).fill('CardAdded')]);
    expect(board.slice(1).map((e) => e.data.name)).toEqual([
      'Backlog',
      'To Do',
      'QA (list)',
      'In Progress',
      'Done',
    ]);
    // The onboarding guide: the card with a due date, an assignee, a label, a checklist, comments.
    const guide = plan.steps.find(
      (s) => s.creates.entity === 'task' && JSON.stringify(s.commands).includes('onboarding'),
    )!;
    const events = await once.readStream(streamName.task(guide.id));
    expect(events.map((e) => e.type)).toEqual([
      'TaskCreated',
      'TaskDueDateSet',
      'TaskAssigned',
      'TaskLabelAdded',
      'ChecklistItemAdded',
      'ChecklistItemAdded',
      'ChecklistItemChecked',
      'CommentAdded',
      'CommentAdded',
    ]);
    const comments = events.filter((e) => e.type === 'CommentAdded').map((e) => e.data);
    expect(comments).toMatchObject([
      { authorId: alice, text: "I'll take this one." },
      { authorId: owner, text: expect.stringMatching(/^from Trello: Bob Stone\n\n/) },
    ]);
  });

  it('run again, writes nothing', async () => {
    const head = await once.headPosition();
    const again = await runImport(once, await planFor(once), { importerId: owner });
    expect(again).toEqual({ written: 0, found: plan.steps.length, unchanged: 0, position: 0 });
    expect(await once.headPosition()).toBe(head);
  });

  it('killed after some steps, finishes when run again, as one run would have', async () => {
    const first = await runImport(killed, await planFor(killed), { importerId: owner, limit: 6 });
    expect(first.written).toBe(6);
    const rest = await runImport(killed, await planFor(killed), { importerId: owner });
    expect(rest).toMatchObject({ written: plan.steps.length - 6, found: 6 });
    expect(await contentOf(killed)).toEqual(await contentOf(once));
  });

  it('refuses an importer whose role may not make projects, and a stranger as not found', async () => {
    await expect(requireImporter(once, { workspaceId }, alice)).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(requireImporter(once, { workspaceId }, randomUUID())).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});
