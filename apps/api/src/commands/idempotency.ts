import { createHash } from 'node:crypto';
import type { EventMetadata } from '@taskomask/domain';
import type { EventStore, StreamAppend } from '@taskomask/eventstore';

/**
 * Idempotency without another port: the first accepted request with a key appends, in the same
 * atomic `appendToStreams` as its domain events, one `CommandAccepted` event to the stream
 * `idempotency-<sha256(userId:key)>` expecting `no_stream`. A repeat finds that record and
 * rebuilds the first answer from it. The record is looked up after the domain streams are read,
 * so a repeat that already sees the first request's writes also sees its record; of concurrent
 * first requests exactly one append passes and the others conflict, re-read and answer what the
 * winner stored. Nothing is recorded for a rejected request or one that changed nothing.
 */
export const commandAcceptedType = 'CommandAccepted';

export type Fingerprint = Readonly<{ method: string; path: string; bodyHash: string }>;

export type AcceptedStream = Readonly<{ stream: string; fromVersion: number; count: number }>;

export type CommandAccepted = Fingerprint &
  Readonly<{
    status: number;
    id: string | null;
    primary: string;
    /** The domain streams written: the version each was at before, and how many events. */
    streams: readonly AcceptedStream[];
  }>;

export type Answer = Readonly<{
  status: number;
  id?: string;
  version: number;
  position: number;
}>;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function idempotencyStream(userId: string, key: string): string {
  return `idempotency-${sha256(`${userId}:${key}`)}`;
}

/** JSON with object keys sorted, so `{a,b}` and `{b,a}` are the same request. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function fingerprintOf(method: string, path: string, body: unknown): Fingerprint {
  return { method, path, bodyHash: sha256(canonicalJson(body ?? null)) };
}

export function sameRequest(a: Fingerprint, b: Fingerprint): boolean {
  return a.method === b.method && a.path === b.path && a.bodyHash === b.bodyHash;
}

export async function readAccepted(
  store: Pick<EventStore, 'readStream'>,
  stream: string,
): Promise<CommandAccepted | null> {
  const [event] = await store.readStream(stream, { limit: 1 });
  return event === undefined ? null : (event.data as CommandAccepted);
}

export function acceptedAppend(
  stream: string,
  accepted: CommandAccepted,
  metadata: EventMetadata,
  occurredAt: string,
): StreamAppend {
  return {
    stream,
    expectedVersion: 'no_stream',
    events: [{ type: commandAcceptedType, data: accepted, metadata, occurredAt }],
  };
}

/** The first answer again: versions from the record, positions from the events it names. */
export async function replay(
  store: Pick<EventStore, 'readStream'>,
  accepted: CommandAccepted,
): Promise<Answer> {
  let position = 0;
  let version = 0;
  for (const { stream, fromVersion, count } of accepted.streams) {
    const last = fromVersion + count;
    const [event] = await store.readStream(stream, { fromVersion: last, limit: 1 });
    position = Math.max(position, event?.globalPosition ?? 0);
    if (stream === accepted.primary) version = last;
  }
  return {
    status: accepted.status,
    ...(accepted.id === null ? {} : { id: accepted.id }),
    version,
    position,
  };
}
