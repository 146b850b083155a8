import { randomUUID } from 'node:crypto';
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
  type TokenResponse,
} from '@taskomask/identity/testing';
import { freePort, serverUrls } from '@taskomask/testkit';
import { Browser } from '@taskomask/testkit/browser';
import { deleteBusTopology, deleteRedisKeys } from '@taskomask/testkit/cleanup';
import { type DistributedOptions, startDistributed } from '../../src/start-distributed';

export type TestSystem = Readonly<{
  system: Awaited<ReturnType<typeof startDistributed>>;
  /** This run's temporary directory (read store, identity store, keys). */
  dir: string;
  exchange: string;
  queue: string;
  /** Tokens of the user registered through the identity pages. */
  tokens: TokenResponse;
  /** The bearer token every app's /metrics demands (the distributed mode requires one). */
  metricsToken: string;
  /** Stops the apps and deletes this run's keys, exchange, queues and files. */
  stop(): Promise<void>;
}>;

/**
 * The distributed mode on the shared Redis and RabbitMQ, under this run's own key prefix,
 * exchange and projector queue, on free ports; one user registered through the sign-up pages.
 * `env` adds to (or, with undefined, removes from) what every app gets.
 */
export async function startTestSystem({
  name,
  user,
  env = {},
  ports = {},
  webhooks = false,
  onLine,
}: {
  name: string;
  user: { displayName: string; email: string; password: string };
  env?: Record<string, string | undefined>;
  ports?: DistributedOptions['ports'];
  /** Run the webhook process too (its own queue; receivers on 127.0.0.1 allowed). */
  webhooks?: boolean;
  onLine: NonNullable<DistributedOptions['onLine']>;
}): Promise<TestSystem> {
  const dir = mkdtempSync(join(tmpdir(), `taskomask-${name}-`));
  const prefix = `test:${name}:${randomUUID()}:`;
  const exchange = `test.${name}.${randomUUID()}`;
  const queue = `test.${name}.projector.${randomUUID()}`;
  const webhookQueue = `test.${name}.webhooks.${randomUUID()}`;
  const cleanUp = async () => {
    await deleteRedisKeys(serverUrls.redis, prefix);
    await deleteBusTopology(serverUrls.rabbitmq, { exchange, queues: [queue, webhookQueue] });
    rmSync(dir, { recursive: true, force: true });
  };
  let system: TestSystem['system'] | undefined;
  const metricsToken = `metrics-${randomUUID()}`;
  try {
    system = await startDistributed({
      eventStoreUrl: `${serverUrls.redis}?prefix=${encodeURIComponent(prefix)}`,
      busUrl: `${serverUrls.rabbitmq}?exchange=${exchange}`,
      readStoreUrl: `sqlite:${join(dir, 'read.db')}`,
      identityStoreUrl: `sqlite:${join(dir, 'identity.db')}`,
      ...(webhooks ? { webhookStoreUrl: `sqlite:${join(dir, 'webhooks.db')}` } : {}),
      ports: {
        identity: await freePort(),
        commands: await freePort(),
        queries: await freePort(),
        grpc: await freePort(),
        ...ports,
      },
      env: {
        WEB_CLIENT_SECRET: clientSecret,
        WEB_REDIRECT_URIS: redirectUri,
        IDENTITY_KEY_FILE: join(dir, 'identity-jwks.json'),
        PROJECTOR_QUEUE: queue,
        LOG_LEVEL: 'warn',
        REALTIME_SECRET: randomUUID() + randomUUID(),
        REALTIME_REDIS_URL: serverUrls.redis,
        METRICS_TOKEN: metricsToken,
        ...(webhooks
          ? {
              WEBHOOKS_QUEUE: webhookQueue,
              WEBHOOKS_ALLOW_PRIVATE: 'true',
              WEBHOOKS_RETRY_BASE_MS: '20',
              WEBHOOKS_POLL_MS: '20',
            }
          : {}),
        ...env,
      },
      onLine,
    });
    const p = pkce();
    const code = await registerThroughPages(
      { issuer: system.urls.identity } as RunningIdentity,
      new Browser(),
      p,
      user,
    );
    const tokens = await exchangeCode(system.urls.identity, code, p);
    const running = system;
    return {
      system: running,
      dir,
      exchange,
      queue,
      tokens,
      metricsToken,
      stop: async () => {
        await running.stop();
        await cleanUp();
      },
    };
  } catch (error) {
    await system?.stop();
    await cleanUp();
    throw error;
  }
}
