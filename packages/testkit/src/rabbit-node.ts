import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/**
 * A private RabbitMQ node for tests that must stop and start a broker. It has its own name, ports
 * and data directory, so the shared broker on 5672 is never touched. The Debian wrappers run the
 * node and rabbitmqctl as the `rabbitmq` user, whose home holds the Erlang cookie both share.
 */
export type RabbitNode = {
  readonly nodeName: string;
  readonly url: string;
  readonly dir: string;
  /** Starts the node (again, with its data) and resolves once it accepts connections. */
  start(): Promise<void>;
  /** Stops the node and resolves once its process has exited. */
  stop(): Promise<void>;
  /** Stops the node if it runs (killing it if it will not stop) and deletes its directory. */
  destroy(): Promise<void>;
};

/** Why no private node can be started here, or undefined when one can. */
export async function rabbitNodeUnavailable(): Promise<string | undefined> {
  if (process.getuid?.() !== 0)
    return 'starting a RabbitMQ node needs root (it runs as user rabbitmq)';
  for (const tool of ['rabbitmq-server', 'rabbitmqctl']) {
    try {
      await exec('sh', ['-c', `command -v ${tool}`]);
    } catch {
      return `${tool} is not installed`;
    }
  }
  try {
    await exec('id', ['-u', 'rabbitmq']);
  } catch {
    return 'there is no rabbitmq user';
  }
  return undefined;
}

export async function createRabbitNode({ startTimeoutMs = 90_000 } = {}): Promise<RabbitNode> {
  const dir = await mkdtemp(join(tmpdir(), 'tmsg-node-'));
  const nodeName = `tmsg${randomBytes(4).toString('hex')}@localhost`;
  const [port, distPort] = await freePorts(2);
  const files = {
    config: join(dir, 'rabbitmq.conf'),
    plugins: join(dir, 'enabled_plugins'),
    pid: join(dir, 'node.pid'),
    mnesia: join(dir, 'mnesia'),
    log: join(dir, 'log'),
  };
  await mkdir(files.mnesia);
  await mkdir(files.log);
  // Our own config file: the system one pins the listener to the shared broker's port.
  await writeFile(files.config, `listeners.tcp.local = 127.0.0.1:${port}\n`);
  await writeFile(files.plugins, '[].\n');
  const uid = Number((await exec('id', ['-u', 'rabbitmq'])).stdout.trim());
  const gid = Number((await exec('id', ['-g', 'rabbitmq'])).stdout.trim());
  for (const path of [dir, ...Object.values(files).filter((p) => p !== files.pid)]) {
    await chown(path, uid, gid);
  }
  const env = {
    ...process.env,
    RABBITMQ_NODENAME: nodeName,
    RABBITMQ_NODE_PORT: String(port),
    RABBITMQ_DIST_PORT: String(distPort),
    RABBITMQ_NODE_IP_ADDRESS: '127.0.0.1',
    RABBITMQ_MNESIA_BASE: files.mnesia,
    RABBITMQ_LOG_BASE: files.log,
    RABBITMQ_ENABLED_PLUGINS_FILE: files.plugins,
    RABBITMQ_CONFIG_FILE: files.config,
    RABBITMQ_ADVANCED_CONFIG_FILE: join(dir, 'advanced.config'), // absent on purpose
    RABBITMQ_PID_FILE: files.pid,
  };
  const ctl = (args: string[], timeoutMs: number) =>
    exec('rabbitmqctl', ['-n', nodeName, ...args], { timeout: timeoutMs });
  let running = false;

  const node: RabbitNode = {
    nodeName,
    url: `amqp://guest:guest@127.0.0.1:${port}`,
    dir,
    async start() {
      await exec('rabbitmq-server', ['-detached'], { env, timeout: 30_000 });
      running = true;
      const deadline = Date.now() + startTimeoutMs;
      // await_startup fails at once while the node has not yet registered with epmd: poll it.
      for (;;) {
        try {
          await ctl(['await_startup', '--timeout', '10'], 15_000);
          return;
        } catch (error) {
          if (Date.now() > deadline) {
            const log = await readFile(join(files.log, `${nodeName}.log`), 'utf8').catch(() => '');
            throw new Error(
              `RabbitMQ node ${nodeName} did not start within ${startTimeoutMs} ms: ${String(error)}\n${log.slice(-3000)}`,
            );
          }
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      }
    },
    async stop() {
      // With the pid file, `stop` returns only once the node's OS process is gone.
      await ctl(['stop', files.pid], 60_000);
      running = false;
    },
    async destroy() {
      if (running) {
        try {
          await node.stop();
        } catch (error) {
          console.warn(`[rabbit-node] ${nodeName} did not stop (${String(error)}); killing it`);
          await killFromPidFile(files.pid);
        }
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
  return node;
}

/** Kills only the process this helper started, by the pid its node wrote. */
async function killFromPidFile(pidFile: string): Promise<void> {
  const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).trim());
  if (!Number.isSafeInteger(pid) || pid <= 1) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** Distinct ports that were free a moment ago (bound to 127.0.0.1:0, then released). */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
          const server = createServer();
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => {
    const address = server.address();
    if (typeof address !== 'object' || address === null) throw new Error('no port');
    return address.port;
  });
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}
