import { randomUUID } from 'node:crypto';
import type { EventStore } from '@taskomask/eventstore';
import { eventMessage, type MessageBus } from '@taskomask/messaging';

export type ForwarderOptions = {
  store: EventStore;
  bus: MessageBus;
  /** Names the checkpoint and the lease: one active forwarder per name. */
  name?: string;
  batchSize?: number;
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
  let running = true;
  let wake: (() => void) | undefined;
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
    while (running) {
      try {
        if (!(await store.acquireLease(name, holder, leaseMs))) {
          await pause(leaseMs / 3);
          continue;
        }
        const from = (await store.getCheckpoint(name)) + 1;
        const events = await store.readAll({ fromPosition: from, limit: batchSize });
        if (events.length === 0) {
          // Wake on the next append, but renew the lease well before it lapses.
          await store.waitForPosition(from, Math.min(1_000, leaseMs / 3));
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
      await done;
      await store.releaseLease(name, holder).catch(() => {});
    },
  };
}
