// Issue 17 §3: bytes that are not UTF-8, control characters and bidi overrides are refused with a
// 400 naming the field, and nothing is written.
import { describe, expect, it } from 'vitest';
import { firstInvalidUtf8, jsonFieldAt } from '../src/http/utf8-body';
import { buildWorld, useApi } from './support/harness';

describe('strict input on the command API', () => {
  const api = useApi('sqlite');

  const raw = async (method: 'PATCH' | 'POST', url: string, payload: Buffer) => {
    const token = await api().issuer.tokenFor(api().users.alice, { expiresIn: '1h' });
    return api().app.inject({
      method,
      url,
      payload,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    });
  };

  it('refuses invalid UTF-8 in a field with 400 naming it (was 200 with U+FFFD stored)', async () => {
    const world = await buildWorld(api());
    const before = await api().head();
    const payload = Buffer.concat([
      Buffer.from('{"description":"fine","name":"Acme '),
      Buffer.from([0xc0, 0x80, 0xff, 0xfe]),
      Buffer.from('"}'),
    ]);
    const response = await raw('PATCH', `/workspaces/${world.workspace}`, payload);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json().errors).toEqual([{ field: 'name', reason: 'must be valid UTF-8' }]);
    expect(await api().head()).toBe(before);
  });

  it('names nested fields and array items', () => {
    expect(jsonFieldAt('{"a":{"b":[1,"x",{"c":"')).toBe('a.b.2.c');
    expect(jsonFieldAt('{"a":"q\\"",')).toBe('body');
    expect(jsonFieldAt('{"labels":["ok","')).toBe('labels.1');
    expect(jsonFieldAt('')).toBe('body');
    const bytes = Buffer.concat([Buffer.from('{"é":"'), Buffer.from([0xed, 0xa0, 0x80])]);
    expect(firstInvalidUtf8(bytes)).toBe(7);
    expect(firstInvalidUtf8(Buffer.from('fine ✓ 👍'))).toBe(Buffer.byteLength('fine ✓ 👍'));
  });

  it.each([
    ['NUL', 'Acme\u0000Co'],
    ['BEL', 'Acme\u0007Co'],
    ['ESC', '\u001b[31mAcme'],
    ['CR/LF', 'Acme\r\nCo'],
    ['TAB', 'Acme\tCo'],
    ['bidi override', 'Acme \u202egnp.exe'],
  ])('refuses %s in a name (was stored as sent)', async (_what, name) => {
    const before = await api().head();
    const response = await api().send('POST', '/workspaces', {
      as: api().users.alice,
      body: { name },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(['name']);
    expect(await api().head()).toBe(before);
  });

  it('keeps line breaks in a description', async () => {
    const response = await api().send('POST', '/workspaces', {
      as: api().users.alice,
      body: { name: api().unique('Lines'), description: 'first\nsecond\r\n\tthird' },
    });
    expect(response.status).toBe(201);
  });
});
