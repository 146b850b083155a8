import type { AppendCondition, ExpectedVersion } from './port';

/** The stream was not at the version the writer decided on; nothing was written. */
export class WrongExpectedVersionError extends Error {
  readonly code = 'conflict';
  constructor(
    readonly stream: string,
    readonly expected: ExpectedVersion,
    readonly actual: number,
  ) {
    super(`stream ${stream} is at version ${actual}, expected ${expected}`);
    this.name = 'WrongExpectedVersionError';
  }
}

/** The append itself is malformed (bad stream name, empty batch, unserialisable data). */
export class InvalidAppendError extends Error {
  readonly code = 'validation';
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = 'InvalidAppendError';
  }
}

/** A keyed condition of an append did not hold (a claim held by another, a counter out of range). */
export class ConditionFailedError extends Error {
  readonly code = 'condition';
  constructor(
    /** Its index in `options.conditions`. */
    readonly index: number,
    readonly condition: AppendCondition,
  ) {
    super(`append condition ${index} (${condition.kind}) does not hold`);
    this.name = 'ConditionFailedError';
  }
}
