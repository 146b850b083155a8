// `npm run taskomask -- import trello FILE --workspace <id>` as a real process against embedded
// (SQLite) stores: report first, nothing written on problems without --fix, a progress bar, and a
// second run that writes nothing.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sqliteEventStore } from '@taskomask/eventstore/sqlite';
import { uuidV5 } from '@taskomask/importing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = join(import.meta.dirname, '../../..');
const fixture = 'packages/importing/test/fixtures/trello-board.json';

describe('npm run taskomask -- import trello', () => {
  const dir = mkdtempSync(join(tmpdir(), 'taskomask-cli-import-'));
  const path = join(dir, 'events.db');
  const workspaceId = randomUUID();
  const owner = randomUUID();
  const env = { ...process.env, EVENT_STORE_URL: `sqlite:${path}`, DATA_DIR: dir };
  const cli = (...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'apps/cli/src/main.ts', 'import', ...args], {
      cwd: root,
      env,
    });
  const head = async () => {
    const store = sqliteEventStore({ path });
    try {
      return await store.headPosition();
    } finally {
      await store.close();
    }
  };

  beforeAll(async () => {
    const store = sqliteEventStore({ path });
    const metadata = { userId: owner, correlationId: randomUUID(), causationId: randomUUID() };
    await store.appendToStreams([
      {
        stream: `workspace-${workspaceId}`,
        expectedVersion: 'no_stream',
        events: [
          {
            type: 'WorkspaceCreated',
            data: { workspaceId, name: 'Acme', description: '', ownerId: owner },
            metadata,
          },
        ],
      },
      {
        stream: `owner-${owner}`,
        expectedVersion: 'no_stream',
        events: [
          {
            type: 'OwnerWorkspaceAdded',
            data: { ownerId: owner, workspaceId, name: 'Acme' },
            metadata,
          },
        ],
      },
    ]);
    await store.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports the problems and writes nothing without --fix', async () => {
    const before = await head();
    const failed = await cli('trello', fixture, '--workspace', workspaceId).then(
      () => null,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stdout).toContain('Trello board: "Product Roadmap 🚀"');
    expect(failed?.stdout).toContain(
      "skipped: 1 closed list(s), 2 closed card(s), 0 card(s) over the board's limit, 1 blank label(s)",
    );
    expect(failed?.stdout).toContain('3 problem(s):');
    expect(failed?.stdout).toContain('lists[3].name: list name "QA" is shorter than 3 characters');
    expect(failed?.stderr).toContain('nothing written: run again with --fix');
    expect(await head()).toBe(before);
  }, 120_000);

  it('imports with --fix behind a progress bar, and a second run writes nothing', async () => {
    const before = await head();
    const { stdout } = await cli('trello', fixture, '--workspace', workspaceId, '--fix');
    expect(stdout).toContain('3 problem(s), fixed:');
    expect(stdout).toMatch(/importing \[#+\] 7\/7 cards/);
    expect(stdout).toMatch(
      /imported 7 card\(s\) in [0-9.]+s: 11 step\(s\) written, 0 already there/,
    );
    const boardId = uuidV5(workspaceId, 'trello:board:5f1a2b3c4d5e6f7a8b9c0d1e');
    expect(stdout).toContain(`board "Product Roadmap 🚀": ${boardId}`);
    const after = await head();
    expect(after).toBeGreaterThan(before);

    const again = await cli('trello', fixture, '--workspace', workspaceId, '--fix');
    expect(again.stdout).toMatch(/0 step\(s\) written, 11 already there/);
    expect(await head()).toBe(after);
  }, 120_000);

  it('names a workspace it cannot find, and says how to use it', async () => {
    const stranger = randomUUID();
    await expect(cli('trello', fixture, '--workspace', stranger, '--fix')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining(`workspace ${stranger} not found`),
    });
    await expect(cli('trello', fixture)).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('--workspace <id> is required'),
    });
    await expect(cli('trello')).rejects.toMatchObject({
      stderr: expect.stringContaining('usage: npm run taskomask -- import trello <file>'),
    });
  }, 120_000);
});

describe('npm run taskomask -- import workspace', () => {
  const dir = mkdtempSync(join(tmpdir(), 'taskomask-cli-import-ws-'));
  const path = join(dir, 'events.db');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a workspace export back into an empty store, once', async () => {
    const [workspace, project, board, card, task, ada] = Array.from({ length: 6 }, () =>
      randomUUID(),
    );
    const file = join(dir, 'acme.taskomask.json');
    writeFileSync(
      file,
      JSON.stringify({
        format: 'taskomask.workspace',
        version: 1,
        exportedAt: null,
        position: 0,
        workspace: { id: workspace, name: 'Acme', description: '' },
        members: [{ ownerId: ada, displayName: 'Ada', role: 'owner' }],
        projects: [
          {
            id: project,
            name: 'Website',
            description: '',
            boards: [
              {
                id: board,
                name: 'Sprint',
                description: '',
                cards: [{ id: card, name: 'To do', type: 'ToDo', position: 'a0' }],
                tasks: [
                  {
                    id: task,
                    cardId: card,
                    title: 'Write copy',
                    description: '',
                    position: 'a0',
                    assigneeId: ada,
                    labels: [],
                    dueDate: null,
                    checklist: [],
                    comments: [],
                    createdBy: ada,
                    createdAt: '2026-11-01T00:00:00.000Z',
                    updatedAt: null,
                  },
                ],
              },
            ],
          },
        ],
      }),
    );
    const cli = () =>
      run(
        process.execPath,
        ['--import', 'tsx', 'apps/cli/src/main.ts', 'import', 'workspace', file],
        {
          cwd: root,
          env: { ...process.env, EVENT_STORE_URL: `sqlite:${path}`, DATA_DIR: dir },
        },
      );
    const first = await cli();
    expect(first.stdout).toContain('workspace: "Sprint"');
    expect(first.stdout).toMatch(/imported 1 card\(s\) in [0-9.]+s: 4 step\(s\) written/);
    const again = await cli();
    expect(again.stdout).toMatch(/0 step\(s\) written, 4 already there/);
    const store = sqliteEventStore({ path });
    try {
      const events = await store.readStream(`task-${task}`);
      expect(events.map((e) => [e.type, e.metadata.userId])).toEqual([
        ['TaskCreated', ada],
        ['TaskAssigned', ada],
      ]);
    } finally {
      await store.close();
    }
  }, 120_000);
});
