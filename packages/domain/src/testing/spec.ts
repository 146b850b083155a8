import { expect } from 'vitest';
import type { Command, Decider, Event } from '../event';

// biome-ignore lint/suspicious/noExplicitAny: any constructor of an Error subclass
type ErrorClass<T extends Error> = new (...args: any[]) => T;

export type Then<E extends Event> = Readonly<{
  /** The command succeeds with exactly these events (`[]` for a no-op). */
  then: (expected: E[]) => void;
  /** The command fails with an instance of `errorClass` whose fields match `expected`. */
  thenThrows: {
    (predicate: (error: unknown) => boolean): void;
    <T extends Error>(errorClass: ErrorClass<T>, expected?: Partial<T>): void;
  };
  /** The events the command produced, for assertions `then` cannot express. */
  events: () => E[];
}>;

/**
 * Given/when/then for a decider:
 *   spec(boardDecider).given([created]).when(addCard, { workspace }).then([cardAdded])
 *   spec(boardDecider).given([created]).when(addCard, { workspace })
 *     .thenThrows(RuleViolation, { rule: 'card_limit' })
 * `given` folds the events with the decider's own evolve; `when` takes the decider's context,
 * if it has one. The events `then` accepts are also folded, so evolve must handle them.
 */
export function spec<C extends Command, E extends Event, S, Context>(
  decider: Decider<C, E, S, Context>,
) {
  return {
    given: (events: readonly E[]) => ({
      when: (command: C, context: Context): Then<E> => {
        const decide = () => {
          const state = events.reduce(decider.evolve, decider.initialState());
          return { state, decided: decider.decide(command, state, context) };
        };
        return {
          // biome-ignore lint/suspicious/noThenProperty: the given/when/then of a spec; never awaited
          then: (expected) => {
            const { state, decided } = decide();
            expect(decided).toEqual(expected);
            // The decided events must fold too: a decider whose events evolve rejects is broken.
            decided.reduce(decider.evolve, state);
          },
          thenThrows: <T extends Error>(
            matcher: ErrorClass<T> | ((error: unknown) => boolean),
            expected?: Partial<T>,
          ) => {
            let thrown: unknown;
            try {
              decide();
            } catch (error) {
              thrown = error;
            }
            expect(thrown, 'expected the command to throw').toBeDefined();
            if (isErrorClass(matcher)) {
              expect(thrown).toBeInstanceOf(matcher);
              if (expected !== undefined) expect(thrown).toMatchObject(expected);
            } else {
              expect(matcher(thrown), `unexpected error: ${String(thrown)}`).toBe(true);
            }
          },
          events: () => decide().decided,
        };
      },
    }),
  };
}

function isErrorClass<T extends Error>(
  matcher: ErrorClass<T> | ((error: unknown) => boolean),
): matcher is ErrorClass<T> {
  // Arrow predicates have no prototype; classes of Error (or Error itself) do.
  return matcher.prototype instanceof Error || (matcher as unknown) === Error;
}
