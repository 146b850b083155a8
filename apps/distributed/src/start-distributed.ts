import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export type DistributedOptions = {
  eventStoreUrl: string;
  busUrl: string;
  readStoreUrl: string;
  identityStoreUrl: string;
  /** The webhook store (queue and delivery logs); with it, the webhooks app runs too. */
  webhookStoreUrl?: string;
  ports?: Partial<{
    identity: number;
    commands: number;
    queries: number;
    grpc: number;
    /** HEALTH_PORT of the forwarder and the projector (health and /metrics); unset: none. */
    forwarderHealth: number;
    projectorHealth: number;
    webhooksHealth: number;
  }>;
  /** Added to every process's environment (secrets, redirect URIs, log level …). */
  env?: Record<string, string | undefined>;
  /** Each output line, prefixed with the app's name. */
  onLine?: (app: string, line: string) => void;
  /** Which apps to run; all by default. Without identity, pass `auth` (another token issuer). */
  only?: readonly AppName[];
  /** The issuer the APIs trust instead of our identity app (tests sign their own tokens). */
  auth?: { issuer: string; audience: string; jwksUrl: string };
};

export type AppName = 'identity' | 'commands' | 'forwarder' | 'projector' | 'webhooks' | 'queries';

/** `child` is replaced when the app is restarted. */
export type RunningApp = { name: string; child: ChildProcess; url?: string };

export type Distributed = {
  apps: RunningApp[];
  urls: { identity: string; commands: string; queries: string; jwks: string };
  /** SIGTERM to every app, then wait for them to exit. */
  stop(): Promise<void>;
  /**
   * Ends one app's process with `signal` (SIGKILL: a crash) unless it already exited, then starts
   * it again and resolves once it answers its health check (if it has one).
   */
  restart(name: string, signal?: NodeJS.Signals): Promise<RunningApp>;
};

type AppSpec = { name: string; entry: string; env: Record<string, string>; health?: string };

const healthPort = (port: number | undefined): Record<string, string> =>
  port === undefined ? {} : { HEALTH_PORT: String(port) };
// Live, not ready: the projector is not ready while it catches up, which is no failure to start.
const healthUrl = (port: number | undefined) =>
  port === undefined ? {} : { health: `http://localhost:${port}/health/live` };

async function waitHealthy(url: string, child: ChildProcess, deadlineMs: number) {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: process exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not become healthy in ${deadlineMs} ms`);
}

/**
 * One process per app, as in production (docker-compose.yml, deploy/k8s): identity, command API,
 * query API, forwarder, projector. Resolves once every HTTP app answers its health check.
 */
export async function startDistributed({
  eventStoreUrl,
  busUrl,
  readStoreUrl,
  identityStoreUrl,
  webhookStoreUrl,
  ports: wanted = {},
  env = {},
  onLine = (app, line) => console.log(`[${app}] ${line}`),
  only,
  auth: trusted,
}: DistributedOptions): Promise<Distributed> {
  const ports = { identity: 4000, commands: 3001, queries: 3002, grpc: 50051, ...wanted };
  const issuer = `http://localhost:${ports.identity}`;
  const audience = env.API_AUDIENCE ?? 'http://taskomask.local/api';
  const auth = {
    AUTH_ISSUER: trusted?.issuer ?? issuer,
    AUTH_AUDIENCE: trusted?.audience ?? audience,
    AUTH_JWKS_URL: trusted?.jwksUrl ?? `${issuer}/jwks`,
  };
  let specs: AppSpec[] = [
    {
      name: 'identity',
      entry: 'apps/identity/src/main.ts',
      env: {
        IDENTITY_ISSUER: issuer,
        IDENTITY_PORT: String(ports.identity),
        EVENT_STORE_URL: eventStoreUrl,
        IDENTITY_STORE_URL: identityStoreUrl,
        API_AUDIENCE: audience,
      },
      health: `${issuer}/.well-known/openid-configuration`,
    },
    {
      name: 'commands',
      entry: 'apps/api/src/commands/main.ts',
      env: { EVENT_STORE_URL: eventStoreUrl, COMMAND_PORT: String(ports.commands), ...auth },
      health: `http://localhost:${ports.commands}/health/ready`,
    },
    {
      name: 'forwarder',
      entry: 'apps/forwarder/src/main.ts',
      env: {
        EVENT_STORE_URL: eventStoreUrl,
        BUS_URL: busUrl,
        ...healthPort(ports.forwarderHealth),
      },
      ...healthUrl(ports.forwarderHealth),
    },
    {
      name: 'projector',
      entry: 'apps/projector/src/main.ts',
      env: {
        EVENT_STORE_URL: eventStoreUrl,
        BUS_URL: busUrl,
        READ_STORE_URL: readStoreUrl,
        ...healthPort(ports.projectorHealth),
      },
      ...healthUrl(ports.projectorHealth),
    },
  ];
  if (webhookStoreUrl !== undefined) {
    specs.push({
      name: 'webhooks',
      entry: 'apps/webhooks/src/main.ts',
      env: {
        EVENT_STORE_URL: eventStoreUrl,
        BUS_URL: busUrl,
        WEBHOOKS_STORE_URL: webhookStoreUrl,
        ...healthPort(ports.webhooksHealth),
      },
      ...healthUrl(ports.webhooksHealth),
    });
  }
  // The query side joins when its entry exists (it arrives with the query issue).
  if (existsSync(join(root, 'apps/api/src/queries/main.ts'))) {
    specs.push({
      name: 'queries',
      entry: 'apps/api/src/queries/main.ts',
      env: {
        READ_STORE_URL: readStoreUrl,
        // Read only to check personal API tokens as the command side wrote them.
        EVENT_STORE_URL: eventStoreUrl,
        ...(webhookStoreUrl === undefined ? {} : { WEBHOOKS_STORE_URL: webhookStoreUrl }),
        QUERY_PORT: String(ports.queries),
        GRPC_PORT: String(ports.grpc),
        ...auth,
      },
      health: `http://localhost:${ports.queries}/health/ready`,
    });
  }

  if (only) specs = specs.filter((spec) => only.includes(spec.name as AppName));

  const spawnApp = (spec: AppSpec): ChildProcess => {
    // Node itself with tsx's loader: one process per app, so its pid is the app's (RSS, signals).
    // TASKOMASK_CPU_PROFILE=<app>:<dir> writes that app's V8 CPU profile on exit (benchmarks).
    const [profiled, profileDir] = (process.env.TASKOMASK_CPU_PROFILE ?? '').split(':');
    const profile = profiled === spec.name ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
    const child = spawn(process.execPath, [...profile, '--import', 'tsx', join(root, spec.entry)], {
      cwd: root,
      env: { ...process.env, ...env, ...spec.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [child.stdout, child.stderr]) {
      let rest = '';
      stream?.on('data', (chunk: Buffer) => {
        const lines = (rest + chunk.toString()).split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines) if (line.trim()) onLine(spec.name, line);
      });
    }
    return child;
  };
  const apps: RunningApp[] = specs.map((spec) => ({
    name: spec.name,
    child: spawnApp(spec),
    ...(spec.health ? { url: spec.health } : {}),
  }));

  const end = async (child: ChildProcess, signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  const stop = async () => {
    await Promise.all(apps.map(({ child }) => end(child, 'SIGTERM')));
  };
  const restart = async (name: string, signal: NodeJS.Signals = 'SIGTERM') => {
    const i = specs.findIndex((spec) => spec.name === name);
    const app = apps[i];
    const spec = specs[i];
    if (app === undefined || spec === undefined) throw new Error(`no app named ${name}`);
    await end(app.child, signal);
    app.child = spawnApp(spec);
    if (spec.health) await waitHealthy(spec.health, app.child, 60_000);
    return app;
  };

  try {
    await Promise.all(
      specs.map((spec, i) =>
        spec.health ? waitHealthy(spec.health, apps[i]!.child, 60_000) : undefined,
      ),
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    apps,
    urls: {
      identity: issuer,
      commands: `http://localhost:${ports.commands}`,
      queries: `http://localhost:${ports.queries}`,
      jwks: `${issuer}/jwks`,
    },
    stop,
    restart,
  };
}
