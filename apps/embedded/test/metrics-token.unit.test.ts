// Issue 17 §2: the embedded mode never serves /metrics to the network without a token.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { embeddedMetricsToken, isLoopback } from '../src/metrics-token';

describe('the embedded mode’s /metrics token', () => {
  const dir = mkdtempSync(join(tmpdir(), 'taskomask-metrics-token-'));
  afterEach(() => rmSync(join(dir, 'metrics-token'), { force: true }));

  it('needs none on loopback, where only this machine reaches /metrics', () => {
    for (const host of ['127.0.0.1', '127.0.1.1', 'localhost', '::1']) {
      expect(isLoopback(host), host).toBe(true);
      expect(embeddedMetricsToken(dir, host, undefined)).toEqual({ token: undefined });
    }
  });

  it('makes one at first start when it listens beyond loopback, keeps it, tells where', () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.5']) expect(isLoopback(host), host).toBe(false);
    const first = embeddedMetricsToken(dir, '0.0.0.0', undefined);
    expect(first.file).toBe(join(dir, 'metrics-token'));
    expect(first.token).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(first.file!, 'utf8')).toBe(first.token);
    expect(statSync(first.file!).mode & 0o777).toBe(0o600);
    expect(embeddedMetricsToken(dir, '::', undefined).token).toBe(first.token);
  });

  it('takes METRICS_TOKEN when given, wherever it listens', () => {
    expect(embeddedMetricsToken(dir, '0.0.0.0', 'given-token-of-some-length')).toEqual({
      token: 'given-token-of-some-length',
    });
  });
});
