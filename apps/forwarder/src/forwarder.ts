import { randomUUID } from 'node:crypto';
import type { EventStore } from '@taskomask/eventstore';
import { eventMessage, type MessageBus } from '@taskomask/messaging';

export type ForwarderOptions = {
  store: EventStore;
  bus: MessageBus;
  /** Names the checkpoint and the lease: one active forwarder per name. */
  name?: string;
  batchSize?: number;
  /**
   * How long the lease lasts unless renewed; it is renewed every third of it (not per batch),
   * and a standby waits that long to take over from a holder that died.
   */
  leaseMs?: number;
  /** Longest wait between retries while the bus refuses to confirm. */
  maxBackoffMs?: number;
  onError?: (error: unknown) => void;
  onForwarded?: (position: number, count: number) => void;
};

export type Forwarder = {
  readonly holder: string;
  /** Global position of the last event the bus confirmed. */
  checkpoint(): Promise<number>;
  stop(): Promise<void>;
};

/**
 * Publishes the global log to the bus in order. The checkpoint moves only after the bus confirmed
 * a batch, so a crash re-publishes at most one batch (consumers are idempotent). A lease in the
 * event store keeps a single active forwarder; a standby takes over when the holder stops renewing.
 * The holder renews once a third of the lease has passed since it last held it — before a batch,
 * or on waking from an idle wait that lasts until then — so a batch is always published under a
 * lease with at least two thirds of its time left, and an idle forwarder writes nothing else.
 */
export function startForwarder({
  store,
  bus,
  name = 'forwarder',
  batchSize = 500,
  leaseMs = 10_000,
  maxBackoffMs = 5_000,
  onError = (error) => console.error('[forwarder]', error),
  onForwarded,
}: ForwarderOptions): Forwarder {
  const holder = `${name}:${randomUUID()}`;
  const renewEveryMs = leaseMs / 3;
  let running = true;
  let wake: (() => void) | undefined;
  let stopped: () => void = () => undefined;
  const stopping = new Promise<void>((resolve) => {
    stopped = resolve;
  });
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  async function loop(): Promise<void> {
    let backoff = 100;
    /** When the lease was last confirmed ours: the time taken before asking, to be safe. */
    let heldSince = Number.NEGATIVE_INFINITY;
    while (running) {
      try {
        const now = performance.now();
        if (now - heldSince >= renewEveryMs) {
          if (!(await store.acquireLease(name, holder, leaseMs))) {
            heldSince = Number.NEGATIVE_INFINITY;
            await pause(renewEveryMs);
            continue;
          }
          heldSince = now;
        }
        const from = (await store.getCheckpoint(name)) + 1;
        const events = await store.readAll({ fromPosition: from, limit: batchSize });
        if (events.length === 0) {
          // Wake on the next append, or when the lease is due for renewal; stop() wakes it too
          // (the store's wait then ends on its own, or when the store closes).
          const renewalDue = heldSince + renewEveryMs - performance.now();
          await Promise.race([
            store.waitForPosition(from, Math.max(1, renewalDue)).catch(() => false),
            stopping,
          ]);
          continue;
        }
        await bus.publish(events.map(eventMessage));
        const last = events.at(-1)!.globalPosition;
        await store.setCheckpoint(name, last);
        onForwarded?.(last, events.length);
        backoff = 100;
      } catch (error) {
        if (!running) break;
        onError(error);
        await pause(backoff);
        backoff = Math.min(backoff * 2, maxBackoffMs);
      }
    }
  }

  const done = loop();
  return {
    holder,
    checkpoint: () => store.getCheckpoint(name),
    async stop() {
      running = false;
      wake?.();
      stopped();
      await done;
      await store.releaseLease(name, holder).catch(() => {});
    },
  };
}
