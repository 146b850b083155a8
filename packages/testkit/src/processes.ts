import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// Our apps as real child processes, for tests that kill one (SIGKILL, not a function call) and
// start it again. Every wait has a deadline and fails at once, with the process's output, when a
// process it depends on exits.

/** The repository root: scripts are given relative to it, and children run in it. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export type ProcessExit = { code: number | null; signal: NodeJS.Signals | null };

export type TestProcess = {
  readonly name: string;
  readonly pid: number;
  /** Resolves when the process has exited (never rejects). */
  readonly exited: Promise<ProcessExit>;
  /** How it exited, or undefined while it runs. */
  exit(): ProcessExit | undefined;
  /** Everything it wrote to stdout and stderr so far (the newest 256 kB). */
  output(): string;
  /** The first output line matching `pattern`, already written or still to come. */
  waitForLine(pattern: RegExp, options?: { timeoutMs?: number }): Promise<string>;
  /** Sends a signal, e.g. SIGSTOP/SIGCONT to freeze and thaw it (a long GC pause, a frozen VM). */
  signal(signal: NodeJS.Signals): void;
  /** SIGKILL: no handler runs, nothing is flushed or acked. Resolves once it has exited. */
  kill(): Promise<ProcessExit>;
  /** SIGTERM, then SIGKILL if it has not exited within `timeoutMs`. */
  stop(options?: { timeoutMs?: number }): Promise<ProcessExit>;
};

const OUTPUT_LIMIT = 256 * 1024;
const live = new Set<ChildProcess>();
let reaperInstalled = false;

/** Never leave a child behind when the test worker exits, whatever happened. */
function installReaper() {
  if (reaperInstalled) return;
  reaperInstalled = true;
  process.once('exit', () => {
    for (const child of live) child.kill('SIGKILL');
  });
}

/**
 * Starts `node --import tsx <script>` (the script relative to the repository root) with the test
 * process's environment plus `env`. Node itself is the child, so a signal reaches the app, not a
 * wrapper such as npx.
 */
export function startProcess({
  name,
  script,
  env = {},
  args = [],
}: {
  name: string;
  script: string;
  env?: Record<string, string>;
  args?: string[];
}): TestProcess {
  installReaper();
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error(`${name}: could not spawn ${script}`);
  live.add(child);
  let output = '';
  let partial = { stdout: '', stderr: '' };
  const lines: string[] = [];
  const lineWaiters = new Set<(line: string) => void>();
  let exitState: ProcessExit | undefined;

  const onData = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    output = (output + text).slice(-OUTPUT_LIMIT);
    const pieces = (partial[stream] + text).split('\n');
    partial = { ...partial, [stream]: pieces.pop() ?? '' };
    for (const line of pieces) {
      lines.push(line);
      for (const waiter of lineWaiters) waiter(line);
    }
  };
  child.stdout.on('data', onData('stdout'));
  child.stderr.on('data', onData('stderr'));
  const exited = new Promise<ProcessExit>((resolve) => {
    child.once('exit', (code, signal) => {
      exitState = { code, signal };
      live.delete(child);
      resolve(exitState);
    });
  });

  const handle: TestProcess = {
    name,
    pid: child.pid,
    exited,
    exit: () => exitState,
    output: () => output,
    waitForLine(pattern, { timeoutMs = 30_000 } = {}) {
      const seen = lines.find((line) => pattern.test(line));
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise<string>((resolve, reject) => {
        const done = () => {
          clearTimeout(timer);
          lineWaiters.delete(onLine);
        };
        const onLine = (line: string) => {
          if (!pattern.test(line)) return;
          done();
          resolve(line);
        };
        const timer = setTimeout(() => {
          done();
          reject(failure(`${name} wrote no line matching ${pattern} within ${timeoutMs} ms`));
        }, timeoutMs);
        lineWaiters.add(onLine);
        void exited.then((how) => {
          if (!lineWaiters.has(onLine)) return;
          done();
          reject(failure(`${name} exited (${describeExit(how)}) before writing ${pattern}`));
        });
      });
    },
    signal(signal) {
      if (exitState) throw failure(`${name} has exited; cannot send ${signal}`);
      child.kill(signal);
    },
    async kill() {
      if (!exitState) child.kill('SIGKILL');
      return exited;
    },
    async stop({ timeoutMs = 15_000 } = {}) {
      if (exitState) return exitState;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
  const failure = (message: string) => new Error(`${message}\n${describeOutput(handle)}`);
  return handle;
}

function describeExit({ code, signal }: ProcessExit): string {
  return signal ? `signal ${signal}` : `code ${code}`;
}

function describeOutput(p: TestProcess): string {
  const text = p.output().slice(-4_000).trimEnd();
  return `--- ${p.name} (pid ${p.pid}) output${text ? '' : ': none'} ---${text ? `\n${text}` : ''}`;
}

/**
 * Polls `check` until it returns a truthy value. Fails at once if one of `processes` exits (a
 * child that crashed will never make the condition true), and after `timeoutMs` otherwise; both
 * errors carry the processes' output.
 */
export async function waitWhileRunning<T>(
  processes: readonly TestProcess[],
  check: () => T | Promise<T>,
  { timeoutMs = 30_000, intervalMs = 25, what = 'condition' } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    const dead = processes.find((p) => p.exit() !== undefined);
    if (dead) {
      throw new Error(
        `${dead.name} exited (${describeExit(dead.exit()!)}) while waiting for ${what}\n` +
          processes.map(describeOutput).join('\n'),
      );
    }
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const detail = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${detail}\n` +
          processes.map(describeOutput).join('\n'),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
