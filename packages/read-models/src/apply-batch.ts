import { type RecordedEvent, upcastEvent } from '@taskomask/domain';
import type { EventStore } from '@taskomask/eventstore';
import type { ReadStore } from '@taskomask/readstore';
import { DocCache } from './doc-cache';

/** Folds one event into the documents it touches; pure apart from reading and writing `docs`. */
export type Projection<Notice> = (event: RecordedEvent, docs: DocCache) => Promise<Notice[]>;

/** Which documents (by collection) a batch will touch, to read them up front. */
export type Prefetch = (events: readonly RecordedEvent[]) => Record<string, string[]>;

export type BatchResult<Notice> = {
  applied: number;
  duplicates: number;
  /** Events fetched from the event store because the bus had not delivered them yet. */
  gapFilled: number;
  position: number;
  notices: Notice[];
};

/**
 * Applies events exactly once per stream version and commits documents together with each
 * stream's new version. A redelivered event (version already applied) changes nothing; an event
 * that arrives ahead of its predecessors makes us read the missing ones from the event store
 * first — a gap is never skipped.
 */
export async function applyBatch<Notice>(
  batch: readonly RecordedEvent[],
  {
    readStore,
    eventStore,
    project,
    prefetch,
  }: {
    readStore: ReadStore;
    eventStore: EventStore;
    project: Projection<Notice>;
    prefetch?: Prefetch;
  },
): Promise<BatchResult<Notice>> {
  // Events reach the read models from the bus too, where one published by an older forwarder may
  // still wait: upcast them here as the event store's reads do (a current event passes as is).
  const events = batch.map(upcastEvent);
  const streams = [...new Set(events.map((e) => e.streamName))];
  const versions = await readStore.streamVersions(streams);
  const changed = new Set<string>();
  const docs = new DocCache(readStore);
  if (prefetch) {
    for (const [collection, ids] of Object.entries(prefetch(events))) {
      await docs.prefetch(collection, ids);
    }
  }
  const notices: Notice[] = [];
  let duplicates = 0;
  let gapFilled = 0;
  let applied = 0;
  let position = 0;

  const apply = async (event: RecordedEvent) => {
    notices.push(...(await project(event, docs)));
    versions.set(event.streamName, event.streamVersion);
    changed.add(event.streamName);
    position = Math.max(position, event.globalPosition);
    applied++;
  };

  for (const event of events) {
    const last = versions.get(event.streamName) ?? 0;
    if (event.streamVersion <= last) {
      duplicates++;
      continue;
    }
    if (event.streamVersion > last + 1) {
      const missing = await eventStore.readStream(event.streamName, {
        fromVersion: last + 1,
        limit: event.streamVersion - last - 1,
      });
      if (missing.length !== event.streamVersion - last - 1) {
        throw new Error(
          `event store lacks ${event.streamName} versions ${last + 1}..${event.streamVersion - 1}`,
        );
      }
      for (const m of missing) await apply(m);
      gapFilled += missing.length;
    }
    await apply(event);
  }

  if (applied > 0) {
    await readStore.commit({
      ...docs.changes(),
      streams: [...changed].map((stream) => ({ stream, version: versions.get(stream)! })),
      position,
    });
  }
  return { applied, duplicates, gapFilled, position, notices };
}
