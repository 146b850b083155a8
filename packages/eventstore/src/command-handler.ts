import type { Command, Decider, Event, EventMetadata } from '@taskomask/domain';
import { WrongExpectedVersionError } from './errors';
import type { EventStore, ExpectedVersion } from './port';

export type Loaded<S> = { state: S; version: number };

/** Folds a stream into its decider's state; version 0 means the stream does not exist. */
export async function loadAggregate<C extends Command, E extends Event, S>(
  store: EventStore,
  stream: string,
  decider: Decider<C, E, S>,
): Promise<Loaded<S>> {
  const events = await store.readStream(stream);
  let state = decider.initialState();
  for (const e of events) state = decider.evolve(state, e as unknown as E);
  return { state, version: events.at(-1)?.streamVersion ?? 0 };
}

export const expectedFor = (version: number): ExpectedVersion =>
  version === 0 ? 'no_stream' : version;

export type HandleOptions = {
  metadata: EventMetadata;
  /** The version the client saw (If-Match). A mismatch is reported, never retried. */
  ifMatch?: number;
  /**
   * How often to re-run load → decide → append after another writer got there first. Safe for
   * every decider here: decide is a pure function of (command, fresh state), so a retry
   * re-checks every rule against what the other writer did. Not used when the client pinned a
   * version with If-Match: then the conflict is the client's to resolve.
   */
  retries?: number;
};

export type Handled<E, S> = {
  events: E[];
  state: S;
  version: number;
  /** Global position of the last event written, or undefined when the command changed nothing. */
  position: number | undefined;
};

/** The one loop of the write side: load → fold → decide → append with the version read. */
export async function handleCommand<C extends Command, E extends Event, S>(
  store: EventStore,
  stream: string,
  decider: Decider<C, E, S>,
  command: C,
  { metadata, ifMatch, retries = 3 }: HandleOptions,
): Promise<Handled<E, S>> {
  for (let attempt = 0; ; attempt++) {
    const { state, version } = await loadAggregate(store, stream, decider);
    if (ifMatch !== undefined && ifMatch !== version) {
      throw new WrongExpectedVersionError(stream, ifMatch, version);
    }
    const events = decider.decide(command, state);
    if (events.length === 0) return { events, state, version, position: undefined };
    try {
      const result = await store.appendToStream(
        stream,
        events.map((e) => ({
          type: e.type,
          data: e.data,
          metadata,
          occurredAt: command.metadata.now,
        })),
        { expectedVersion: expectedFor(version) },
      );
      return {
        events,
        state: events.reduce(decider.evolve, state),
        version: result.nextVersion,
        position: result.lastGlobalPosition,
      };
    } catch (error) {
      const retry = error instanceof WrongExpectedVersionError && ifMatch === undefined;
      if (!retry || attempt >= retries) throw error;
    }
  }
}
