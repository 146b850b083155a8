import type { FieldError } from '@taskomask/contracts';

/** The kinds of problem both APIs answer with, their status and title (RFC 9457). */
export const problemKinds = {
  validation: { status: 400, title: 'Invalid request' },
  'malformed-body': { status: 400, title: 'Malformed body' },
  unauthorized: { status: 401, title: 'Unauthorized' },
  'insufficient-scope': { status: 403, title: 'Insufficient scope' },
  forbidden: { status: 403, title: 'Forbidden' },
  'not-found': { status: 404, title: 'Not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  conflict: { status: 409, title: 'Conflict' },
  'precondition-failed': { status: 412, title: 'Precondition failed' },
  'payload-too-large': { status: 413, title: 'Payload too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  'rule-violation': { status: 422, title: 'Rule violated' },
  'idempotency-key-reused': { status: 422, title: 'Idempotency key reused' },
  internal: { status: 500, title: 'Internal server error' },
  unavailable: { status: 503, title: 'Service unavailable' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemKind = keyof typeof problemKinds;

/** Stable identifiers, not web pages: clients switch on them. */
export const problemType = (kind: ProblemKind) => `urn:taskomask:problem:${kind}`;

export type ProblemOptions = {
  errors?: readonly FieldError[];
  /** Extension members of the body (e.g. `rule`). */
  extensions?: Readonly<Record<string, unknown>>;
  headers?: Readonly<Record<string, string>>;
  status?: number;
  cause?: unknown;
};

/** An error that already knows its HTTP answer; the one error handler turns it into problem+json. */
export class Problem extends Error {
  readonly kind: ProblemKind;
  readonly status: number;
  readonly errors: readonly FieldError[] | undefined;
  readonly extensions: Readonly<Record<string, unknown>>;
  readonly headers: Readonly<Record<string, string>>;

  constructor(kind: ProblemKind, detail: string, options: ProblemOptions = {}) {
    super(detail, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'Problem';
    this.kind = kind;
    this.status = options.status ?? problemKinds[kind].status;
    this.errors = options.errors;
    this.extensions = options.extensions ?? {};
    this.headers = options.headers ?? {};
  }
}

export function invalidFields(errors: readonly FieldError[]): Problem {
  const detail = errors.map((e) => `${e.field}: ${e.reason}`).join('; ');
  return new Problem('validation', detail, { errors });
}

/** A dependency (event store, read store, identity provider) did not answer. */
export function unavailable(dependency: string, cause?: unknown): Problem {
  return new Problem('unavailable', `the ${dependency} is unavailable; try again shortly`, {
    headers: { 'retry-after': '5' },
    extensions: { dependency },
    cause,
  });
}
