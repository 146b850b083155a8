// Issue 17 §2: the provider's own pages carry our headers, and its URLs come from the issuer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningIdentity, startIdentity } from '../testing/identity-server';

describe('pages and documents the OIDC provider renders itself', () => {
  let running: RunningIdentity;
  beforeAll(async () => {
    running = await startIdentity();
  });
  afterAll(() => running?.close());

  const expectPageHeaders = (response: Response) => {
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  };

  it('its error page (an unknown client) cannot be framed and runs no script', async () => {
    const response = await fetch(`${running.issuer}/auth?client_id=nobody&response_type=code`);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expectPageHeaders(response);
  });

  it('its sign-out confirmation (the button a framing site would want) cannot be framed', async () => {
    const response = await fetch(`${running.issuer}/session/end`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<form');
    expectPageHeaders(response);
  });

  it('builds the discovery document from the issuer, never from Host or X-Forwarded-*', async () => {
    const { request } = await import('node:http');
    const document = await new Promise<Record<string, unknown>>((resolve, reject) => {
      const url = new URL(`${running.issuer}/.well-known/openid-configuration`);
      request(
        url,
        {
          headers: {
            host: 'evil.example',
            'x-forwarded-host': 'evil.example',
            'x-forwarded-proto': 'https',
          },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk) => {
            text += chunk;
          });
          res.on('end', () => resolve(JSON.parse(text)));
        },
      )
        .on('error', reject)
        .end();
    });
    expect(document.issuer).toBe(running.issuer);
    expect(document.jwks_uri).toBe(`${running.issuer}/jwks`);
    for (const key of ['authorization_endpoint', 'token_endpoint', 'end_session_endpoint']) {
      expect(String(document[key]), key).toMatch(new RegExp(`^${running.issuer}/`));
    }
    expect(JSON.stringify(document)).not.toContain('evil.example');
  });
});
