import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startEmbedded } from '@taskomask/embedded';
import {
  clientSecret,
  exchangeCode,
  pkce,
  type RunningIdentity,
  redirectUri,
  registerThroughPages,
  signInThroughPages,
} from '@taskomask/identity/testing';
import { freePort, serverUrls, unavailable, waitFor } from '@taskomask/testkit';
import { Browser } from '@taskomask/testkit/browser';
import { deleteBusTopology, deleteRedisKeys } from '@taskomask/testkit/cleanup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Distributed, startDistributed } from '../src/start-distributed';

const run = promisify(execFile);
const root = join(import.meta.dirname, '../../..');

const people = [
  { displayName: 'Grace Hopper', email: 'grace@example.com', password: 'compiler-pioneer-1952' },
  { displayName: 'Ada Lovelace', email: 'ada@example.com', password: 'analytical-engine-1843' },
];

const subjectOf = (token: string) =>
  (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { sub: string }).sub;

type Read = { status: number; body: unknown; position: number; stale: boolean };

async function query(base: string, token: string, path: string, minPosition: number) {
  const response = await fetch(`${base}${path}?minPosition=${minPosition}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return {
    status: response.status,
    body: await response.json(),
    position: Number(response.headers.get('x-read-position')),
    stale: response.headers.get('x-stale') === 'true',
  } satisfies Read;
}

async function command(base: string, token: string, method: string, path: string, body: unknown) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as { id?: string; position: number };
  expect(response.status, `${method} ${path}: ${JSON.stringify(answer)}`).toBeLessThan(300);
  return answer;
}

// Issue 19 §3 end to end: `npm start`'s embedded mode makes a history, stops; `taskomask migrate`
// copies its stores into Redis; the distributed mode (one process per app, Redis, RabbitMQ) starts
// on them with the embedded signing keys, and its projector builds the read models from the log.
describe.skipIf(unavailable('redis') || unavailable('rabbitmq'))(
  'from the embedded mode to the distributed mode (migrate)',
  () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'taskomask-grow-'));
    const prefix = `test:grow:${randomUUID()}:`;
    const exchange = `test.grow.${randomUUID()}`;
    const queue = `test.grow.projector.${randomUUID()}`;
    const eventStoreUrl = `${serverUrls.redis}?prefix=${encodeURIComponent(prefix)}`;
    const identityStoreUrl = `${serverUrls.redis}?prefix=${encodeURIComponent(`${prefix}identity:`)}`;
    const output: string[] = [];
    /** Every query path each person read from the embedded query API, with its answer. */
    const before: { path: string; read: Read }[][] = [[], []];
    let head = 0;
    const boardIds: string[] = [];
    let todoId = '';
    let distributed: Distributed | undefined;
    const tokens: string[] = [];

    beforeAll(async () => {
      const system = await startEmbedded({
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
        const embeddedTokens: string[] = [];
        for (const person of people) {
          const p = pkce();
          const code = await registerThroughPages(
            { issuer: system.urls.identity } as RunningIdentity,
            new Browser(),
            p,
            person,
          );
          embeddedTokens.push((await exchangeCode(system.urls.identity, code, p)).access_token);
        }
        const as = (who: number, method: string, path: string, body: unknown) =>
          command(system.urls.commands, embeddedTokens[who]!, method, path, body);
        const ada = subjectOf(embeddedTokens[1]!);
        const ws = (await as(0, 'POST', '/workspaces', { name: 'Navy labs' })).id!;
        await as(0, 'POST', `/workspaces/${ws}/members`, { ownerId: ada, role: 'member' });
        await as(0, 'PATCH', `/workspaces/${ws}/members/${ada}`, { role: 'admin' });
        const project = (await as(1, 'POST', `/workspaces/${ws}/projects`, { name: 'COBOL' })).id!;
        const taskIds: string[] = [];
        for (const [who, name] of [
          [0, 'Compiler'],
          [1, 'Engine'],
        ] as const) {
          const board = (
            await as(who, 'POST', `/workspaces/${ws}/projects/${project}/boards`, { name })
          ).id!;
          boardIds.push(board);
          const todo = (
            await as(who, 'POST', `/boards/${board}/cards`, { name: 'To do', type: 'ToDo' })
          ).id!;
          const done = (
            await as(1 - who, 'POST', `/boards/${board}/cards`, { name: 'Done', type: 'Done' })
          ).id!;
          if (todoId === '') todoId = todo;
          for (let i = 0; i < 4; i++) {
            const task = (
              await as(i % 2, 'POST', `/boards/${board}/tasks`, {
                cardId: todo,
                title: `${name} task ${i}`,
              })
            ).id!;
            taskIds.push(task);
            await as((i + 1) % 2, 'POST', `/tasks/${task}/comments`, { text: `Looked at ${i}` });
            if (i % 2 === 0) await as(i % 2, 'POST', `/tasks/${task}/move`, { toCardId: done });
          }
        }
        head = (await as(1, 'PATCH', `/boards/${boardIds[0]}`, { name: 'Compilers' })).position;

        const paths = [
          '/workspaces',
          `/workspaces/${ws}`,
          `/workspaces/${ws}/activity`,
          `/workspaces/${ws}/projects/${project}/boards`,
          ...boardIds.flatMap((b) => [`/boards/${b}`, `/boards/${b}/activity`]),
          ...taskIds.flatMap((t) => [`/tasks/${t}`, `/tasks/${t}/activity`]),
          '/me/tasks',
          '/me/inbox',
          '/me/invitations',
        ];
        for (const who of [0, 1]) {
          for (const path of paths) {
            const read = await query(system.urls.queries, embeddedTokens[who]!, path, head);
            expect(read.stale, path).toBe(false);
            expect(read.status, path).toBe(200);
            expect(read.position, path).toBe(head);
            before[who]!.push({ path, read });
          }
        }
      } finally {
        await system.close();
      }
    }, 180_000);

    afterAll(async () => {
      await distributed?.stop();
      await deleteRedisKeys(serverUrls.redis, prefix);
      await deleteBusTopology(serverUrls.rabbitmq, { exchange, queues: [queue] });
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('migrates, and the distributed mode signs both people in with their passwords', async () => {
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
      expect(stdout).toContain(`positions continue from ${head}.`);

      distributed = await startDistributed({
        eventStoreUrl,
        busUrl: `${serverUrls.rabbitmq}?exchange=${exchange}`,
        readStoreUrl: `sqlite:${join(dataDir, 'distributed-read.db')}`,
        identityStoreUrl,
        ports: {
          identity: await freePort(),
          commands: await freePort(),
          queries: await freePort(),
          grpc: await freePort(),
        },
        env: {
          WEB_CLIENT_SECRET: clientSecret,
          WEB_REDIRECT_URIS: redirectUri,
          // The embedded signing keys: what the embedded identity signed stays verifiable.
          IDENTITY_KEY_FILE: join(dataDir, 'identity-jwks.json'),
          PROJECTOR_QUEUE: queue,
          LOG_LEVEL: 'warn',
          REALTIME_SECRET: randomUUID() + randomUUID(),
          REALTIME_REDIS_URL: serverUrls.redis,
          METRICS_TOKEN: `metrics-${randomUUID()}`,
        },
        onLine: (app, line) => output.push(`[${app}] ${line}`),
      });
      const issuer = distributed.urls.identity;
      for (const person of people) {
        const p = pkce();
        const code = await signInThroughPages({ issuer } as RunningIdentity, new Browser(), p, {
          email: person.email,
          password: person.password,
        });
        tokens.push((await exchangeCode(issuer, code, p)).access_token);
      }
      expect(tokens).toHaveLength(2);
      // Signed with the embedded mode's key: the distributed identity publishes the same kids.
      const file = JSON.parse(readFileSync(join(dataDir, 'identity-jwks.json'), 'utf8')) as {
        keys: { kid: string }[];
      };
      const published = (await (await fetch(distributed.urls.jwks)).json()) as {
        keys: { kid: string }[];
      };
      expect(published.keys.map((k) => k.kid)).toEqual(file.keys.map((k) => k.kid));
      for (const token of tokens) {
        const header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString());
        expect(file.keys.map((k) => k.kid)).toContain(header.kid);
      }
    }, 120_000);

    it('answers every query as the embedded mode did, document by document', async () => {
      const queries = distributed!.urls.queries;
      // The projector builds the read models from the log: wait until it reached the old head.
      await waitFor(async () => !(await query(queries, tokens[0]!, '/workspaces', head)).stale, {
        timeoutMs: 60_000,
        what: `the distributed projector at position ${head}`,
      });
      // Whole bodies, nothing ignored: the projector folds the same log with the same code, so no
      // field may differ (ids, positions, timestamps and versions all come from the events).
      // Headers are not compared, but X-Read-Position must be the old head on both sides.
      expect(before[0]).toHaveLength(before[1]!.length);
      for (const who of [0, 1]) {
        for (const { path, read } of before[who]!) {
          const now = await query(queries, tokens[who]!, path, head);
          expect(now.status, `${path}\n${output.join('\n')}`).toBe(200);
          expect(now.position, path).toBe(head);
          expect(now.body, `${['Grace', 'Ada'][who]} ${path}`).toEqual(read.body);
        }
      }
    }, 90_000);

    it('continues the global positions with new commands', async () => {
      const base = distributed!.urls.commands;
      const task = await command(base, tokens[1]!, 'POST', `/boards/${boardIds[0]}/tasks`, {
        cardId: todoId,
        title: 'After the move',
      });
      expect(task.position).toBe(head + 1);
      const comment = await command(base, tokens[0]!, 'POST', `/tasks/${task.id}/comments`, {
        text: 'Still here',
      });
      expect(comment.position).toBe(head + 2);
      const board = await query(
        distributed!.urls.queries,
        tokens[0]!,
        `/boards/${boardIds[0]}`,
        comment.position,
      );
      expect(board.stale).toBe(false);
      expect(JSON.stringify(board.body)).toContain('After the move');
    }, 30_000);
  },
);
