import { Socket } from 'node:net';
import { inject } from 'vitest';

// Where the integration suites find the servers this machine runs (overridable for other hosts).
export const serverUrls = {
  redis: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
  rabbitmq: process.env.TEST_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672',
  mongodb: process.env.MONGODB_URL,
} as const;

export type ServerName = keyof typeof serverUrls;

export function tcpReachable(url: string, timeoutMs = 1000): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(Number(port), hostname.replace(/^\[|\]$/g, ''), () => done(true));
  });
}

/**
 * Why a suite that needs `server` cannot run, or undefined when it can; use with
 * `describe.skipIf(unavailable('redis'))`. The probe runs once, in global-setup.
 */
export function unavailable(server: ServerName): string | undefined {
  if (server === 'mongodb') {
    return serverUrls.mongodb
      ? undefined
      : 'MONGODB_URL is not set (no MongoDB server can be installed on this machine)';
  }
  return inject('serversDown')[server];
}
