import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError } from '../../src/http/config';
import { Problem } from '../../src/http/problem';
import { readQueryConfig } from '../../src/queries/config';
import { cursorCodec, pageOf } from '../../src/queries/cursor';
import { dueInstant, matchesDue } from '../../src/queries/due';
import { compositeEtag, documentEtag, ifNoneMatchHolds } from '../../src/queries/etag';
import { minPositionHeader, wantedPosition } from '../../src/queries/read-position';

describe('ETags', () => {
  it('are a document’s position, matched weakly, in lists and with *', () => {
    const etag = documentEtag(42);
    expect(etag).toBe('"42"');
    expect(ifNoneMatchHolds('"42"', etag)).toBe(true);
    expect(ifNoneMatchHolds('W/"42"', etag)).toBe(true);
    expect(ifNoneMatchHolds('"7", "42"', etag)).toBe(true);
    expect(ifNoneMatchHolds(['"7"', '"42"'], etag)).toBe(true);
    expect(ifNoneMatchHolds('*', etag)).toBe(true);
    expect(ifNoneMatchHolds('"420"', etag)).toBe(false);
    expect(ifNoneMatchHolds('42', etag)).toBe(false);
    expect(ifNoneMatchHolds(undefined, etag)).toBe(false);
  });

  it('of a composite answer change with any document’s position and with the set of items', () => {
    const docs = [
      { id: 'a', position: 3 },
      { id: 'b', position: 9 },
    ];
    const base = compositeEtag(docs, ['x', 'y']);
    expect(base).toMatch(/^"9-[\w-]{16}"$/);
    expect(compositeEtag(docs, ['x', 'y'])).toBe(base);
    expect(compositeEtag([{ id: 'a', position: 4 }, docs[1]!], ['x', 'y'])).not.toBe(base);
    expect(compositeEtag(docs, ['x'])).not.toBe(base);
    expect(compositeEtag(docs, ['y', 'x'])).not.toBe(base);
  });
});

describe('due filters', () => {
  const now = Date.parse('2025-03-10T12:00:00Z');

  it('take a bare date as due at the end of that day, UTC, and a date-time as its instant', () => {
    expect(dueInstant('2025-03-10')).toBe(Date.parse('2025-03-11T00:00:00Z'));
    expect(dueInstant('2025-03-10T09:00:00+01:00')).toBe(Date.parse('2025-03-10T08:00:00Z'));
  });

  it('sort tasks into overdue, within a week, and none', () => {
    expect(matchesDue('2025-03-09', 'overdue', now)).toBe(true);
    expect(matchesDue('2025-03-10', 'overdue', now)).toBe(false);
    expect(matchesDue('2025-03-10T11:59:00Z', 'overdue', now)).toBe(true);
    expect(matchesDue('2025-03-10', 'week', now)).toBe(true);
    expect(matchesDue('2025-03-16', 'week', now)).toBe(true);
    expect(matchesDue('2025-03-17', 'week', now)).toBe(false);
    expect(matchesDue('2025-03-09', 'week', now)).toBe(false);
    expect(matchesDue(null, 'week', now)).toBe(false);
    expect(matchesDue(null, 'overdue', now)).toBe(false);
    expect(matchesDue(null, 'none', now)).toBe(true);
    expect(matchesDue('2025-03-09', 'none', now)).toBe(false);
  });
});

describe('cursors', () => {
  const codec = cursorCodec(z.tuple([z.string(), z.int()]));

  it('round-trip the key of the last item', () => {
    expect(codec.decode(codec.encode(['b', 2]))).toEqual(['b', 2]);
    expect(codec.decode(undefined)).toBeUndefined();
  });

  it('refuse anything a page did not make, naming the cursor', () => {
    for (const text of ['nope', Buffer.from('{"a":1}').toString('base64url'), '']) {
      let thrown: unknown;
      try {
        codec.decode(text);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(Problem);
      expect((thrown as Problem).errors).toEqual([
        { field: 'cursor', reason: 'must be a cursor from a previous page' },
      ]);
    }
  });

  it('page after the cursor’s key even when that item is gone', () => {
    const numbers = [1, 3, 5, 7, 9];
    const options = {
      keyOf: (n: number) => n,
      compare: (a: number, b: number) => a - b,
      limit: 2,
      encode: String,
    };
    expect(pageOf(numbers, { ...options, after: undefined })).toEqual({
      items: [1, 3],
      nextCursor: '3',
    });
    expect(pageOf(numbers, { ...options, after: 4 })).toEqual({ items: [5, 7], nextCursor: '7' });
    expect(pageOf(numbers, { ...options, after: 7 })).toEqual({ items: [9], nextCursor: null });
    expect(pageOf(numbers, { ...options, after: 9 })).toEqual({ items: [], nextCursor: null });
  });
});

describe('minPosition', () => {
  it('comes from the header as a non-negative integer; the larger of query and header wins', () => {
    expect(minPositionHeader(undefined)).toBeUndefined();
    expect(minPositionHeader(' 12 ')).toBe(12);
    expect(() => minPositionHeader('-1')).toThrow(Problem);
    expect(() => minPositionHeader(['1', '2'])).toThrow(Problem);
    expect(wantedPosition(undefined, undefined)).toBeUndefined();
    expect(wantedPosition(5, undefined)).toBe(5);
    expect(wantedPosition(5, 8)).toBe(8);
  });
});

describe('query side configuration', () => {
  const auth = {
    AUTH_ISSUER: 'http://127.0.0.1:4000',
    AUTH_AUDIENCE: 'taskomask-api',
    AUTH_JWKS_URL: 'http://127.0.0.1:4000/jwks',
  };

  it('defaults to the embedded read store, port 3002, gRPC on 50051 and a 2 s wait', () => {
    expect(readQueryConfig(auth)).toMatchObject({
      READ_STORE_URL: 'sqlite:./data/read.db',
      QUERY_HOST: '127.0.0.1',
      QUERY_PORT: 3002,
      GRPC_HOST: '127.0.0.1',
      GRPC_PORT: 50051,
      QUERY_MIN_POSITION_WAIT_MS: 2000,
    });
  });

  it('serves gRPC on QUERY_HOST unless GRPC_HOST says otherwise', () => {
    expect(readQueryConfig({ ...auth, QUERY_HOST: '0.0.0.0', GRPC_PORT: '6000' })).toMatchObject({
      QUERY_HOST: '0.0.0.0',
      GRPC_HOST: '0.0.0.0',
      GRPC_PORT: 6000,
    });
    expect(
      readQueryConfig({ ...auth, QUERY_HOST: '0.0.0.0', GRPC_HOST: '10.0.0.5' }).GRPC_HOST,
    ).toBe('10.0.0.5');
  });

  it('names every bad variable at once', () => {
    let problems: string[] = [];
    try {
      readQueryConfig({
        READ_STORE_URL: 'postgres://db',
        QUERY_PORT: 'http',
        QUERY_MIN_POSITION_WAIT_MS: '-1',
      });
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems = error.problems.map((p) => p.variable);
    }
    expect(problems.sort()).toEqual([
      'AUTH_AUDIENCE',
      'AUTH_ISSUER',
      'AUTH_JWKS_URL',
      'QUERY_MIN_POSITION_WAIT_MS',
      'QUERY_PORT',
      'READ_STORE_URL',
    ]);
  });
});
