import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbedded } from '@taskomask/embedded';
import { freePort } from '@taskomask/testkit';

export type System = {
  web: string;
  identity: string;
  commands: string;
  queries: string;
  /** Drops a removed member's sockets (the bus does it when a MemberRemoved is projected). */
  dropMember(workspaceId: string, ownerId: string): Promise<void>;
  close(): Promise<void>;
};

/**
 * The system as `npm start` runs it — identity, command API, query API with Socket.IO,
 * projector, forwarder, and the web app — on free ports with its data in a temp dir.
 */
export async function startSystem(): Promise<System> {
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
    });
    return {
      web: system.urls.web!,
      identity: system.urls.identity,
      commands: system.urls.commands,
      queries: system.urls.queries,
      dropMember: system.dropMember,
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
