/**
 * Gathers items handed in one at a time into batches run one after another: the bus calls our
 * handler once per message, but one read-store transaction per batch is what makes the projector
 * fast. A batch starts on the next macrotask after its first item, or at once when full; each
 * item's promise settles with its batch.
 */
export class Batcher<T, R> {
  private pending: { item: T; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  private running: Promise<void> = Promise.resolve();
  private scheduled = false;

  constructor(
    private readonly maxSize: number,
    private readonly runBatch: (items: T[]) => Promise<R[]>,
  ) {}

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (this.pending.length >= this.maxSize) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    if (this.pending.length === 0) return;
    const batch = this.pending.splice(0, this.maxSize);
    // Batches never overlap: two commits racing on one board document would lose an update.
    this.running = this.running.then(async () => {
      try {
        const results = await this.runBatch(batch.map((b) => b.item));
        for (const [i, b] of batch.entries()) b.resolve(results[i]!);
      } catch (error) {
        for (const b of batch) b.reject(error);
      }
      if (this.pending.length > 0) this.flush();
    });
  }

  /** Runs `fn` between batches, never beside one (catch-up writes the same documents). */
  exclusive<X>(fn: () => Promise<X>): Promise<X> {
    const result = this.running.then(fn);
    this.running = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  /** Resolves when every batch handed so far has settled. */
  async drained(): Promise<void> {
    for (;;) {
      // A scheduled flush runs on a macrotask: yield to it rather than spin on microtasks.
      while (this.scheduled) await new Promise((r) => setImmediate(r));
      const running = this.running;
      await running;
      if (running === this.running && this.pending.length === 0 && !this.scheduled) return;
    }
  }
}
