import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  deriveCookieKeys,
  generateSigningKey,
  loadOrCreateKeyFile,
  parseSigningKeys,
} from '../src/keys';

describe('signing keys', () => {
  const dir = mkdtempSync(join(tmpdir(), 'taskomask-keys-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the embedded key file is generated once (0600) and reused', async () => {
    const path = join(dir, 'nested', 'identity-jwks.json');
    const [a, b] = await Promise.all([loadOrCreateKeyFile(path), loadOrCreateKeyFile(path)]);
    expect(a.keys[0]?.kid).toBe(b.keys[0]?.kid);
    expect((await loadOrCreateKeyFile(path)).keys[0]?.kid).toBe(a.keys[0]?.kid);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(a.algorithm).toBe('RS256');
    expect(JSON.parse(readFileSync(path, 'utf8')).keys[0].d).toEqual(expect.any(String));
  });

  it('a configured set: the first key signs, every key is checked', async () => {
    const [first, second] = await Promise.all([generateSigningKey(), generateSigningKey()]);
    const keys = parseSigningKeys(JSON.stringify({ keys: [first, second] }));
    expect(keys.keys.map((k) => k.kid)).toEqual([first.kid, second.kid]);
    expect(() => parseSigningKeys('nope')).toThrow('IDENTITY_JWKS: not valid JSON');
    expect(() => parseSigningKeys('{"keys":[]}')).toThrow(/at least one key/);
    const { d: _d, ...publicOnly } = first;
    expect(() => parseSigningKeys(JSON.stringify({ keys: [publicOnly] }))).toThrow(
      /keys\[0\]: must be a private key/,
    );
    expect(() => parseSigningKeys(JSON.stringify({ keys: [first, first] }))).toThrow(/share a kid/);
    expect(() =>
      parseSigningKeys(JSON.stringify({ keys: [{ kty: 'oct', k: 'abc', d: 'x', kid: 'k' }] })),
    ).toThrow(/only RSA \(RS256\) and EC P-256 \(ES256\)/);
  });

  it('derives stable cookie keys per signing key', async () => {
    const keys = parseSigningKeys(
      JSON.stringify({ keys: [await generateSigningKey(), await generateSigningKey()] }),
    );
    const derived = deriveCookieKeys(keys);
    expect(derived).toHaveLength(2);
    expect(derived[0]).not.toBe(derived[1]);
    expect(deriveCookieKeys(keys)).toEqual(derived);
  });
});
