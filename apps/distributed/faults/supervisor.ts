import type { Distributed, RunningApp } from '../src/start-distributed';

/**
 * Plays the part of the container orchestrator: an app whose process exits on its own is started
 * again after a pause (and counted, since it is worth knowing), as Kubernetes or Compose with
 * `restart: always` would. Faults the harness injects go through `restart`, so they are not
 * counted as crashes.
 */
export class Supervisor {
  /** Exits nobody asked for, by app. */
  readonly crashes: Record<string, number> = {};
  /** Why each of them happened, as far as the app's last words tell. */
  readonly reasons: string[] = [];
  private readonly busy = new Set<string>();
  private stopped = false;

  constructor(
    private readonly system: Distributed,
    private readonly log: (line: string) => void = () => {},
    /** The app's last line that looked like an error. */
    private readonly lastWords: (name: string) => string = () => '',
  ) {
    for (const app of system.apps) this.watch(app);
  }

  /** Ends the app with `signal` and starts it again (once it answers its health check). */
  restart(name: string, signal: NodeJS.Signals): Promise<void> {
    return this.respawn(name, 0, signal);
  }

  /** True while every app runs and none is being restarted. */
  allUp(): boolean {
    return (
      this.busy.size === 0 &&
      this.system.apps.every((a) => a.child.exitCode === null && a.child.signalCode === null)
    );
  }

  /** No more restarts: the harness is stopping the system. */
  stop(): void {
    this.stopped = true;
  }

  private watch(app: RunningApp): void {
    const child = app.child;
    const exited = () => {
      if (this.stopped || this.busy.has(app.name) || app.child !== child) return;
      this.crashes[app.name] = (this.crashes[app.name] ?? 0) + 1;
      this.reasons.push(`${app.name}: ${this.lastWords(app.name)}`);
      this.log(`${app.name} exited on its own (${child.exitCode ?? child.signalCode}); restarting`);
      void this.respawn(app.name, 1_000);
    };
    if (child.exitCode !== null || child.signalCode !== null) exited();
    else child.once('exit', exited);
  }

  private async respawn(name: string, delayMs: number, signal?: NodeJS.Signals): Promise<void> {
    while (this.busy.has(name)) await new Promise((r) => setTimeout(r, 100));
    this.busy.add(name);
    try {
      await new Promise((r) => setTimeout(r, delayMs));
      for (let attempt = 1; !this.stopped; attempt++) {
        try {
          const app = await this.system.restart(name, attempt === 1 ? signal : undefined);
          this.watch(app);
          return;
        } catch (error) {
          // It exited before it was healthy (a dependency is down): count it and try again.
          this.crashes[name] = (this.crashes[name] ?? 0) + 1;
          this.reasons.push(`${name}: ${this.lastWords(name)}`);
          this.log(`${name} did not come up (${String(error)}); retrying`);
          await new Promise((r) => setTimeout(r, 1_000));
        }
      }
    } finally {
      this.busy.delete(name);
    }
  }
}
