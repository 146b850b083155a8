import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';

/** Whether `host` is a loopback interface only this machine reaches. */
export function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}

export type EmbeddedMetricsToken = Readonly<{
  /** Undefined: /metrics is open, but only on loopback. */
  token: string | undefined;
  /** The file a token was made in (first start) or read from, to tell the operator. */
  file?: string;
}>;

/**
 * METRICS_TOKEN when given; else, on loopback, none (only this machine reaches /metrics); else a
 * token made at first start in the data dir (mode 600), so /metrics never answers the network.
 */
export function embeddedMetricsToken(
  dataDir: string,
  host: string,
  given: string | undefined,
): EmbeddedMetricsToken {
  if (given?.trim()) return { token: given.trim() };
  if (isLoopback(host)) return { token: undefined };
  const file = join(dataDir, 'metrics-token');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return { token: readFileSync(file, 'utf8').trim(), file };
}
