import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type Embedded, type EmbeddedPorts, startEmbedded } from '@taskomask/embedded';
import { sqliteEventStore } from '@taskomask/eventstore/sqlite';
import {
  clientSecret,
  exchangeCode,
  pkce,
  type RunningIdentity,
  redirectUri,
  registerThroughPages,
  signInThroughPages,
} from '@taskomask/identity/testing';
import { readSchema, rebuildReadModels } from '@taskomask/read-models';
import { sqliteReadStoreCatalog } from '@taskomask/readstore/sqlite';
import { freePort } from '@taskomask/testkit';
import { Browser } from '@taskomask/testkit/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = join(import.meta.dirname, '../../..');
const cli = (args: string[], dataDir: string) =>
  run(process.execPath, ['--import', 'tsx', 'apps/cli/src/main.ts', ...args], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir },
  });

const grace = {
  displayName: 'Grace Hopper',
  email: 'grace@example.com',
  password: 'compiler-pioneer-1952',
};

const freePorts = async (): Promise<EmbeddedPorts> => ({
  identity: await freePort(),
  commands: await freePort(),
  queries: await freePort(),
  web: await freePort(),
});

const start = async (dataDir: string) =>
  startEmbedded({
    dataDir,
    ports: await freePorts(),
    env: { WEB_CLIENT_SECRET: clientSecret, WEB_REDIRECT_URIS: redirectUri },
    logLevel: 'silent',
    web: false,
  });

type Answer = { status: number; id?: string; position: number };

function client(system: Embedded, token: string) {
  return {
    async command(method: string, path: string, body?: unknown): Promise<Answer> {
      const response = await fetch(`${system.urls.commands}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body ?? {}),
      });
      return { status: response.status, ...((await response.json()) as Omit<Answer, 'status'>) };
    },
    async query(path: string) {
      const response = await fetch(`${system.urls.queries}${path}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
  };
}

/** Every document of every read model, in a stable order. */
async function documents(catalogPath: string, generation?: string) {
  const catalog = sqliteReadStoreCatalog({ path: catalogPath, schema: readSchema });
  try {
    const store = await catalog.open(generation ?? (await catalog.current()));
    const all: Record<string, unknown[]> = {};
    for (const collection of Object.keys(readSchema)) {
      const docs = await store.all<unknown>(collection);
      all[collection] = docs.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    }
    return { position: await store.position(), all };
  } finally {
    await catalog.close();
  }
}

describe('npm run taskomask -- backup / restore', () => {
  const dirs: string[] = [];
  const tempDir = (name: string) => {
    const dir = mkdtempSync(join(tmpdir(), `taskomask-${name}-`));
    dirs.push(dir);
    return dir;
  };
  const source = tempDir('backup-source');
  const file = join(tempDir('backup-file'), 'taskomask.backup');
  let system: Embedded;
  let restored: Embedded | undefined;
  let boardId: string;
  let position: number;
  const accepted: Answer[] = [];

  beforeAll(async () => {
    system = await start(source);
    const p = pkce();
    const code = await registerThroughPages(
      { issuer: system.urls.identity } as RunningIdentity,
      new Browser(),
      p,
      grace,
    );
    const api = client(system, (await exchangeCode(system.urls.identity, code, p)).access_token);
    const workspace = await api.command('POST', '/workspaces', { name: 'Navy labs' });
    const project = await api.command('POST', `/workspaces/${workspace.id}/projects`, {
      name: 'COBOL',
    });
    const board = await api.command(
      'POST',
      `/workspaces/${workspace.id}/projects/${project.id}/boards`,
      { name: 'Compiler' },
    );
    boardId = board.id!;
    const todo = await api.command('POST', `/boards/${boardId}/cards`, {
      name: 'To do',
      type: 'ToDo',
    });
    const doing = await api.command('POST', `/boards/${boardId}/cards`, {
      name: 'Doing',
      type: 'Doing',
    });
    const first = await api.command('POST', `/boards/${boardId}/tasks`, {
      cardId: todo.id,
      title: 'Write the manual',
    });
    await api.command('POST', `/tasks/${first.id}/move`, { toCardId: doing.id });
    await api.command('POST', `/tasks/${first.id}/comments`, { text: 'On it' });

    // Commands keep arriving while the backup runs: each loop creates a task and moves it.
    let stop = false;
    let n = 0;
    let onAccepted: (() => void) | undefined;
    const loop = (async () => {
      while (!stop) {
        const task = await api.command('POST', `/boards/${boardId}/tasks`, {
          cardId: todo.id,
          title: `Task ${++n}`,
        });
        expect(task.status).toBe(201);
        accepted.push(task);
        accepted.push(await api.command('POST', `/tasks/${task.id}/move`, { toCardId: doing.id }));
        onAccepted?.();
      }
    })();
    const acceptedMore = (count: number) =>
      new Promise<void>((resolve) => {
        const target = accepted.length + count;
        onAccepted = () => {
          if (accepted.length >= target) resolve();
        };
      });
    try {
      await acceptedMore(4);
      const backedUp = await cli(['backup', file], source);
      expect(backedUp.stdout).toMatch(/backup +\[#+\] \d+\/\d+ events/);
      await acceptedMore(4);
    } finally {
      stop = true;
      await loop;
    }
    position = (JSON.parse(readFileSync(file, 'utf8').split('\n', 1)[0]!) as { position: number })
      .position;
  }, 120_000);

  afterAll(async () => {
    await restored?.close();
    await system.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('writes a header with the format, the cut position, counts and checksum', () => {
    const [headerLine] = readFileSync(file, 'utf8').split('\n', 1);
    const header = JSON.parse(headerLine!);
    expect(header).toMatchObject({
      format: 'taskomask-backup',
      version: 1,
      // Signing keys and the realtime secret (no web app here, so no next-auth secret).
      counts: { events: position, credentials: 1, files: 2 },
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    // The cut fell among the commands of the loop: some came after it.
    expect(accepted.some((a) => a.position > position)).toBe(true);
    expect(accepted.some((a) => a.position <= position)).toBe(true);
  });

  it('refuses a damaged or truncated file before writing anything', async () => {
    const damagedDir = tempDir('restore-damaged');
    const bytes = readFileSync(file);
    const flipped = Buffer.from(bytes);
    const at = bytes.length - 200;
    flipped[at] = flipped[at]! ^ 0x01;
    const damaged = join(damagedDir, 'flipped.backup');
    writeFileSync(damaged, flipped);
    const truncated = join(damagedDir, 'truncated.backup');
    writeFileSync(truncated, bytes.subarray(0, bytes.length - 1000));
    const target = tempDir('restore-refused');

    await expect(cli(['restore', damaged], target)).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(
        /cannot be restored: its checksum does not match.*nothing was written/,
      ),
    });
    await expect(cli(['restore', truncated], target)).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/cannot be restored: it is truncated/),
    });
    expect(readdirSync(target)).toEqual([]);
  });

  it('restores into a fresh data dir: the read models equal a rebuild of the source at the cut', async () => {
    const target = tempDir('restore');
    const { stdout } = await cli(['restore', file], target);
    expect(stdout).toContain(
      `restore [##############################] ${position}/${position} events`,
    );
    expect(stdout).toMatch(/rebuilt \d+ events .* into generation g2/);

    // The source, rebuilt up to the backup's position into a read store of its own.
    const reference = join(tempDir('reference'), 'read.db');
    const events = sqliteEventStore({ path: join(source, 'events.db') });
    const catalog = sqliteReadStoreCatalog({ path: reference, schema: readSchema });
    const rebuilt = await rebuildReadModels({ eventStore: events, catalog, toPosition: position });
    await catalog.close();
    await events.close();

    const expected = await documents(reference, rebuilt.generation);
    const actual = await documents(join(target, 'read.db'));
    expect(actual.position).toBe(position);
    expect(expected.position).toBe(position);
    for (const collection of Object.keys(readSchema)) {
      expect(actual.all[collection], collection).toEqual(expected.all[collection]);
    }
    expect(actual.all.tasks!.length).toBeGreaterThan(2);

    // Restoring again into the now full stores is refused.
    await expect(cli(['restore', file], target)).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('the event store is not empty'),
    });

    // The restored system: Grace signs in with her password and sees her board; new commands
    // continue the positions.
    restored = await start(target);
    const p = pkce();
    const code = await signInThroughPages(
      { issuer: restored.urls.identity } as RunningIdentity,
      new Browser(),
      p,
      { email: grace.email, password: grace.password },
    );
    const api = client(
      restored,
      (await exchangeCode(restored.urls.identity, code, p)).access_token,
    );
    const board = await api.query(`/boards/${boardId}?minPosition=${position}`);
    expect(board.status).toBe(200);
    expect(board.body.name).toBe('Compiler');
    const renamed = await api.command('PATCH', `/boards/${boardId}`, { name: 'Compilers' });
    expect(renamed.status).toBe(200);
    // Signing in may write too; either way positions go on from the cut without a gap.
    const log = sqliteEventStore({ path: join(target, 'events.db') });
    const after = await log.readAll({ fromPosition: position + 1, limit: 100 });
    await log.close();
    expect(after.map((e) => e.globalPosition)).toEqual(
      Array.from({ length: renamed.position - position }, (_, i) => position + 1 + i),
    );
  }, 120_000);
});
