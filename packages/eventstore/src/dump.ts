import { redact } from '@taskomask/config';
import { redisUrlOptions } from './from-url';

/**
 * One stored event as the store keeps it: `data` and `metadata` are the stored JSON text, carried
 * as is, so an export never re-encodes (or upcasts) what was written.
 */
export type DumpedEvent = Readonly<{
  globalPosition: number;
  streamName: string;
  streamVersion: number;
  type: string;
  data: string;
  metadata: string;
  occurredAt: string;
  /** The event's schema version as stored (1 for events from before versions were kept). */
  schemaVersion: number;
}>;

/** What the store keeps beside the log: the keyed conditions' state and the followers' checkpoints. */
export type KeyedState = Readonly<{
  claims: readonly Readonly<{ set: string; member: string; owner: string }>[];
  counters: readonly Readonly<{ key: string; value: number }>[];
  seeds: readonly string[];
  checkpoints: readonly Readonly<{ name: string; position: number }>[];
}>;

/**
 * Raw export and import of a whole event store, beside the adapters (their append and read paths
 * are untouched). An export is a cut: `snapshot` gives the head position with the keyed state of
 * that same instant, and `readEvents` reads the immutable log up to it. An import loads into an
 * empty store only, keeping global positions and stream versions exactly.
 */
export interface EventLogDump {
  snapshot(): Promise<{ position: number; keyed: KeyedState }>;
  /** Events from `fromPosition` to `toPosition` (both inclusive), at most `limit`, in order. */
  readEvents(fromPosition: number, toPosition: number, limit: number): Promise<DumpedEvent[]>;
  /** True when the store holds no event, no keyed state and no checkpoint. */
  isEmpty(): Promise<boolean>;
  /** Appends events that continue the log exactly (the first at head + 1, each stream's next version). */
  loadEvents(events: readonly DumpedEvent[]): Promise<void>;
  loadKeyed(state: KeyedState): Promise<void>;
  close(): Promise<void>;
}

export class StoreNotEmptyError extends Error {
  constructor(what: string) {
    super(`${what} is not empty: restore and migrate load into empty stores only`);
    this.name = 'StoreNotEmptyError';
  }
}

/** Checks that `events` continue a log at `head` whose streams are at `versionOf`. */
export function checkContinues(
  events: readonly DumpedEvent[],
  head: number,
  versionOf: (stream: string) => number,
): Map<string, number> {
  const next = new Map<string, number>();
  let position = head;
  for (const e of events) {
    if (e.globalPosition !== position + 1) {
      throw new Error(`event at position ${e.globalPosition} does not follow ${position}`);
    }
    position = e.globalPosition;
    const version = next.get(e.streamName) ?? versionOf(e.streamName);
    if (e.streamVersion !== version + 1) {
      throw new Error(
        `event at position ${e.globalPosition} has version ${e.streamVersion} of ${e.streamName}, expected ${version + 1}`,
      );
    }
    next.set(e.streamName, e.streamVersion);
  }
  return next;
}

/** The dump of the store an EVENT_STORE_URL names (see eventStoreFromUrl). */
export async function eventLogDumpFromUrl(url: string): Promise<EventLogDump> {
  if (url.startsWith('redis://') || url.startsWith('rediss://')) {
    const parsed = redisUrlOptions(url);
    const { redisEventLogDump } = await import('./redis/dump');
    return redisEventLogDump({ url: parsed.url, keyPrefix: parsed.keyPrefix ?? '' });
  }
  if (url.startsWith('sqlite:')) {
    const { sqliteEventLogDump } = await import('./sqlite/dump');
    return sqliteEventLogDump({ path: url.slice('sqlite:'.length) });
  }
  throw new Error(`EVENT_STORE_URL must start with redis:// or sqlite:, got "${redact(url)}"`);
}
