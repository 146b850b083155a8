import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signatureOf, verifySignature } from '../src/signature';

describe('webhook signatures', () => {
  const secret = 'whsec_0123456789abcdef';
  const body = '{"type":"TaskCreated","data":{"title":"Ünïcode ✓"}}';

  it('is t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>, as the README tells receivers', () => {
    const header = signatureOf(secret, body, 1_765_000_000);
    const mac = createHmac('sha256', secret).update(`1765000000.${body}`).digest('hex');
    expect(header).toBe(`t=1765000000,v1=${mac}`);
  });

  it('verifies the right body, secret and time; refuses any change, or an old timestamp', () => {
    const header = signatureOf(secret, body, 1_765_000_000);
    expect(verifySignature(secret, body, header, 1_765_000_100)).toBe(true);
    expect(verifySignature(secret, `${body} `, header, 1_765_000_100)).toBe(false);
    expect(verifySignature('whsec_another_secret_x', body, header, 1_765_000_100)).toBe(false);
    expect(verifySignature(secret, body, header, 1_765_000_000 + 301)).toBe(false);
    expect(
      verifySignature(secret, body, header.replace('t=1765000000', 't=1765000001'), 1_765_000_000),
    ).toBe(false);
    expect(verifySignature(secret, body, 'garbage', 1_765_000_000)).toBe(false);
  });
});
