/**
 * The projector's commit notices, as the query side hears them (the Redis notice channel of the
 * distributed mode): a query waiting for a `minPosition` wakes on the first commit at or past it
 * instead of polling the read store.
 */
export type CommitSignal = {
  /** A batch committed up to `position`. */
  committed(position: number): void;
  /**
   * Resolves on a commit at or past `position`, or after `timeoutMs`, whichever comes first. The
   * caller reads the store's position again either way: a notice is a hint, and may be lost.
   */
  until(position: number, timeoutMs: number): Promise<void>;
};

export function commitSignal(): CommitSignal {
  const waiting = new Set<{ position: number; wake: () => void }>();
  return {
    committed(position) {
      for (const waiter of waiting) if (position >= waiter.position) waiter.wake();
    },
    until(position, timeoutMs) {
      return new Promise<void>((resolve) => {
        const waiter = {
          position,
          wake: () => {
            clearTimeout(timer);
            waiting.delete(waiter);
            resolve();
          },
        };
        const timer = setTimeout(waiter.wake, timeoutMs);
        waiting.add(waiter);
      });
    },
  };
}
