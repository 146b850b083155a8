import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';

/**
 * A redis-server of our own (own port, own --dir), so killing it harms nothing else. The AOF is
 * fsynced before every reply (`appendfsync always`): a write Redis acknowledged is on disk even if
 * the machine, not just the process, dies. `everysec` would only survive a process crash (the
 * write(2) happens before the reply, the fsync up to a second later), and lose up to a second of
 * acknowledged commands on power loss — not "0 acknowledged writes lost".
 */
export type PrivateRedis = {
  readonly url: string;
  readonly dir: string;
  start(): Promise<void>;
  /** SIGKILL: a crash, no chance to flush anything more; SIGTERM: a clean shutdown. */
  kill(signal?: 'SIGKILL' | 'SIGTERM'): Promise<void>;
  destroy(): Promise<void>;
};

export async function createPrivateRedis(): Promise<PrivateRedis> {
  const dir = await mkdtemp(join(tmpdir(), 'taskomask-faults-redis-'));
  const port = await freePort();
  let child: ChildProcess | undefined;
  const running = () => child !== undefined && child.exitCode === null && child.signalCode === null;

  const redis: PrivateRedis = {
    url: `redis://127.0.0.1:${port}`,
    dir,
    async start() {
      if (running()) return;
      child = spawn(
        'redis-server',
        [
          '--port',
          String(port),
          '--bind',
          '127.0.0.1',
          '--dir',
          dir,
          '--appendonly',
          'yes',
          '--appendfsync',
          'always',
          '--save',
          '',
          '--daemonize',
          'no',
          '--loglevel',
          'warning',
        ],
        { stdio: 'ignore' },
      );
      const deadline = Date.now() + 30_000;
      while (!(await pings(port))) {
        if (!running()) throw new Error(`redis-server on ${port} exited at start`);
        if (Date.now() > deadline) throw new Error(`redis-server on ${port} did not start`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async kill(signal = 'SIGKILL') {
      if (!running()) return;
      const exited = once(child!, 'exit');
      child!.kill(signal);
      await exited;
    },
    async destroy() {
      await redis.kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return redis;
}

/** True once the server answers PING with PONG (it answers -LOADING while replaying the AOF). */
function pings(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}
