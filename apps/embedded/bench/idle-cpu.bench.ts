// npm run bench:idle — what the embedded mode (`npm start`, without the Next.js child) costs when
// nobody uses it: CPU time of this process over a quiet window, after the start has settled.
// Raw limit beside it: the same window spent in an empty `setTimeout` (what a process that does
// nothing costs).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startEmbedded } from '@taskomask/embedded';
import { freePort } from '@taskomask/testkit';

const windowMs = Number(process.env.IDLE_WINDOW_MS ?? 60_000);
const percentOf = (usage: NodeJS.CpuUsage) => ((usage.user + usage.system) / 1000 / windowMs) * 100;

await sleep(2_000); // module loading and JIT settle first
const emptyStart = process.cpuUsage();
await sleep(Math.min(windowMs, 5_000));
const empty = process.cpuUsage(emptyStart);

const dir = mkdtempSync(join(tmpdir(), 'taskomask-idle-'));
const system = await startEmbedded({
  dataDir: dir,
  web: false,
  ports: {
    identity: await freePort(),
    commands: await freePort(),
    queries: await freePort(),
    web: await freePort(),
  },
  logLevel: 'silent',
});
try {
  await sleep(3_000); // let the start settle (catch-up, first lease, JIT)
  const start = process.cpuUsage();
  await sleep(windowMs);
  const idle = process.cpuUsage(start);
  console.log(
    `[idle] embedded, ${windowMs / 1000} s idle: ${((idle.user + idle.system) / 1000).toFixed(0)} ms CPU = ${percentOf(idle).toFixed(2)} % of a core` +
      ` (an empty process: ${(((empty.user + empty.system) / 1000 / Math.min(windowMs, 5_000)) * 100).toFixed(2)} %)`,
  );
} finally {
  await system.close();
  rmSync(dir, { recursive: true, force: true });
}
