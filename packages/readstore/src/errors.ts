/** A commit the store refuses before writing anything (unknown collection, bad key, no JSON). */
export class InvalidCommitError extends Error {
  readonly code = 'validation';
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = 'InvalidCommitError';
  }
}

/** A read the schema does not allow (unknown collection, undeclared key, bad limit). */
export class InvalidQueryError extends Error {
  readonly code = 'validation';
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = 'InvalidQueryError';
  }
}

/** A catalog operation that cannot be done: a bad name, an unknown generation, the current one dropped. */
export class GenerationError extends Error {
  readonly code = 'generation';
  constructor(
    readonly generation: string,
    reason: string,
  ) {
    super(`generation "${generation}": ${reason}`);
    this.name = 'GenerationError';
  }
}
