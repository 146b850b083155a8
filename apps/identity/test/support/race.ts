import type { EventStore } from '@taskomask/eventstore';

/**
 * The real event store, except that the first `parties` reads of `stream` wait for each other:
 * every racer then decides on the same (empty) state, so the store's version check — not luck —
 * decides who wins. In-process SQLite would otherwise run each load → append without a gap.
 */
export function withReadBarrier(store: EventStore, stream: string, parties: number): EventStore {
  let arrived = 0;
  let release!: () => void;
  const allThere = new Promise<void>((resolve) => {
    release = resolve;
  });
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property !== 'readStream') return Reflect.get(target, property, receiver);
      return async (name: string, options?: { fromVersion?: number; limit?: number }) => {
        const events = await target.readStream(name, options);
        if (name === stream && arrived < parties) {
          arrived += 1;
          if (arrived === parties) release();
          await allThere;
        }
        return events;
      };
    },
  });
}
