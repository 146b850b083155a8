import {
  ConditionFailedError,
  type EventStore,
  InvalidAppendError,
  WrongExpectedVersionError,
} from '@taskomask/eventstore';
import { contextFromTraceparent, inSpan, SpanKind } from '@taskomask/observability';
import { unavailable } from '../http/problem';

/** What the command side counts about its appends (metrics). */
export type AppendObserver = Readonly<{
  /** An append lost to a concurrent writer on `stream`. */
  conflict?: (stream: string) => void;
  /** An append went through; `types` are the types of the events it wrote. */
  appended?: (types: readonly string[]) => void;
}>;

export type GuardedStore = Pick<
  EventStore,
  'readStream' | 'appendToStreams' | 'headPosition' | 'readAll'
>;

// A conflict or a malformed append is an answer from a store that works; anything else
// (connection refused, closed database, timeout) means it is down: 503 with Retry-After.
function guard<A extends unknown[], R>(call: (...args: A) => Promise<R>) {
  return async (...args: A): Promise<R> => {
    try {
      return await call(...args);
    } catch (error) {
      if (
        error instanceof WrongExpectedVersionError ||
        error instanceof ConditionFailedError ||
        error instanceof InvalidAppendError
      ) {
        throw error;
      }
      throw unavailable('event store', error);
    }
  };
}

export function guardedStore(store: EventStore, observer: AppendObserver = {}): GuardedStore {
  return {
    readStream: guard((stream, options) => store.readStream(stream, options)),
    appendToStreams: guard((appends, options) =>
      inSpan(
        'eventstore append',
        {
          kind: SpanKind.CLIENT,
          // A child of the command that wrote the events: their metadata names its span.
          parent: contextFromTraceparent(appends.at(-1)?.events[0]?.metadata.traceparent),
          attributes: { 'taskomask.streams': appends.map((a) => a.stream) },
        },
        async () => {
          try {
            const results = await store.appendToStreams(appends, options);
            observer.appended?.(appends.flatMap((a) => a.events.map((e) => e.type)));
            return results;
          } catch (error) {
            if (error instanceof WrongExpectedVersionError) observer.conflict?.(error.stream);
            throw error;
          }
        },
      ),
    ),
    headPosition: guard(() => store.headPosition()),
    readAll: guard((options) => store.readAll(options)),
  };
}
