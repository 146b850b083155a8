import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// The web app runs as a child process of the embedded start: Next.js patches globals such as
// fetch in the process that serves it, and the other services must not run under those patches.

const webDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../web');
const nextBin = resolve(webDir, '../../node_modules/next/dist/bin/next');

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
  // The web app's components, compiled from source with it.
  walk(resolve(webDir, '../../packages/ui/src'));
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

export type WebEnv = {
  NEXTAUTH_URL: string;
  NEXTAUTH_SECRET: string;
  IDENTITY_ISSUER: string;
  COMMAND_API_URL: string;
  QUERY_API_URL: string;
  REALTIME_PUBLIC_URL: string;
  REALTIME_SECRET: string;
  WEB_CLIENT_SECRET?: string;
  METRICS_TOKEN?: string;
  /** Days a session cookie lives without use (14 when unset). */
  SESSION_IDLE_DAYS?: string;
};

/** `next start` on `port` (building first when the sources changed); resolves once it answers. */
export async function startWeb(
  port: number,
  env: WebEnv,
): Promise<{ url: string; close(): Promise<void> }> {
  await ensureBuilt();
  const url = `http://localhost:${port}`;
  const child: ChildProcess = spawn(
    process.execPath,
    [nextBin, 'start', '-p', String(port), '-H', 'localhost'],
    {
      cwd: webDir,
      env: { ...process.env, ...env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const output: string[] = [];
  child.stdout?.on('data', (d) => output.push(String(d)));
  child.stderr?.on('data', (d) => output.push(String(d)));
  const close = () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', () => done());
      child.kill('SIGTERM');
    });
  try {
    await waitFor(
      `next start on ${url}`,
      async () => {
        if (child.exitCode !== null) throw new Error(`next start exited:\n${output.join('')}`);
        return fetch(url).then(
          (r) => r.status < 500,
          () => false,
        );
      },
      60_000,
    );
  } catch (error) {
    await close();
    throw error;
  }
  return { url, close };
}
