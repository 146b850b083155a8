// Issue 17 §2: without METRICS_TOKEN a process of the distributed mode refuses to start (it
// would serve /metrics to whoever the ingress lets in), unless METRICS_DISABLED=true says so.
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@taskomask/testkit';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Runs the command API's main with `env` until it exits or answers; its exit code and output. */
function run(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(root, 'apps/api/src/commands/main.ts')],
      {
        cwd: root,
        env: {
          PATH: process.env.PATH ?? '',
          NODE_ENV: 'production',
          EVENT_STORE_URL: 'sqlite::memory:',
          AUTH_ISSUER: 'http://127.0.0.1:9',
          AUTH_AUDIENCE: 'http://taskomask.local/api',
          AUTH_JWKS_URL: 'http://127.0.0.1:9/jwks',
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    const read = (chunk: Buffer) => {
      output += String(chunk);
      // Started: stop it, the point is made.
      if (/listening/i.test(output)) child.kill('SIGTERM');
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => done({ code, output }));
  });
}

describe('a distributed process and METRICS_TOKEN', () => {
  it('refuses to start without METRICS_TOKEN or METRICS_DISABLED', async () => {
    const { code, output } = await run({ COMMAND_PORT: String(await freePort()) });
    expect(code).toBe(1);
    expect(output).toContain('METRICS_TOKEN is required');
  }, 30_000);

  it('starts with METRICS_DISABLED=true', async () => {
    const { output } = await run({
      COMMAND_PORT: String(await freePort()),
      METRICS_DISABLED: 'true',
      LOG_LEVEL: 'info',
    });
    expect(output).not.toContain('METRICS_TOKEN is required');
    expect(output).toMatch(/listening/i);
  }, 30_000);
});
