// GET /boards/:id from the query process's answer cache: the same bytes as an answer made afresh,
// authorization on every request (a cached board is never served to someone who may not read
// it), a new ETag and new bytes after any change, 304s, and gzip that decodes to the same JSON.
import { gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { newUsers, usePipeline } from './support/pipeline';

describe('GET /boards/:id from the answer cache', () => {
  const p = usePipeline();
  const { alice, mia, bob } = newUsers();
  let workspace = '';
  let board = '';
  let card = '';
  let uncached: FastifyInstance;

  beforeAll(async () => {
    const c = p().command;
    ({ id: workspace } = await c('POST', '/workspaces', alice, { name: 'Cached' }));
    await c('POST', `/workspaces/${workspace}/members`, alice, { ownerId: mia, role: 'member' });
    const { id: project } = await c('POST', `/workspaces/${workspace}/projects`, alice, {
      name: 'Big',
    });
    ({ id: board } = await c('POST', `/workspaces/${workspace}/projects/${project}/boards`, alice, {
      name: 'Many tasks',
    }));
    ({ id: card } = await c('POST', `/boards/${board}/cards`, alice, {
      name: 'To do',
      type: 'ToDo',
    }));
    // Enough tasks for an answer worth compressing (over 8 KiB of JSON).
    for (let i = 0; i < 60; i++) {
      await c('POST', `/boards/${board}/tasks`, alice, { cardId: card, title: `Task number ${i}` });
    }
    await c('POST', '/workspaces', bob, { name: 'Elsewhere' });
    await p().caughtUp();
    uncached = await p().queryApi({ answerCacheBytes: 0 });
  });

  /** The raw answer of `app` (the pipeline's own query API, which caches, by default). */
  async function raw(as: string, headers: Record<string, string> = {}, app = p().queries) {
    const response = await app.inject({
      method: 'GET',
      url: `/boards/${board}`,
      headers: { authorization: `Bearer ${await p().token(as)}`, ...headers },
    });
    return {
      status: response.statusCode,
      headers: response.headers,
      bytes: response.rawPayload,
    };
  }

  it('answers the same bytes and ETag as an answer made afresh, again and again', async () => {
    const fresh = await raw(alice, { 'accept-encoding': 'identity' }, uncached);
    expect(fresh.status).toBe(200);
    expect(JSON.parse(fresh.bytes.toString()).cards[0].tasks).toHaveLength(60);
    for (let i = 0; i < 3; i++) {
      const cached = await raw(alice, { 'accept-encoding': 'identity' });
      expect(cached.status).toBe(200);
      expect(cached.headers.etag).toBe(fresh.headers.etag);
      expect(cached.headers['content-type']).toBe(fresh.headers['content-type']);
      expect(cached.headers['content-encoding']).toBeUndefined();
      expect(cached.bytes.equals(fresh.bytes)).toBe(true);
    }
  });

  it('refuses a cached board to a non-member, even one holding its ETag', async () => {
    const warm = await raw(alice);
    expect(warm.status).toBe(200);
    const holding: Record<string, string>[] = [{}, { 'if-none-match': String(warm.headers.etag) }];
    for (const headers of holding) {
      const refused = await raw(bob, headers);
      expect(refused.status).toBe(404);
      expect(refused.headers['content-type']).toMatch(/problem\+json/);
      expect(refused.bytes.toString()).not.toContain('Many tasks');
      const { requestId: _, ...problem } = JSON.parse(refused.bytes.toString());
      const { requestId: __, ...freshProblem } = JSON.parse(
        (await raw(bob, headers, uncached)).bytes.toString(),
      );
      expect(problem).toEqual(freshProblem);
      expect(problem).toMatchObject({ status: 404, detail: `board ${board} not found` });
    }
  });

  it('answers HEAD with the headers of the cached answer and no body', async () => {
    const warm = await raw(alice, { 'accept-encoding': 'identity' });
    const head = await p().queries.inject({
      method: 'HEAD',
      url: `/boards/${board}`,
      headers: {
        authorization: `Bearer ${await p().token(alice)}`,
        'accept-encoding': 'identity',
      },
    });
    expect(head.statusCode).toBe(200);
    expect(head.rawPayload).toHaveLength(0);
    expect(head.headers.etag).toBe(warm.headers.etag);
    expect(head.headers['content-type']).toBe(warm.headers['content-type']);
  });

  it('answers 304 to the ETag held, from the cache, without a body', async () => {
    const warm = await raw(mia);
    const again = await raw(mia, { 'if-none-match': String(warm.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.bytes).toHaveLength(0);
    expect(again.headers.etag).toBe(warm.headers.etag);
  });

  it('gzips when asked, decoding to the same JSON, and says it varies by Accept-Encoding', async () => {
    const plain = await raw(alice, { 'accept-encoding': 'identity' });
    for (const accept of ['gzip', 'br;q=1, gzip;q=0.5', 'gzip, deflate, br']) {
      const zipped = await raw(alice, { 'accept-encoding': accept });
      expect(zipped.status).toBe(200);
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(zipped.bytes.length).toBeLessThan(plain.bytes.length / 2);
      expect(gunzipSync(zipped.bytes).equals(plain.bytes)).toBe(true);
      expect(zipped.headers.vary).toMatch(/Accept-Encoding/);
    }
    for (const accept of ['gzip;q=0', 'deflate', '*;q=0']) {
      const notZipped = await raw(alice, { 'accept-encoding': accept });
      expect(notZipped.headers['content-encoding'], accept).toBeUndefined();
      expect(notZipped.bytes.equals(plain.bytes)).toBe(true);
    }
  });

  it('changes the ETag and the bytes after a write to the board', async () => {
    const before = await raw(alice, { 'accept-encoding': 'identity' });
    const renamed = await p().command('PATCH', `/boards/${board}`, alice, {
      name: 'Renamed board',
    });
    await p().caughtUp();
    const after = await raw(alice, { 'if-none-match': String(before.headers.etag) });
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    // The rename's events end at the command's position (the board's own may come just before).
    const { globalPosition } = JSON.parse(after.bytes.toString());
    expect(after.headers.etag).toBe(`"${globalPosition}"`);
    expect(globalPosition).toBeGreaterThan(
      Number(JSON.parse(before.bytes.toString()).globalPosition),
    );
    expect(globalPosition).toBeLessThanOrEqual(renamed.position);
    const fresh = await raw(alice, { 'accept-encoding': 'identity' }, uncached);
    const plainAfter = await raw(alice, { 'accept-encoding': 'identity' });
    expect(plainAfter.bytes.equals(fresh.bytes)).toBe(true);
    expect(JSON.parse(plainAfter.bytes.toString()).name).toBe('Renamed board');
    // The gzip made for the old bytes is not served for the new ones.
    const zipped = await raw(alice, { 'accept-encoding': 'gzip' });
    expect(gunzipSync(zipped.bytes).equals(fresh.bytes)).toBe(true);
  });

  it('refuses the cached board to a member once removed, though the board did not change', async () => {
    const warm = await raw(mia);
    expect(warm.status).toBe(200);
    await p().command('DELETE', `/workspaces/${workspace}/members/${mia}`, alice);
    await p().caughtUp();
    const removed = await raw(mia);
    expect(removed.status).toBe(404);
    expect((await raw(alice)).headers.etag).toBe(warm.headers.etag);
    expect((await raw(mia, { 'if-none-match': String(warm.headers.etag) })).status).toBe(404);
  });

  it('answers 404 once the board is deleted', async () => {
    expect((await raw(alice)).status).toBe(200);
    await p().command('DELETE', `/boards/${board}`, alice);
    await p().caughtUp();
    expect((await raw(alice)).status).toBe(404);
  });
});
