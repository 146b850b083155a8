import { currentSchemaVersion } from '@taskomask/domain';
import { InvalidAppendError } from './errors';
import type {
  AppendCondition,
  AppendOptions,
  ExpectedVersion,
  NewEvent,
  StreamAppend,
  StreamCheck,
} from './port';

// `<type>-<id>`: the type names the aggregate (board, task, workspace, owner …) and becomes part of
// the Redis key `events:{type}:{id}`.
const STREAM_NAME = /^([a-z][a-z0-9]{0,39})-([A-Za-z0-9_.:-]{1,128})$/;
const EVENT_TYPE = /^[A-Za-z][A-Za-z0-9_.]{0,99}$/;

export type SerializedEvent = Readonly<{
  type: string;
  data: string;
  metadata: string;
  occurredAt: string;
  schemaVersion: number;
}>;

export type SerializedAppend = Readonly<{
  stream: string;
  expectedVersion: ExpectedVersion;
  events: SerializedEvent[];
}>;

export function parseStreamName(stream: unknown): { type: string; id: string } {
  const match = typeof stream === 'string' ? STREAM_NAME.exec(stream) : null;
  if (!match) {
    throw new InvalidAppendError('stream', `"${String(stream)}" is not of the form <type>-<id>`);
  }
  return { type: match[1]!, id: match[2]! };
}

function checkExpectedVersion(expected: unknown): ExpectedVersion {
  if (expected === 'any' || expected === 'no_stream') return expected;
  if (typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= 0) {
    return expected;
  }
  throw new InvalidAppendError(
    'expectedVersion',
    'must be a non-negative integer, "no_stream" or "any"',
  );
}

function serializeEvent(event: NewEvent, index: number, now: string): SerializedEvent {
  const at = `events[${index}]`;
  if (typeof event !== 'object' || event === null) {
    throw new InvalidAppendError(at, 'must be an object');
  }
  if (typeof event.type !== 'string' || !EVENT_TYPE.test(event.type)) {
    throw new InvalidAppendError(`${at}.type`, 'must be an identifier of at most 100 characters');
  }
  if (typeof event.data !== 'object' || event.data === null || Array.isArray(event.data)) {
    throw new InvalidAppendError(`${at}.data`, 'must be a JSON object');
  }
  const metadata = event.metadata;
  if (
    typeof metadata !== 'object' ||
    metadata === null ||
    typeof metadata.userId !== 'string' ||
    typeof metadata.correlationId !== 'string' ||
    typeof metadata.causationId !== 'string'
  ) {
    throw new InvalidAppendError(
      `${at}.metadata`,
      'needs userId, correlationId and causationId strings',
    );
  }
  const occurredAt = event.occurredAt ?? now;
  if (typeof occurredAt !== 'string' || Number.isNaN(Date.parse(occurredAt))) {
    throw new InvalidAppendError(`${at}.occurredAt`, 'must be an ISO-8601 instant');
  }
  const schemaVersion = event.schemaVersion ?? currentSchemaVersion(event.type);
  if (!Number.isSafeInteger(schemaVersion) || schemaVersion < 1) {
    throw new InvalidAppendError(`${at}.schemaVersion`, 'must be an integer ≥ 1');
  }
  let data: string;
  try {
    data = JSON.stringify(event.data);
  } catch (error) {
    throw new InvalidAppendError(`${at}.data`, `is not serialisable: ${(error as Error).message}`);
  }
  return { type: event.type, data, metadata: JSON.stringify(metadata), occurredAt, schemaVersion };
}

/** Checks and serialises a batch once, so both adapters reject exactly the same input. */
export function serializeAppends(appends: readonly StreamAppend[]): SerializedAppend[] {
  if (!Array.isArray(appends) || appends.length === 0) {
    throw new InvalidAppendError('appends', 'must name at least one stream');
  }
  const now = new Date().toISOString();
  const seen = new Set<string>();
  return appends.map(({ stream, events, expectedVersion }) => {
    parseStreamName(stream);
    if (seen.has(stream)) throw new InvalidAppendError('stream', `${stream} appears twice`);
    seen.add(stream);
    if (!Array.isArray(events) || events.length === 0) {
      throw new InvalidAppendError('events', 'must hold at least one event');
    }
    return {
      stream,
      expectedVersion: checkExpectedVersion(expectedVersion),
      events: events.map((e, i) => serializeEvent(e, i, now)),
    };
  });
}

export function matchesExpected(expected: ExpectedVersion, actual: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return actual === 0;
  return expected === actual;
}

// Keys of claims, counters and seed markers: printable, no spaces, bounded.
const CONDITION_KEY = /^[\x21-\x7e]{1,300}$/;

function requireKey(at: string, value: unknown): void {
  if (typeof value !== 'string' || !CONDITION_KEY.test(value)) {
    throw new InvalidAppendError(at, 'must be 1–300 printable characters without spaces');
  }
}

function requireMember(at: string, value: unknown): void {
  if (typeof value !== 'string' || value.length === 0 || value.length > 1000) {
    throw new InvalidAppendError(at, 'must be a string of 1–1000 characters');
  }
}

function requireInteger(at: string, value: unknown, optional: boolean): void {
  if (optional && value === undefined) return;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new InvalidAppendError(at, 'must be an integer');
  }
}

function checkCondition(condition: AppendCondition, at: string): void {
  switch (condition?.kind) {
    case 'claim':
    case 'release':
      requireKey(`${at}.set`, condition.set);
      requireMember(`${at}.member`, condition.member);
      requireMember(`${at}.owner`, condition.owner);
      return;
    case 'counter':
      requireKey(`${at}.key`, condition.key);
      requireInteger(`${at}.delta`, condition.delta, false);
      requireInteger(`${at}.min`, condition.min, true);
      requireInteger(`${at}.max`, condition.max, true);
      return;
    case 'seed':
      requireKey(`${at}.marker`, condition.marker);
      condition.claims.forEach((claim, i) => {
        requireKey(`${at}.claims[${i}].set`, claim.set);
        requireMember(`${at}.claims[${i}].member`, claim.member);
        requireMember(`${at}.claims[${i}].owner`, claim.owner);
      });
      condition.counters.forEach((counter, i) => {
        requireKey(`${at}.counters[${i}].key`, counter.key);
        requireInteger(`${at}.counters[${i}].value`, counter.value, false);
      });
      return;
    default:
      throw new InvalidAppendError(`${at}.kind`, 'must be claim, release, counter or seed');
  }
}

/** The checks and conditions of an append, validated before anything is read or written. */
export function checkAppendOptions(options: AppendOptions | undefined): {
  checks: readonly StreamCheck[];
  conditions: readonly AppendCondition[];
} {
  const checks = options?.checks ?? [];
  const conditions = options?.conditions ?? [];
  for (const check of checks) {
    parseStreamName(check.stream);
    checkExpectedVersion(check.expectedVersion);
  }
  conditions.forEach((condition, i) => {
    checkCondition(condition, `conditions[${i}]`);
  });
  return { checks, conditions };
}
