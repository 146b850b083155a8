/**
 * Runs queued items with at most `concurrency` at once, never two with the same key at once, and
 * items of one key in the order they were pushed. With concurrency 1 it is a plain FIFO.
 * Both adapters hand their deliveries to one of these per consumer, so ordering is the same code.
 */
export class OrderedDispatch<T> {
  private pending: T[] = [];
  private readonly busyKeys = new Set<string>();
  private active = 0;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly concurrency: number,
    private readonly keyOf: (item: T) => string,
    /** Must not reject: the caller settles each item itself. */
    private readonly run: (item: T) => Promise<void>,
  ) {}

  get size(): number {
    return this.pending.length + this.active;
  }

  push(item: T): void {
    this.pending.push(item);
    this.pump();
  }

  /** Forgets queued items that were not started (their messages go back to the broker). */
  drop(predicate: (item: T) => boolean): void {
    this.pending = this.pending.filter((item) => !predicate(item));
    this.notifyIfIdle();
  }

  /** Resolves once nothing is queued or running. */
  idle(): Promise<void> {
    if (this.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    for (let i = 0; i < this.pending.length && this.active < this.concurrency; ) {
      const item = this.pending[i] as T;
      const key = this.concurrency === 1 ? '' : this.keyOf(item);
      if (this.busyKeys.has(key)) {
        i++;
        continue;
      }
      this.pending.splice(i, 1);
      this.busyKeys.add(key);
      this.active++;
      void this.run(item).finally(() => {
        this.busyKeys.delete(key);
        this.active--;
        this.pump();
        this.notifyIfIdle();
      });
    }
  }

  private notifyIfIdle(): void {
    if (this.size > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
