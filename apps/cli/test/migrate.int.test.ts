import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type Embedded, startEmbedded } from '@taskomask/embedded';
import { eventLogDumpFromUrl, eventStoreFromUrl } from '@taskomask/eventstore';
import {
  credentialDumpFromUrl,
  type OpenedIdentity,
  openIdentity,
  readIdentityConfig,
} from '@taskomask/identity';
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
import { freePort, serverUrls, unavailable } from '@taskomask/testkit';
import { Browser } from '@taskomask/testkit/browser';
import { deleteRedisKeys } from '@taskomask/testkit/cleanup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = join(import.meta.dirname, '../../..');

const people = [
  { displayName: 'Grace Hopper', email: 'grace@example.com', password: 'compiler-pioneer-1952' },
  { displayName: 'Ada Lovelace', email: 'ada@example.com', password: 'analytical-engine-1843' },
];

async function documents(path: string) {
  const catalog = sqliteReadStoreCatalog({ path, schema: readSchema });
  try {
    const store = await catalog.open(await catalog.current());
    const all: Record<string, unknown[]> = {};
    for (const collection of Object.keys(readSchema)) {
      all[collection] = (await store.all<unknown>(collection)).sort((a, b) =>
        JSON.stringify(a).localeCompare(JSON.stringify(b)),
      );
    }
    return { position: await store.position(), all };
  } finally {
    await catalog.close();
  }
}

const subjectOf = (token: string) =>
  (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { sub: string }).sub;

describe.skipIf(unavailable('redis'))('npm run taskomask -- migrate (embedded → Redis)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'taskomask-migrate-'));
  const prefix = `test:migrate:${randomUUID()}:`;
  const eventStoreUrl = `${serverUrls.redis}?prefix=${prefix}`;
  const identityStoreUrl = `${serverUrls.redis}?prefix=${prefix}identity:`;
  let position: number;
  let boardId: string;
  let identity: OpenedIdentity | undefined;

  beforeAll(async () => {
    const system: Embedded = await startEmbedded({
      dataDir,
      ports: {
        identity: await freePort(),
        commands: await freePort(),
        queries: await freePort(),
        web: await freePort(),
      },
      env: { WEB_CLIENT_SECRET: clientSecret, WEB_REDIRECT_URIS: redirectUri },
      logLevel: 'silent',
      web: false,
    });
    try {
      const tokens: string[] = [];
      for (const person of people) {
        const p = pkce();
        const code = await registerThroughPages(
          { issuer: system.urls.identity } as RunningIdentity,
          new Browser(),
          p,
          person,
        );
        tokens.push((await exchangeCode(system.urls.identity, code, p)).access_token);
      }
      const command = async (who: number, method: string, path: string, body: unknown) => {
        const response = await fetch(`${system.urls.commands}${path}`, {
          method,
          headers: { authorization: `Bearer ${tokens[who]}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        const answer = (await response.json()) as { id?: string; position: number };
        expect(response.status, `${method} ${path}`).toBeLessThan(300);
        return answer;
      };
      const workspace = await command(0, 'POST', '/workspaces', { name: 'Navy labs' });
      await command(0, 'POST', `/workspaces/${workspace.id}/members`, {
        ownerId: subjectOf(tokens[1]!),
        role: 'member',
      });
      await command(0, 'PATCH', `/workspaces/${workspace.id}/members/${subjectOf(tokens[1]!)}`, {
        role: 'admin',
      });
      const project = await command(1, 'POST', `/workspaces/${workspace.id}/projects`, {
        name: 'COBOL',
      });
      boardId = (
        await command(1, 'POST', `/workspaces/${workspace.id}/projects/${project.id}/boards`, {
          name: 'Compiler',
        })
      ).id!;
      const todo = await command(0, 'POST', `/boards/${boardId}/cards`, {
        name: 'To do',
        type: 'ToDo',
      });
      const done = await command(1, 'POST', `/boards/${boardId}/cards`, {
        name: 'Done',
        type: 'Done',
      });
      for (let i = 0; i < 5; i++) {
        const task = await command(i % 2, 'POST', `/boards/${boardId}/tasks`, {
          cardId: todo.id,
          title: `Task ${i}`,
        });
        await command((i + 1) % 2, 'POST', `/tasks/${task.id}/comments`, {
          text: `Looked at ${i}`,
        });
        if (i % 2 === 0) await command(0, 'POST', `/tasks/${task.id}/move`, { toCardId: done.id });
      }
      // The projector has caught up with the last write before the system stops.
      const last = await command(1, 'PATCH', `/boards/${boardId}`, { name: 'Compilers' });
      const read = await fetch(
        `${system.urls.queries}/boards/${boardId}?minPosition=${last.position}`,
        {
          headers: { authorization: `Bearer ${tokens[0]}` },
        },
      );
      expect(read.status).toBe(200);
    } finally {
      await system.close();
    }
  }, 120_000);

  afterAll(async () => {
    await identity?.close();
    await deleteRedisKeys(serverUrls.redis, prefix);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('copies the log, its keys and the password hashes, keeping positions and versions', async () => {
    const { stdout } = await run(
      process.execPath,
      [
        '--import',
        'tsx',
        'apps/cli/src/main.ts',
        'migrate',
        '--to-event-store',
        eventStoreUrl,
        '--to-identity-store',
        identityStoreUrl,
      ],
      { cwd: root, env: { ...process.env, DATA_DIR: dataDir } },
    );
    expect(stdout).toMatch(/migrate +\[#{30}\] \d+\/\d+ events/);
    expect(stdout).toMatch(/migrated \d+ events and 2 password hashes/);

    const source = await eventLogDumpFromUrl(`sqlite:${join(dataDir, 'events.db')}`);
    const target = await eventLogDumpFromUrl(eventStoreUrl);
    const cut = await source.snapshot();
    position = cut.position;
    expect(await target.snapshot()).toEqual(cut);
    expect(await target.readEvents(1, position, 100_000)).toEqual(
      await source.readEvents(1, position, 100_000),
    );
    await Promise.all([source.close(), target.close()]);
    const hashes = [
      credentialDumpFromUrl(`sqlite:${join(dataDir, 'identity.db')}`),
      credentialDumpFromUrl(identityStoreUrl),
    ];
    const [before, after] = await Promise.all(hashes.map((h) => h.readAll()));
    expect(after).toEqual(before);
    expect(after).toHaveLength(2);
    await Promise.all(hashes.map((h) => h.close()));

    // Into non-empty stores it refuses.
    await expect(
      run(
        process.execPath,
        [
          '--import',
          'tsx',
          'apps/cli/src/main.ts',
          'migrate',
          '--to-event-store',
          eventStoreUrl,
          '--to-identity-store',
          identityStoreUrl,
        ],
        { cwd: root, env: { ...process.env, DATA_DIR: dataDir } },
      ),
    ).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('not empty') });
  }, 60_000);

  it('builds the same read models from Redis, document by document', async () => {
    const eventStore = await eventStoreFromUrl(eventStoreUrl);
    const path = join(dataDir, 'read-from-redis.db');
    const catalog = sqliteReadStoreCatalog({ path, schema: readSchema });
    await rebuildReadModels({ eventStore, catalog });
    await catalog.close();
    await eventStore.close();
    const expected = await documents(join(dataDir, 'read.db'));
    const actual = await documents(path);
    expect(actual.position).toBe(position);
    for (const collection of Object.keys(readSchema)) {
      expect(actual.all[collection], collection).toEqual(expected.all[collection]);
    }
    expect(actual.all.boards).toHaveLength(1);
  });

  it('lets both people sign in with their passwords on the Redis stores; positions continue', async () => {
    const port = await freePort();
    identity = await openIdentity(
      readIdentityConfig({
        IDENTITY_ISSUER: `http://127.0.0.1:${port}`,
        IDENTITY_PORT: String(port),
        EVENT_STORE_URL: eventStoreUrl,
        IDENTITY_STORE_URL: identityStoreUrl,
        IDENTITY_KEY_FILE: join(dataDir, 'identity-jwks.json'),
        WEB_CLIENT_SECRET: clientSecret,
        WEB_REDIRECT_URIS: redirectUri,
      }),
      { logger: false },
    );
    await identity.identity.app.listen({ host: '127.0.0.1', port });
    for (const person of people) {
      const p = pkce();
      const code = await signInThroughPages(
        { issuer: `http://127.0.0.1:${port}` } as RunningIdentity,
        new Browser(),
        p,
        { email: person.email, password: person.password },
      );
      const tokens = await exchangeCode(`http://127.0.0.1:${port}`, code, p);
      expect(tokens.access_token).toEqual(expect.any(String));
    }
    const store = identity.eventStore;
    const result = await store.appendToStream(
      `board-${boardId}`,
      [
        {
          type: 'BoardRenamed',
          data: { boardId, name: 'After the move' },
          metadata: { userId: 'test', correlationId: 'c', causationId: 'c' },
        },
      ],
      { expectedVersion: await store.streamVersion(`board-${boardId}`) },
    );
    expect(result.lastGlobalPosition).toBe(await store.headPosition());
    expect(result.lastGlobalPosition).toBeGreaterThan(position);
  });
});
