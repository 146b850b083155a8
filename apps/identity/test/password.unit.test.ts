import { describe, expect, it } from 'vitest';
import { commonPasswords, hashPassword, passwordProblem, verifyPassword } from '../src/password';

const cheap = { N: 2 ** 10, r: 8, p: 1 };

describe('password hashing (scrypt)', () => {
  it('stores the parameters and a fresh salt with each hash', async () => {
    const a = await hashPassword('correct horse battery', cheap);
    const b = await hashPassword('correct horse battery', cheap);
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(a.split('$')[4]).not.toBe(b.split('$')[4]);
  });

  it('verifies the right password only, with the parameters stored in the hash', async () => {
    const stored = await hashPassword('correct horse battery', cheap);
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('normalises Unicode so the same text typed differently matches', async () => {
    const stored = await hashPassword('cafe\u0301-au-lait-1', cheap);
    expect(await verifyPassword('caf\u00e9-au-lait-1', stored)).toBe(true);
  });

  it('refuses malformed stored hashes instead of throwing', async () => {
    for (const bad of [
      '',
      'bcrypt$x',
      'scrypt$0$8$1$a$b',
      'scrypt$1024$8$1$a',
      'scrypt$1024$8$1$a$b$c',
    ]) {
      expect(await verifyPassword('anything', bad)).toBe(false);
    }
  });

  it('uses the default cost when none is given', async () => {
    expect((await hashPassword('correct horse battery')).split('$').slice(1, 4)).toEqual([
      '32768',
      '8',
      '1',
    ]);
  });
});

describe('password rules', () => {
  it('want at least 10 characters, counted as people see them', () => {
    expect(passwordProblem('nine-char')).toBe('Use at least 10 characters.');
    expect(passwordProblem('ten-chars!')).toBeNull();
    expect(passwordProblem('😀😀😀😀😀😀😀😀😀')).toBe('Use at least 10 characters.');
    expect(passwordProblem('x'.repeat(257))).toBe('Use at most 256 characters.');
  });

  it('refuse the most common passwords, whatever their case', () => {
    expect(commonPasswords().size).toBeGreaterThanOrEqual(990);
    expect(commonPasswords().has('password')).toBe(true);
    for (const common of ['1234567890', 'QWERTYUIOP', '1q2w3e4r5t', '1111111111']) {
      expect(passwordProblem(common)).toMatch(/most common/);
    }
  });

  it('refuse the account’s own email or name', () => {
    expect(passwordProblem('ada@example.com', { email: 'ada@example.com' })).toMatch(
      /email or name/,
    );
    expect(passwordProblem('Ada Lovelace', { displayName: 'ada lovelace' })).toMatch(
      /email or name/,
    );
  });
});
