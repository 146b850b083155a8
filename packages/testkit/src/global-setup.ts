import type { TestProject } from 'vitest/node';
import { type ServerName, serverUrls, tcpReachable } from './servers';

declare module 'vitest' {
  export interface ProvidedContext {
    serversDown: Partial<Record<ServerName, string>>;
  }
}

// Probes each server once. In CI a missing Redis or RabbitMQ fails the run; elsewhere the suites
// that need it are skipped and the reason is printed here and by the totals reporter.
export default async function setup(project: TestProject): Promise<void> {
  const down: Partial<Record<ServerName, string>> = {};
  for (const server of ['redis', 'rabbitmq'] as const) {
    const url = serverUrls[server];
    if (!(await tcpReachable(url)))
      down[server] = `${server} is not reachable at ${new URL(url).host}`;
  }
  const reasons = Object.values(down);
  if (reasons.length > 0 && process.env.CI === 'true') {
    throw new Error(`CI needs every server: ${reasons.join('; ')}`);
  }
  for (const reason of reasons) console.warn(`[testkit] skipping suites: ${reason}`);
  if (!serverUrls.mongodb) console.warn('[testkit] MongoDB suites skipped: MONGODB_URL is not set');
  // The reporter runs in this process; the env carries the reasons to it.
  process.env.TASKOMASK_TEST_SKIP_REASONS = reasons.join('; ');
  project.provide('serversDown', down);
}
