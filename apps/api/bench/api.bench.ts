// npm run bench:api — the command side in distributed mode (each app its own process, Redis event
// store, RabbitMQ): (a) commands/s and latency with 64 concurrent clients and a mix of create,
// move, edit and comment, beside the raw event-store append rate measured in the same run;
// (b) GET of a board with 5,000 tasks through the query side; (c) RSS of each process under load.
import { execSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDistributed } from '@taskomask/distributed';
import { redisEventStore } from '@taskomask/eventstore';
import { deleteBusTopology, deleteRedisKeys } from '@taskomask/testkit/cleanup';
import { Browser } from '../../identity/test/support/browser';
import {
  clientSecret,
  exchangeCode,
  pkce,
  type RunningIdentity,
  redirectUri,
  registerThroughPages,
} from '../../identity/test/support/identity-server';
import { generateHistory } from '../../projector/test/support/generate-history';

const redisUrl = 'redis://127.0.0.1:6379';
const prefix = `bench:api:${randomUUID()}:`;
const exchange = `bench.api.${randomUUID()}`;
const queue = `bench.api.projector.${randomUUID()}`;
const dir = mkdtempSync(join(tmpdir(), 'taskomask-bench-api-'));
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const clients = 64;
const n = (x: number) => Math.round(x).toLocaleString('en');
const pct = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

const agent = new Agent({ keepAlive: true, maxSockets: clients });
function call(
  base: string,
  method: string,
  path: string,
  token: string,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}${path}`,
      {
        method,
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          ...(payload
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
            : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : {} });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** CPU seconds (user + system) a process has used so far. */
function cpuOf(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

function pidOf(name: string): number | undefined {
  try {
    const pid = execSync(`pgrep -o -x ${name}`, { encoding: 'utf8' }).trim();
    return pid ? Number(pid) : undefined;
  } catch {
    return undefined;
  }
}

function rssOf(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** The raw limit: 1-event appends through the event store port, 64 writers, same Redis. */
async function rawAppendRate(): Promise<number> {
  const store = redisEventStore({ url: redisUrl, keyPrefix: `${prefix}raw:` });
  const metadata = { userId: randomUUID(), correlationId: randomUUID(), causationId: randomUUID() };
  let count = 0;
  const until = Date.now() + 3000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, w) => {
      for (let i = 0; Date.now() < until; i++) {
        await store.appendToStream(
          `task-raw${w}`,
          [{ type: 'TaskRenamed', data: { i }, metadata }],
          {
            expectedVersion: i === 0 ? 'no_stream' : i,
          },
        );
        count++;
      }
    }),
  );
  await store.close();
  return count / ((performance.now() - started) / 1000);
}

const system = await startDistributed({
  eventStoreUrl: `${redisUrl}?prefix=${encodeURIComponent(`${prefix}sys:`)}`,
  busUrl: `amqp://guest:guest@127.0.0.1:5672?exchange=${exchange}`,
  readStoreUrl: `sqlite:${join(dir, 'read.db')}`,
  identityStoreUrl: `sqlite:${join(dir, 'identity.db')}`,
  ports: { identity: 4400, commands: 4401, queries: 4402, grpc: 4403 },
  env: {
    WEB_CLIENT_SECRET: clientSecret,
    WEB_REDIRECT_URIS: redirectUri,
    IDENTITY_KEY_FILE: join(dir, 'identity-jwks.json'),
    PROJECTOR_QUEUE: queue,
    LOG_LEVEL: 'warn',
  },
  onLine: () => undefined,
});

try {
  const p = pkce();
  const code = await registerThroughPages(
    { issuer: system.urls.identity } as RunningIdentity,
    new Browser(),
    p,
    { displayName: 'Bench Mark', email: 'bench@example.com', password: 'benchmarks-all-day' },
  );
  const token = (await exchangeCode(system.urls.identity, code, p)).access_token;
  const cmd = (method: string, path: string, body?: unknown) =>
    call(system.urls.commands, method, path, token, body);

  // 16 boards, 4 clients each: moves and edits contend like a team's would, not all on one board.
  const ws = (await cmd('POST', '/workspaces', { name: 'Bench' })).json.id as string;
  const project = (await cmd('POST', `/workspaces/${ws}/projects`, { name: 'Load' })).json
    .id as string;
  const boards: { id: string; cards: string[]; tasks: string[] }[] = [];
  for (let b = 0; b < 16; b++) {
    const id = (
      await cmd('POST', `/workspaces/${ws}/projects/${project}/boards`, { name: `Board ${b}` })
    ).json.id as string;
    const cards: string[] = [];
    for (const [name, type] of [
      ['To do', 'ToDo'],
      ['Doing', 'Doing'],
    ] as const) {
      cards.push((await cmd('POST', `/boards/${id}/cards`, { name, type })).json.id as string);
    }
    const tasks: string[] = [];
    for (let t = 0; t < 10; t++) {
      tasks.push(
        (await cmd('POST', `/boards/${id}/tasks`, { cardId: cards[0], title: `Seed ${t}` })).json
          .id as string,
      );
    }
    boards.push({ id, cards, tasks });
  }

  const raw = await rawAppendRate();
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const rssPeak: Record<string, number> = {};
  const sampler = setInterval(() => {
    for (const app of system.apps) {
      rssPeak[app.name] = Math.max(rssPeak[app.name] ?? 0, rssOf(app.child.pid));
    }
  }, 250);
  // The servers share the machine's two cores with the apps and this client: count them too.
  const serverPids: Record<string, number | undefined> = {
    redis: pidOf('redis-server'),
    rabbitmq: pidOf('beam.smp'),
  };
  const tracked: [string, number | undefined][] = [
    ...system.apps.map((a) => [a.name, a.child.pid] as [string, number | undefined]),
    ...Object.entries(serverPids),
    ['bench client', process.pid],
  ];
  const cpuBefore = Object.fromEntries(tracked.map(([name, pid]) => [name, cpuOf(pid)]));
  const until = Date.now() + seconds * 1000;
  const started = performance.now();
  let created = 0;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      const board = boards[c % boards.length]!;
      for (let i = 0; Date.now() < until; i++) {
        const task = board.tasks[(c + i) % board.tasks.length]!;
        const roll = (c * 7 + i) % 10;
        const t0 = performance.now();
        const { status } =
          roll < 2
            ? await cmd('POST', `/boards/${board.id}/tasks`, {
                cardId: board.cards[0],
                title: `T ${c}-${i}-${created++}`,
              })
            : roll < 6
              ? await cmd('POST', `/tasks/${task}/move`, { toCardId: board.cards[i % 2]! })
              : roll < 8
                ? await cmd('PATCH', `/tasks/${task}`, { description: `Edited by ${c} at ${i}` })
                : await cmd('POST', `/tasks/${task}/comments`, { text: `Comment ${c}-${i}` });
        latencies.push(performance.now() - t0);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const cpuShare = Object.fromEntries(
    tracked.map(([name, pid]) => [
      name,
      Number(((cpuOf(pid) - cpuBefore[name]!) / elapsed).toFixed(2)),
    ]),
  );
  console.log(`CPU cores used during the load ${JSON.stringify(cpuShare)}`);
  latencies.sort((a, b) => a - b);
  const rate = latencies.length / elapsed;
  console.log(`raw: event store appends, 64 writers     ${n(raw)} appends/s`);
  console.log(`commands through HTTP, 64 clients        ${n(rate)} commands/s`);
  console.log(
    `latency p50 ${pct(latencies, 0.5).toFixed(1)} ms, p99 ${pct(latencies, 0.99).toFixed(1)} ms`,
  );
  console.log(`statuses ${JSON.stringify(Object.fromEntries(statuses))}`);

  // (b) a board of 5,000 tasks, appended straight to the store (the 1,000-task rule guards
  // creation through the API; a board this size is what we measure reads against).
  let boardP50 = Number.NaN;
  let boardP95 = Number.NaN;
  if (system.apps.some((a) => a.name === 'queries')) {
    const store = redisEventStore({ url: redisUrl, keyPrefix: `${prefix}sys:` });
    let bigBoard = '';
    for (const append of generateHistory({
      seed: 11,
      workspaces: 1,
      boardsPerWorkspace: 1,
      tasksPerBoard: 5000,
      edits: 0,
    })) {
      const a =
        append.stream.startsWith('workspace-') && append.events[0]?.type === 'WorkspaceCreated'
          ? {
              ...append,
              events: [
                ...append.events,
                {
                  type: 'MemberAdded',
                  data: {
                    workspaceId: append.stream.slice(10),
                    ownerId: tokenSubject(token),
                    role: 'member',
                  },
                  metadata: append.events[0]!.metadata,
                },
              ],
            }
          : append;
      if (append.stream.startsWith('board-') && append.events[0]?.type === 'BoardCreated')
        bigBoard = append.stream.slice(6);
      await store.appendToStreams([a]);
    }
    const head = await store.headPosition();
    await store.close();
    const get = () =>
      call(system.urls.queries, 'GET', `/boards/${bigBoard}?minPosition=${head}`, token);
    for (let i = 0; i < 5; i++) await get();
    const times: number[] = [];
    for (let i = 0; i < 100; i++) {
      const t0 = performance.now();
      const { status } = await get();
      if (status !== 200) throw new Error(`GET board answered ${status}`);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    boardP50 = pct(times, 0.5);
    boardP95 = pct(times, 0.95);
    console.log(
      `GET board of 5,000 tasks: p50 ${boardP50.toFixed(1)} ms, p95 ${boardP95.toFixed(1)} ms`,
    );
  }
  console.log(
    `peak RSS MiB ${JSON.stringify(Object.fromEntries(Object.entries(rssPeak).map(([k, v]) => [k, Math.round(v)])))}`,
  );
  console.log(
    JSON.stringify({
      bench: 'api',
      value: Math.round(rate),
      unit: 'commands/s',
      raw: Math.round(raw),
      ratio: Number((rate / raw).toFixed(3)),
      p50Ms: Number(pct(latencies, 0.5).toFixed(1)),
      p99Ms: Number(pct(latencies, 0.99).toFixed(1)),
      boardGetP50Ms: Number(boardP50.toFixed(1)),
      boardGetP95Ms: Number(boardP95.toFixed(1)),
      cpuCores: cpuShare,
      peakRssMiB: Object.fromEntries(Object.entries(rssPeak).map(([k, v]) => [k, Math.round(v)])),
    }),
  );
} finally {
  await system.stop();
  agent.destroy();
  await deleteRedisKeys(redisUrl, prefix);
  await deleteBusTopology('amqp://guest:guest@127.0.0.1:5672', { exchange, queues: [queue] });
  rmSync(dir, { recursive: true, force: true });
}

function tokenSubject(jwt: string): string {
  return JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()).sub as string;
}
