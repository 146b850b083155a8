import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCommandApi } from '@taskomask/api/commands';
import { bearerAuth } from '@taskomask/api/http';
import { buildQueryApi, followCurrentGeneration } from '@taskomask/api/queries';
import { sqliteEventStore } from '@taskomask/eventstore';
import { startForwarder } from '@taskomask/forwarder';
import { openIdentity, readIdentityConfig } from '@taskomask/identity';
import { inProcessBus } from '@taskomask/messaging';
import { readSchema, startProjector } from '@taskomask/projector';
import { sqliteReadStoreCatalog } from '@taskomask/readstore';
import { attachRealtime, readStoreMemberships } from '../../../api/src/realtime/index';

const webDir = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const nextBin = resolve(webDir, '../../node_modules/next/dist/bin/next');

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** A fingerprint of everything `next build` reads, so an unchanged app is not built again. */
function sourceKey(): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else hash.update(`${path}:${statSync(path).size}:${statSync(path).mtimeMs}\n`);
    }
  };
  walk(join(webDir, 'src'));
  for (const file of ['next.config.mjs', 'postcss.config.mjs', 'package.json', 'tsconfig.json']) {
    hash.update(readFileSync(join(webDir, file)));
  }
  return hash.digest('hex');
}

const buildKeyFile = join(webDir, '.next', 'taskomask-build-key');
const lockDir = join(webDir, '.next-build-lock');

async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * `next build`, at most once per change of the sources: files running in parallel share one
 * build through a lock directory, and later runs reuse it while the fingerprint matches.
 */
export async function ensureBuilt(): Promise<void> {
  const key = sourceKey();
  const built = () => existsSync(buildKeyFile) && readFileSync(buildKeyFile, 'utf8') === key;
  if (built()) return;
  try {
    mkdirSync(lockDir);
  } catch {
    // Another file is building (or a crashed run left its lock: older than 5 minutes is stale).
    if (Date.now() - statSync(lockDir).mtimeMs > 300_000) rmSync(lockDir, { recursive: true });
    await waitFor(
      'the web build of another test file',
      () => built() || !existsSync(lockDir),
      300_000,
    );
    if (built()) return;
    return ensureBuilt();
  }
  try {
    const result = spawnSync(process.execPath, [nextBin, 'build'], {
      cwd: webDir,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
      encoding: 'utf8',
    });
    if (result.status !== 0)
      throw new Error(`next build failed:\n${result.stdout}\n${result.stderr}`);
    writeFileSync(buildKeyFile, key);
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

export type System = {
  web: string;
  identity: string;
  commands: string;
  queries: string;
  /** Drops a removed member's sockets (what the projector path calls in the real start). */
  dropMember(workspaceId: string, ownerId: string): Promise<void>;
  close(): Promise<void>;
};

/**
 * The set the embedded start runs — identity, command API, query API with Socket.IO, projector,
 * forwarder — in this process on SQLite in a temp dir, and the web app (`next start`) as a child.
 */
export async function startSystem(): Promise<System> {
  const built = ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'taskomask-web-e2e-'));
  const [idPort, cmdPort, qPort, webPort] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
    freePort(),
  ]);
  // Different host names keep the provider's and the web app's cookies apart, as in production.
  const issuer = `http://127.0.0.1:${idPort}`;
  const web = `http://localhost:${webPort}`;
  const realtimeSecret = randomBytes(32).toString('hex');
  const closers: (() => Promise<unknown>)[] = [];
  const eventStore = sqliteEventStore({ path: join(dir, 'events.db') });
  const bus = inProcessBus();
  const catalog = sqliteReadStoreCatalog({ path: join(dir, 'read.db'), schema: readSchema });
  closers.push(
    async () => eventStore.close(),
    async () => catalog.close(),
    async () => bus.close(),
  );
  let child: ChildProcess | undefined;
  try {
    const config = readIdentityConfig({
      IDENTITY_ISSUER: issuer,
      IDENTITY_PORT: String(idPort),
      IDENTITY_STORE_URL: `sqlite:${join(dir, 'identity.db')}`,
      IDENTITY_KEY_FILE: join(dir, 'identity-jwks.json'),
      WEB_REDIRECT_URIS: `${web}/api/auth/callback/taskomask`,
    });
    const identity = await openIdentity(config, { eventStore, logger: false });
    closers.push(() => identity.close());
    await identity.identity.app.listen({ host: '127.0.0.1', port: idPort });

    const auth = bearerAuth({
      issuer,
      audience: config.apiAudience,
      jwksUrl: `${issuer}/jwks`,
    });
    const commands = buildCommandApi({ eventStore, auth });
    closers.push(() => commands.close());
    await commands.listen({ host: '127.0.0.1', port: cmdPort });

    const queries = buildQueryApi({ catalog, auth });
    const current = followCurrentGeneration(catalog);
    closers.push(() => current.close());
    await queries.ready();
    const realtime = attachRealtime(queries.server, {
      auth,
      ticketSecret: realtimeSecret,
      memberships: readStoreMemberships(() => current.store()),
      corsOrigins: [web],
    });
    closers.push(() => queries.close());
    closers.push(() => realtime.close());
    await queries.listen({ host: '127.0.0.1', port: qPort });

    const projector = await startProjector({
      bus,
      eventStore,
      catalog,
      notifier: realtime.notifier,
      onError: () => {},
    });
    closers.push(() => projector.stop());
    await projector.catchUp();
    const forwarder = startForwarder({ store: eventStore, bus, onError: () => {} });
    closers.push(() => forwarder.stop());

    await built;
    child = spawn(process.execPath, [nextBin, 'start', '-p', String(webPort), '-H', 'localhost'], {
      cwd: webDir,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        NEXTAUTH_URL: web,
        NEXTAUTH_SECRET: randomBytes(32).toString('hex'),
        IDENTITY_ISSUER: issuer,
        COMMAND_API_URL: `http://127.0.0.1:${cmdPort}`,
        QUERY_API_URL: `http://127.0.0.1:${qPort}`,
        REALTIME_PUBLIC_URL: `http://127.0.0.1:${qPort}`,
        REALTIME_SECRET: realtimeSecret,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    child.stdout?.on('data', (d) => output.push(String(d)));
    child.stderr?.on('data', (d) => output.push(String(d)));
    const running = child;
    closers.push(
      () =>
        new Promise<void>((done) => {
          if (running.exitCode !== null) return done();
          running.once('exit', () => done());
          running.kill('SIGTERM');
        }),
    );
    await waitFor(
      `next start on ${web}`,
      async () => {
        if (running.exitCode !== null) throw new Error(`next start exited:\n${output.join('')}`);
        return fetch(web).then(
          (r) => r.status < 500,
          () => false,
        );
      },
      60_000,
    );
    return {
      web,
      identity: issuer,
      commands: `http://127.0.0.1:${cmdPort}`,
      queries: `http://127.0.0.1:${qPort}`,
      dropMember: realtime.dropMember,
      async close() {
        for (const close of closers.reverse()) await close().catch(() => undefined);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
