import type { Condition, EventMetadata } from '@taskomask/domain';
import {
  ConditionFailedError,
  type EventStore,
  expectedFor,
  type StreamAppend,
  WrongExpectedVersionError,
} from '@taskomask/eventstore';
import { Problem } from '../http/problem';
import { load, type Plan, type StateCache, StreamReads } from './aggregates';
import { type IfMatch, ifMatchHolds } from './headers';
import {
  type Answer,
  acceptedAppend,
  type Fingerprint,
  idempotencyStream,
  readAccepted,
  replay,
  sameRequest,
} from './idempotency';

/** What the loop needs of the event store. */
export type CommandStore = Pick<EventStore, 'readStream' | 'appendToStreams'>;

export type CommandRequest = Readonly<{
  /** What to decide: a write model, the id it addresses and the commands. */
  plan: Plan;
  metadata: EventMetadata;
  /** Server time the command is accepted at; also each event's occurredAt. */
  now: string;
  /** The status of an answer that wrote something: 201 for a creation, else 200. */
  writtenStatus: 200 | 201;
  /** The id the server made for a created thing. */
  createdId?: string;
  ifMatch?: IfMatch;
  idempotency?: Readonly<{ key: string; fingerprint: Fingerprint }>;
  /**
   * True for an error that must win over a stale If-Match: a 404 that hides whether the
   * resource exists, so a 412 never confirms another workspace's ids.
   */
  hides?: (error: unknown) => boolean;
}>;

export type CommandAnswer = Answer & Readonly<{ replayed: boolean }>;

function preconditionFailed(): Problem {
  return new Problem(
    'precondition-failed',
    'the resource changed since the version in If-Match; reload it and retry',
  );
}

function keyReused(): Problem {
  return new Problem(
    'idempotency-key-reused',
    'this Idempotency-Key was already used for a different request',
  );
}

/** The decision's conditions without the seeds the store is already known to hold. */
function unseeded(conditions: readonly Condition[], states: StateCache | undefined) {
  if (states === undefined || states.seeded.size === 0) return conditions;
  return conditions.filter((c) => c.kind !== 'seed' || !states.seeded.has(c.marker));
}

/**
 * The loop of the write side: load → decide → one atomic append of every stream the decision
 * writes, each with the version it was read at. Another writer in between makes the append fail
 * and the whole decision re-run on fresh state (decide is pure, so every rule is re-checked),
 * `retries` times — unless the client pinned a version with If-Match, then it is theirs to
 * resolve (412).
 */
export async function executeCommand(
  store: CommandStore,
  request: CommandRequest,
  { retries = 3, states }: { retries?: number; states?: StateCache } = {},
): Promise<CommandAnswer> {
  const { metadata, ifMatch, idempotency } = request;
  const keyStream =
    idempotency === undefined ? null : idempotencyStream(metadata.userId, idempotency.key);

  async function earlierAnswer(): Promise<CommandAnswer | null> {
    if (keyStream === null || idempotency === undefined) return null;
    const accepted = await readAccepted(store, keyStream);
    if (accepted === null) return null;
    if (!sameRequest(accepted, idempotency.fingerprint)) throw keyReused();
    return { ...(await replay(store, accepted)), replayed: true };
  }

  for (let attempt = 0; ; attempt++) {
    const reads = new StreamReads(store, states);
    const loaded = await load(reads, request.plan, { userId: metadata.userId, now: request.now });
    // Looked up after loading: if the state read already holds a concurrent repeat's write, its
    // record (appended in the same batch) is visible now, and we answer with it rather than
    // deciding again on a state where the thing already exists.
    const earlier = await earlierAnswer();
    if (earlier !== null) return earlier;
    const stale = ifMatch !== undefined && !ifMatchHolds(ifMatch, reads.versionOf(loaded.target));
    let decision: ReturnType<typeof loaded.decide>;
    try {
      decision = loaded.decide();
    } catch (error) {
      if (stale && !(request.hides?.(error) ?? false)) throw preconditionFailed();
      throw error;
    }
    if (stale) throw preconditionFailed();
    const { writes } = decision;

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
    // The record goes first: a batch reports one last position for all its streams, and with the
    // domain events last that is the position of the command's own last event — the one to pass
    // as minPosition, and the one a replay finds again in the domain streams.
    if (keyStream !== null && idempotency !== undefined) {
      appends.unshift(
        acceptedAppend(
          keyStream,
          {
            ...idempotency.fingerprint,
            status,
            id: request.createdId ?? null,
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

    const conditions = unseeded(decision.conditions, states);
    try {
      const results = await store.appendToStreams(
        appends,
        decision.checked.length === 0 && conditions.length === 0
          ? undefined
          : {
              checks: decision.checked.map((stream) => ({
                stream,
                expectedVersion: expectedFor(reads.versionOf(stream)),
              })),
              conditions,
            },
      );
      for (const condition of conditions) {
        if (condition.kind === 'seed') states?.seeded.add(condition.marker);
      }
      const domainResults = results.slice(appends.length - writes.size);
      const primaryIndex = [...writes.keys()].indexOf(loaded.primary);
      return {
        status,
        ...(request.createdId === undefined ? {} : { id: request.createdId }),
        version:
          primaryIndex === -1
            ? reads.versionOf(loaded.primary)
            : domainResults[primaryIndex]!.nextVersion,
        position: domainResults.at(-1)!.lastGlobalPosition,
        replayed: false,
      };
    } catch (error) {
      // A condition that does not hold is a rule of the domain (a title taken, a full board):
      // its refusal is the answer, never retried.
      if (error instanceof ConditionFailedError) {
        const failed = conditions[error.index];
        const refusal =
          failed?.kind === 'claim' || failed?.kind === 'counter' ? failed.refusal : undefined;
        throw refusal?.() ?? error;
      }
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      // A concurrent repeat of this very request may be the writer that got there first.
      const winner = await earlierAnswer();
      if (winner !== null) return winner;
      // The stream If-Match pins changed: the client's to resolve. Another one (the board a
      // task decision read) is re-read like any conflict; the next round re-checks If-Match.
      if (ifMatch !== undefined && error.stream === loaded.target) throw preconditionFailed();
      if (attempt >= retries) throw ifMatch === undefined ? error : preconditionFailed();
    }
  }
}
