import type { RecordedEvent } from '@taskomask/domain';
import type { EventStore } from '@taskomask/eventstore';
import type { ReadStore, ReadStoreCatalog } from '@taskomask/readstore';

export type Generations = {
  /** The store queries should read now. */
  store(): ReadStore;
  /** Applies everything the event store holds past the read store's position. */
  catchUp(): Promise<number>;
  /** At most every `switchCheckMs`: a rebuild made another generation current? Read from it, and replay what it may lack. */
  followSwitch(): Promise<void>;
};

/**
 * The read store generation the projector writes, and the catch-up from the event store that
 * fills what the bus did not bring (the first start, a switch to a rebuilt generation).
 */
export async function openGenerations({
  catalog,
  eventStore,
  apply,
  batchSize,
  switchCheckMs,
}: {
  catalog: ReadStoreCatalog;
  eventStore: EventStore;
  apply: (events: RecordedEvent[]) => Promise<{ applied: number }>;
  batchSize: number;
  switchCheckMs: number;
}): Promise<Generations> {
  let generation = await catalog.current();
  let store = await catalog.open(generation);
  let lastSwitchCheck = Date.now();

  const catchUp = async () => {
    let applied = 0;
    for (;;) {
      const from = (await store.position()) + 1;
      const events = await eventStore.readAll({ fromPosition: from, limit: batchSize });
      if (events.length === 0) return applied;
      applied += (await apply(events)).applied;
    }
  };

  const followSwitch = async () => {
    if (Date.now() - lastSwitchCheck < switchCheckMs) return;
    lastSwitchCheck = Date.now();
    const current = await catalog.current();
    if (current === generation) return;
    generation = current;
    store = await catalog.open(current);
    await catchUp();
  };

  return { store: () => store, catchUp, followSwitch };
}

/**
 * Catches up until it succeeds. The event store may be down at start (Redis restarting): waiting
 * beats failing, which would end the process and hand every prefetched delivery back, each return
 * counting toward the delivery limit (RabbitMQ 3.x), so a crash loop would dead-letter good events.
 */
export async function catchUpWithBackoff(
  catchUp: () => Promise<number>,
  onError: (error: unknown) => void,
): Promise<number> {
  for (let backoff = 100; ; backoff = Math.min(backoff * 2, 5_000)) {
    try {
      return await catchUp();
    } catch (error) {
      onError(error);
      await new Promise((resolve) => setTimeout(resolve, backoff));
    }
  }
}
