import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { acceptsGzip, answerCache } from '../../src/queries/answer-cache';

const store = {};
const about = (position: number, body: unknown = { position }) => ({
  body,
  store,
  position,
  etag: `"${position}"`,
  workspaceId: 'w-1',
});

describe('answer cache', () => {
  it('hits only for the same store and position, with JSON.stringify’s bytes', async () => {
    const cache = answerCache();
    const put = cache.put('b-1', about(3, { name: 'Zoë "q"', list: [1, null] }));
    expect(put.json.toString()).toBe(JSON.stringify({ name: 'Zoë "q"', list: [1, null] }));
    expect(cache.get(store, 'b-1', 3)).toBe(put);
    expect(cache.get(store, 'b-1', 4)).toBeUndefined();
    expect(cache.get({}, 'b-1', 3)).toBeUndefined();
    expect(cache.get(store, 'b-2', 3)).toBeUndefined();
    expect(gunzipSync(await put.gzipped()).equals(put.json)).toBe(true);
    // A later position replaces the earlier answer.
    cache.put('b-1', about(5));
    expect(cache.get(store, 'b-1', 3)).toBeUndefined();
    expect(cache.get(store, 'b-1', 5)?.json.toString()).toBe('{"position":5}');
  });

  it('drops the least recently used answers beyond its byte budget', async () => {
    const body = (n: number) => ({ text: 'x'.repeat(n) });
    const cache = answerCache({ maxBytes: 250 });
    cache.put('a', about(1, body(90)));
    cache.put('b', about(1, body(90)));
    expect(cache.get(store, 'a', 1)).toBeDefined(); // a is now the most recently used
    cache.put('c', about(1, body(90)));
    expect(cache.bytes()).toBeLessThanOrEqual(250);
    expect(cache.get(store, 'b', 1)).toBeUndefined();
    expect(cache.get(store, 'a', 1)).toBeDefined();
    expect(cache.get(store, 'c', 1)).toBeDefined();
    // Too big to keep: answered, not held.
    const huge = cache.put('d', about(1, body(400)));
    expect(huge.json.length).toBeGreaterThan(250);
    expect(cache.get(store, 'd', 1)).toBeUndefined();
    // The gzip counts too once made.
    await cache.get(store, 'c', 1)?.gzipped();
    expect(cache.bytes()).toBeLessThanOrEqual(250);
  });
});

describe('acceptsGzip', () => {
  it.each([
    ['gzip', true],
    ['gzip, deflate, br', true],
    ['br;q=1, gzip;q=0.5', true],
    ['*', true],
    ['identity', false],
    ['deflate, br', false],
    ['gzip;q=0', false],
    ['*;q=0', false],
    ['*, gzip;q=0', false],
    ['GZIP', true],
    ['', false],
  ])('%s → %s', (header, expected) => {
    expect(acceptsGzip(header)).toBe(expected);
  });

  it('is false without the header', () => {
    expect(acceptsGzip(undefined)).toBe(false);
  });
});
