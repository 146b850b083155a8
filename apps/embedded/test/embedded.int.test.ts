import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  clientSecret,
  exchangeCode,
  pkce,
  type RunningIdentity,
  redirectUri,
  registerThroughPages,
} from '@taskomask/identity/testing';
import { freePort } from '@taskomask/testkit';
import { Browser } from '@taskomask/testkit/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Embedded, type EmbeddedPorts, startEmbedded } from '../src/start-embedded';

// The system as `npm start` runs it: one process, SQLite, the in-process bus, real HTTP.
describe('embedded mode', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'taskomask-embedded-'));
  let ports: EmbeddedPorts;
  let system: Embedded;
  let token: string;

  const start = () =>
    startEmbedded({
      dataDir,
      ports,
      env: { WEB_CLIENT_SECRET: clientSecret, WEB_REDIRECT_URIS: redirectUri },
      logLevel: 'silent',
      web: false,
    });

  const command = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${system.urls.commands}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await response.json()) as { id?: string; version: number; position: number };
    return { status: response.status, ...json };
  };

  beforeAll(async () => {
    ports = {
      identity: await freePort(),
      commands: await freePort(),
      queries: await freePort(),
      web: await freePort(),
    };
    system = await start();
    const p = pkce();
    const code = await registerThroughPages(
      { issuer: system.urls.identity } as RunningIdentity,
      new Browser(),
      p,
      {
        displayName: 'Grace Hopper',
        email: 'grace@example.com',
        password: 'compiler-pioneer-1952',
      },
    );
    token = (await exchangeCode(system.urls.identity, code, p)).access_token;
  });

  afterAll(async () => {
    await system.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const query = async (path: string) => {
    const response = await fetch(`${system.urls.queries}${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  let boardId: string;
  let todo: string;

  it('takes a whole flow of commands from a signed-in user', async () => {
    const workspace = await command('POST', '/workspaces', { name: 'Navy labs' });
    expect(workspace.status).toBe(201);
    const project = await command('POST', `/workspaces/${workspace.id}/projects`, {
      name: 'COBOL',
    });
    expect(project.status).toBe(201);
    const board = await command(
      'POST',
      `/workspaces/${workspace.id}/projects/${project.id}/boards`,
      { name: 'Compiler' },
    );
    expect(board.status).toBe(201);
    boardId = board.id!;
    todo = (await command('POST', `/boards/${boardId}/cards`, { name: 'To do', type: 'ToDo' })).id!;
    const doing = await command('POST', `/boards/${boardId}/cards`, {
      name: 'Doing',
      type: 'Doing',
    });
    const task = await command('POST', `/boards/${boardId}/tasks`, {
      cardId: todo,
      title: 'Write the manual',
    });
    expect(task.status).toBe(201);
    const moved = await command('POST', `/tasks/${task.id}/move`, { toCardId: doing.id });
    expect(moved.status).toBe(200);
    const comment = await command('POST', `/tasks/${task.id}/comments`, { text: 'On it' });
    expect(comment.status).toBe(201);
    expect(comment.position).toBeGreaterThan(task.position);

    // Read back through the query side, waiting for the projector to reach the last write.
    const read = await query(`/boards/${boardId}?minPosition=${comment.position}`);
    expect(read.status).toBe(200);
    const cards = read.body.cards as {
      name: string;
      tasks: { title: string; commentCount: number }[];
    }[];
    expect(cards.map((c) => [c.name, c.tasks.map((t) => t.title)])).toEqual([
      ['To do', []],
      ['Doing', ['Write the manual']],
    ]);
    expect(cards[1]!.tasks[0]!.commentCount).toBe(1);
    const details = await query(`/tasks/${task.id}?minPosition=${comment.position}`);
    expect((details.body.comments as { text: string }[]).map((c) => c.text)).toEqual(['On it']);
  });

  it('keeps its data across a restart', async () => {
    await system.close();
    system = await start();
    // The same signing key (kept in the data dir) still vouches for the token.
    const task = await command('POST', `/boards/${boardId}/tasks`, {
      cardId: todo,
      title: 'Write the manual',
    });
    // The title is taken: the board's history survived the restart.
    expect(task.status).toBe(422);
    const other = await command('POST', `/boards/${boardId}/tasks`, {
      cardId: todo,
      title: 'Test the compiler',
    });
    expect(other.status).toBe(201);
    const read = await query(`/boards/${boardId}?minPosition=${other.position}`);
    const titles = (read.body.cards as { tasks: { title: string }[] }[]).flatMap((c) =>
      c.tasks.map((t) => t.title),
    );
    expect(titles.sort()).toEqual(['Test the compiler', 'Write the manual']);
  });
});
