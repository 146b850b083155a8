import type { EventStore } from '@taskomask/eventstore';
import type { ReadStoreCatalog } from '@taskomask/readstore';
import { applyBatch } from './apply-batch';
import { readModels } from './project-event';

export type RebuildProgress = {
  done: number;
  total: number;
  ratePerSecond: number;
  etaSeconds: number;
};

export type RebuildResult = {
  generation: string;
  previous: string;
  events: number;
  seconds: number;
};

/**
 * Replays the whole event store into a fresh generation of the read store while the current one
 * keeps serving, then makes the fresh one current. The live projector notices the switch and
 * replays whatever arrived after the rebuild's last batch.
 */
export async function rebuildReadModels({
  eventStore,
  catalog,
  batchSize = 100_000,
  onProgress,
  holder = `rebuild:${process.pid}`,
  toPosition = Number.POSITIVE_INFINITY,
}: {
  eventStore: EventStore;
  catalog: ReadStoreCatalog;
  batchSize?: number;
  onProgress?: (progress: RebuildProgress) => void;
  holder?: string;
  /** Replays up to this position (inclusive): the read models as of that moment of the log. */
  toPosition?: number;
}): Promise<RebuildResult> {
  if (!(await eventStore.acquireLease('rebuild', holder, 24 * 3600_000))) {
    throw new Error('another rebuild is running');
  }
  try {
    const previous = await catalog.current();
    const generation = await catalog.nextGeneration();
    const store = await catalog.open(generation);
    const started = performance.now();
    let done = 0;
    let from = 1;
    while (from <= toPosition) {
      const limit = Math.min(batchSize, toPosition - from + 1);
      const events = await eventStore.readAll({ fromPosition: from, limit });
      if (events.length === 0) break;
      await applyBatch(events, { readStore: store, eventStore, ...readModels });
      done += events.length;
      from = events.at(-1)!.globalPosition + 1;
      if (onProgress) {
        const total = Math.max(done, Math.min(toPosition, await eventStore.headPosition()));
        const ratePerSecond = done / ((performance.now() - started) / 1000);
        onProgress({ done, total, ratePerSecond, etaSeconds: (total - done) / ratePerSecond });
      }
    }
    await catalog.switchTo(generation);
    // Keep the generation just replaced (a process may still read it for a moment), drop older.
    for (const g of await catalog.generations()) {
      if (g !== generation && g !== previous) await catalog.drop(g);
    }
    return { generation, previous, events: done, seconds: (performance.now() - started) / 1000 };
  } finally {
    await eventStore.releaseLease('rebuild', holder);
  }
}
