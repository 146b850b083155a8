// Issue 13 §2: when the BFF renews an access token (pure timing; the exchange itself is e2e).
import { describe, expect, it } from 'vitest';
import { refreshDue } from '../src/server/refresh-due';

describe('refreshDue', () => {
  const at = (seconds: number) => seconds * 1000;

  it('renews a 10-minute token 30 s before it expires, not earlier', () => {
    const token = { expiresAt: 1_000, expiresIn: 600 };
    expect(refreshDue(token, at(969))).toBe(false);
    expect(refreshDue(token, at(970))).toBe(true);
    expect(refreshDue(token, at(2_000))).toBe(true);
  });

  it('renews a short-lived token a quarter of its life early, not on every request', () => {
    const token = { expiresAt: 1_000, expiresIn: 8 };
    expect(refreshDue(token, at(997))).toBe(false);
    expect(refreshDue(token, at(998))).toBe(true);
  });

  it('takes 10 minutes as the lifetime when the token does not say', () => {
    expect(refreshDue({ expiresAt: 1_000 }, at(969))).toBe(false);
    expect(refreshDue({ expiresAt: 1_000 }, at(971))).toBe(true);
  });

  it('has nothing to renew without an expiry', () => {
    expect(refreshDue({}, at(1e9))).toBe(false);
  });
});
