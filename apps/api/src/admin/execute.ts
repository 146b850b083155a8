import type { CommandMetadata, EventMetadata } from '@taskomask/domain';
import { expectedFor, type StreamAppend, WrongExpectedVersionError } from '@taskomask/eventstore';
import { type Loaded, type StateCache, StreamReads } from '../commands/aggregates';
import type { CommandStore } from '../commands/execute';
import { type IfMatch, ifMatchHolds } from '../commands/headers';
import {
  type Answer,
  acceptedAppend,
  type Fingerprint,
  idempotencyStream,
  readAccepted,
  replay,
  sameRequest,
} from '../commands/idempotency';
import { Problem } from '../http/problem';

/** Reads what one admin decision needs and returns the pure decision to run on it. */
export type LoadDecision = (reads: StreamReads, metadata: CommandMetadata) => Promise<Loaded>;

export type AdminCommandRequest = Readonly<{
  load: LoadDecision;
  metadata: EventMetadata;
  now: string;
  writtenStatus: 200 | 201;
  ifMatch?: IfMatch;
  idempotency?: Readonly<{ key: string; fingerprint: Fingerprint }>;
  /** Errors of the decision that win over a stale If-Match (403: not an admin; 404). */
  winsOverStale: (error: unknown) => boolean;
}>;

export type AdminCommandAnswer = Answer & Readonly<{ replayed: boolean }>;

const preconditionFailed = () =>
  new Problem(
    'precondition-failed',
    'the resource changed since the version in If-Match; reload it and retry',
  );

/**
 * The command side's loop (commands/execute.ts) for decisions its Plan union does not name: load →
 * decide → one atomic append with the versions read, re-decided on a concurrent write up to
 * `retries` times (412 at once with If-Match), Idempotency-Key records in the same append. The
 * same semantics and helpers; only `load` is given instead of a plan.
 */
export async function executeAdminCommand(
  store: CommandStore,
  request: AdminCommandRequest,
  { retries = 3, states }: { retries?: number; states?: StateCache } = {},
): Promise<AdminCommandAnswer> {
  const { metadata, ifMatch, idempotency } = request;
  const keyStream =
    idempotency === undefined ? null : idempotencyStream(metadata.userId, idempotency.key);

  async function earlierAnswer(): Promise<AdminCommandAnswer | null> {
    if (keyStream === null || idempotency === undefined) return null;
    const accepted = await readAccepted(store, keyStream);
    if (accepted === null) return null;
    if (!sameRequest(accepted, idempotency.fingerprint)) {
      throw new Problem(
        'idempotency-key-reused',
        'this Idempotency-Key was already used for a different request',
      );
    }
    return { ...(await replay(store, accepted)), replayed: true };
  }

  for (let attempt = 0; ; attempt++) {
    const reads = new StreamReads(store, states);
    const loaded = await request.load(reads, { userId: metadata.userId, now: request.now });
    const earlier = await earlierAnswer();
    if (earlier !== null) return earlier;
    const stale = ifMatch !== undefined && !ifMatchHolds(ifMatch, reads.versionOf(loaded.target));
    let writes: ReturnType<Loaded['decide']>;
    try {
      writes = loaded.decide();
    } catch (error) {
      if (stale && !request.winsOverStale(error)) throw preconditionFailed();
      throw error;
    }
    if (stale) throw preconditionFailed();

    if (writes.size === 0) {
      return {
        status: 200,
        version: reads.versionOf(loaded.primary),
        position: reads.lastPosition(),
        replayed: false,
      };
    }

    const appends: StreamAppend[] = [...writes].map(([stream, events]) => ({
      stream,
      expectedVersion: expectedFor(reads.versionOf(stream)),
      events: events.map((e) => ({
        type: e.type,
        data: e.data,
        metadata,
        occurredAt: request.now,
      })),
    }));
    const status = request.writtenStatus;
    if (keyStream !== null && idempotency !== undefined) {
      appends.unshift(
        acceptedAppend(
          keyStream,
          {
            ...idempotency.fingerprint,
            status,
            id: null,
            primary: loaded.primary,
            streams: [...writes].map(([stream, events]) => ({
              stream,
              fromVersion: reads.versionOf(stream),
              count: events.length,
            })),
          },
          metadata,
          request.now,
        ),
      );
    }

    try {
      const results = await store.appendToStreams(appends);
      const domainResults = results.slice(appends.length - writes.size);
      const primaryIndex = [...writes.keys()].indexOf(loaded.primary);
      return {
        status,
        version:
          primaryIndex === -1
            ? reads.versionOf(loaded.primary)
            : domainResults[primaryIndex]!.nextVersion,
        position: domainResults.at(-1)!.lastGlobalPosition,
        replayed: false,
      };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      const winner = await earlierAnswer();
      if (winner !== null) return winner;
      if (ifMatch !== undefined) throw preconditionFailed();
      if (attempt >= retries) throw error;
    }
  }
}
