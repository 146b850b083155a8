import { invalidFields } from '../http/problem';

/** `If-Match`: `*`, or one or more strong ETags of versions (`"3"`; a bare `3` is accepted). */
export type IfMatch =
  | Readonly<{ any: true }>
  | Readonly<{ any: false; versions: readonly number[] }>;

const etag = /^(W\/)?"?(\d{1,15})"?$/;

export function parseIfMatch(value: string | string[] | undefined): IfMatch | undefined {
  if (value === undefined) return undefined;
  const text = Array.isArray(value) ? value.join(',') : value;
  if (text.trim() === '*') return { any: true };
  const versions: number[] = [];
  for (const part of text.split(',')) {
    const match = etag.exec(part.trim());
    if (match === null) {
      throw invalidFields([{ field: 'If-Match', reason: 'must be an ETag such as "3"' }]);
    }
    // A weak tag never matches under If-Match's strong comparison (RFC 9110 §13.1.1).
    if (match[1] === undefined) versions.push(Number(match[2]));
  }
  return { any: false, versions };
}

export function ifMatchHolds(ifMatch: IfMatch, version: number): boolean {
  return ifMatch.any ? version > 0 : ifMatch.versions.includes(version);
}

const keyPattern = /^[\x20-\x7e]{1,200}$/;

export function parseIdempotencyKey(value: string | string[] | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !keyPattern.test(value) || value.trim() === '') {
    throw invalidFields([
      { field: 'Idempotency-Key', reason: 'must be 1–200 printable ASCII characters' },
    ]);
  }
  return value;
}

export const etagOf = (version: number) => `"${version}"`;
