import type { Command, Decider, Event } from './event';

/** Rebuilds a decider's state from a stream's events: the "load → fold" of the shell's loop. */
export function foldEvents<C extends Command, E extends Event, S, Context>(
  decider: Decider<C, E, S, Context>,
  events: Iterable<E>,
): S {
  let state = decider.initialState();
  for (const event of events) state = decider.evolve(state, event);
  return state;
}
