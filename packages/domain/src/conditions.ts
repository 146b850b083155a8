import type { DomainError } from './errors';

/**
 * Keyed conditions a decision asks the event store to check and apply atomically with its
 * append (EventStore's `claim`, `release`, `counter`, `seed`): how a rule that spans many
 * streams — unique titles on a board, at most 1,000 tasks — holds without every writer
 * appending to one shared stream. `refusal` is the error the shell raises when the condition
 * does not hold (a function, so deciding costs no error object); a condition without one
 * cannot fail.
 */
export type Claim = Readonly<{
  kind: 'claim';
  set: string;
  member: string;
  owner: string;
  refusal: () => DomainError;
}>;
export type Release = Readonly<{ kind: 'release'; set: string; member: string; owner: string }>;
export type Counter = Readonly<{
  kind: 'counter';
  key: string;
  delta: number;
  min?: number;
  max?: number;
  refusal?: () => DomainError;
}>;
/** The keys' starting values for an aggregate whose older log already holds what they count. */
export type Seed = Readonly<{
  kind: 'seed';
  marker: string;
  claims: readonly Readonly<{ set: string; member: string; owner: string }>[];
  counters: readonly Readonly<{ key: string; value: number }>[];
}>;
export type Condition = Claim | Release | Counter | Seed;
