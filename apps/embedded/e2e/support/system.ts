import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Embedded, startEmbedded } from '@taskomask/embedded';
import { freePort } from '@taskomask/testkit';

export type System = {
  web: string;
  identity: string;
  commands: string;
  queries: string;
  /** Drops a removed member's sockets (the bus does it when a MemberRemoved is projected). */
  dropMember(workspaceId: string, ownerId: string): Promise<void>;
  /** The identity service's OpenID provider (its events: refresh tokens consumed, grant errors). */
  identityProvider: Embedded['identityProvider'];
  close(): Promise<void>;
};

export type SystemOptions = {
  /** Seconds an access token lives (IDENTITY_ACCESS_TOKEN_TTL); 600 by default. */
  accessTokenTtl?: number;
  /** More environment for the services (e.g. WEBHOOKS_ALLOW_PRIVATE for a local receiver). */
  env?: Record<string, string>;
};

/**
 * The system as `npm start` runs it — identity, command API, query API with Socket.IO,
 * projector, forwarder, and the web app — on free ports with its data in a temp dir.
 */
export async function startSystem(options: SystemOptions = {}): Promise<System> {
  const dataDir = mkdtempSync(join(tmpdir(), 'taskomask-web-e2e-'));
  const [identity, commands, queries, web] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
    freePort(),
  ]);
  try {
    const system = await startEmbedded({
      dataDir,
      ports: { identity, commands, queries, web },
      logLevel: 'silent',
      env: {
        ...options.env,
        ...(options.accessTokenTtl === undefined
          ? {}
          : { IDENTITY_ACCESS_TOKEN_TTL: String(options.accessTokenTtl) }),
      },
    });
    return {
      web: system.urls.web!,
      identity: system.urls.identity,
      commands: system.urls.commands,
      queries: system.urls.queries,
      dropMember: system.dropMember,
      identityProvider: system.identityProvider,
      async close() {
        await system.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}
