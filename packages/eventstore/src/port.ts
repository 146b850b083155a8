import type { EventMetadata, RecordedEvent } from '@taskomask/domain';

/**
 * A stream's version is the number of events in it: the first event has streamVersion 1.
 * `no_stream` demands that the stream does not exist yet, a number that the stream is exactly
 * at that version, `any` skips the check.
 */
export type ExpectedVersion = number | 'no_stream' | 'any';

/** The expectation for a stream read at `version`: absent when it was 0. */
export const expectedFor = (version: number): ExpectedVersion =>
  version === 0 ? 'no_stream' : version;

export type NewEvent = Readonly<{
  type: string;
  data: unknown;
  metadata: EventMetadata;
  /** ISO instant; the store stamps its own clock when absent. */
  occurredAt?: string;
  /**
   * The version of `data`'s shape; when absent, the version today's domain writes for `type`
   * (`currentSchemaVersion`). Given explicitly only by code that copies stored events.
   */
  schemaVersion?: number;
}>;

/**
 * How an adapter hands out what it read. The default, the domain's `upcastEvent`, gives every
 * reader events in today's shape; `raw` (an identity) gives them exactly as stored, with the
 * version they were stored at — for copying a log, never for folding it.
 */
export type ReadShape = Readonly<{ upcast?: (event: RecordedEvent) => RecordedEvent }>;

/** Reads events as stored, without upcasting them. */
export const raw: ReadShape = { upcast: (event) => event };

export type StreamAppend = Readonly<{
  stream: string;
  events: readonly NewEvent[];
  expectedVersion: ExpectedVersion;
}>;

export type AppendResult = Readonly<{ nextVersion: number; lastGlobalPosition: number }>;

/** A stream the writer decided on but does not write: it must still be at `expectedVersion`. */
export type StreamCheck = Readonly<{ stream: string; expectedVersion: ExpectedVersion }>;

/**
 * A keyed condition checked and applied in the same transaction as the append, in order, each
 * seeing the effect of the ones before it:
 * - `claim`: `member` of `set` becomes `owner`'s; fails when another owner holds it.
 * - `release`: `member` of `set` is freed if `owner` holds it (never fails).
 * - `counter`: `key` (0 when absent) moves by `delta`; fails when the result leaves
 *   [`min`, `max`] (either bound optional; `delta: 0, max: 0` asserts the counter is 0).
 * - `seed`: the first time `marker` is seen, adds its claims and counter values (for keys that
 *   begin life holding what an older log already says); later seeds of the same marker do
 *   nothing. Never fails.
 * Keys live beside the streams, in the store's own namespace.
 */
export type AppendCondition =
  | Readonly<{ kind: 'claim'; set: string; member: string; owner: string }>
  | Readonly<{ kind: 'release'; set: string; member: string; owner: string }>
  | Readonly<{ kind: 'counter'; key: string; delta: number; min?: number; max?: number }>
  | Readonly<{
      kind: 'seed';
      marker: string;
      claims: readonly Readonly<{ set: string; member: string; owner: string }>[];
      counters: readonly Readonly<{ key: string; value: number }>[];
    }>;

export type AppendOptions = Readonly<{
  /** Read-only version checks: a failed one is a WrongExpectedVersionError like an append's. */
  checks?: readonly StreamCheck[];
  /** A failed one throws ConditionFailedError naming its index; nothing is written. */
  conditions?: readonly AppendCondition[];
}>;

export interface EventStore {
  appendToStream(
    stream: string,
    events: readonly NewEvent[],
    options: { expectedVersion: ExpectedVersion },
  ): Promise<AppendResult>;
  /**
   * Appends to several streams all-or-nothing (one event-store transaction), after the version
   * checks of `options.checks` and the keyed `options.conditions` pass in that same
   * transaction: how invariants that span aggregates (a task title unique on its board) stay
   * atomic without every writer appending to one shared stream. Results follow input order.
   */
  appendToStreams(
    appends: readonly StreamAppend[],
    options?: AppendOptions,
  ): Promise<AppendResult[]>;
  /** Events of one stream from `fromVersion` (inclusive, default 1), at most `limit`. */
  readStream(
    stream: string,
    options?: { fromVersion?: number; limit?: number },
  ): Promise<RecordedEvent[]>;
  /** Current version of a stream, 0 when it does not exist. */
  streamVersion(stream: string): Promise<number>;
  /** The global log in commit order from `fromPosition` (inclusive, positions start at 1). */
  readAll(options: { fromPosition: number; limit: number }): Promise<RecordedEvent[]>;
  /** Global position of the last committed event, 0 for an empty store. */
  headPosition(): Promise<number>;
  /**
   * Resolves as soon as the log holds an event at or after `position`, or after `timeoutMs`
   * (true when there is one). Followers call it between `readAll`s instead of spinning.
   */
  waitForPosition(position: number, timeoutMs: number): Promise<boolean>;
  /** Named positions kept beside the log, e.g. the forwarder's checkpoint; they only move forward. */
  getCheckpoint(name: string): Promise<number>;
  setCheckpoint(name: string, position: number): Promise<void>;
  /**
   * A lease held by one `holder` until it expires unless renewed: one active follower per log.
   * Returns true when `holder` holds the lease after the call (acquired, or renewed).
   */
  acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean>;
  releaseLease(name: string, holder: string): Promise<void>;
  close(): Promise<void>;
}
