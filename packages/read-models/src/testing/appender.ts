import { setTimeout as pause } from 'node:timers/promises';
import type { EventStore, StreamAppend } from '@taskomask/eventstore';

export type Appender = {
  /** Events appended so far. */
  readonly events: number;
  /** Resolves when every append is in, or after `stop()`; rejects if an append failed. */
  readonly done: Promise<void>;
  stop(): Promise<void>;
};

/**
 * Appends `appends` one command at a time, as the command side would, in a steady flow: it pauses
 * `paceMs` after every `every` appends. The pause shapes the load (the stream must still be
 * flowing when a test kills something); no test waits on it.
 */
export function startAppending(
  store: EventStore,
  appends: Iterable<StreamAppend>,
  { paceMs = 1, every = 1 }: { paceMs?: number; every?: number } = {},
): Appender {
  let running = true;
  let events = 0;
  const done = (async () => {
    let n = 0;
    for (const append of appends) {
      if (!running) return;
      await store.appendToStreams([append]);
      events += append.events.length;
      if (++n % every === 0) await pause(paceMs);
    }
  })();
  // Marked handled here; whoever awaits `done` or `stop()` still sees the failure.
  done.catch(() => {});
  return {
    get events() {
      return events;
    },
    done,
    async stop() {
      running = false;
      await done;
    },
  };
}
