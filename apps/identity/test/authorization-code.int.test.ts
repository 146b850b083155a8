import { Browser } from '@taskomask/testkit/browser';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiAudience,
  apiScope,
  exchangeCode,
  pkce,
  type RunningIdentity,
  registerThroughPages,
  startIdentity,
} from '../testing/identity-server';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('authorization code + PKCE over HTTP', () => {
  let running: RunningIdentity;
  beforeAll(async () => {
    running = await startIdentity();
  });
  afterAll(() => running.close());

  it('registers, signs in, exchanges the code, and the access token verifies against the JWKS', async () => {
    const browser = new Browser();
    const p = pkce();
    const code = await registerThroughPages(running, browser, p, {
      displayName: 'Ada Lovelace',
      email: 'Ada@Example.com',
      password: 'analytical-engine-1843',
    });
    const tokens = await exchangeCode(running.issuer, code, p);
    expect(tokens.token_type).toBe('Bearer');
    expect(tokens.refresh_token).toEqual(expect.any(String));

    const jwks = createRemoteJWKSet(new URL('/jwks', running.issuer));
    const { payload, protectedHeader } = await jwtVerify(tokens.access_token, jwks, {
      issuer: running.issuer,
      audience: apiAudience,
      algorithms: ['RS256'],
      typ: 'at+jwt',
    });
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload.sub).toMatch(UUID);
    expect(String(payload.scope).split(' ').sort()).toEqual(apiScope.split(' ').sort());
    expect(payload.role).toBe('admin'); // the first account on an empty system
    expect(payload.client_id).toBe('taskomask-web');
    expect(payload.exp! - payload.iat!).toBe(600);

    const id = await jwtVerify(tokens.id_token!, jwks, {
      issuer: running.issuer,
      audience: 'taskomask-web',
      algorithms: ['RS256'],
    });
    expect(id.payload).toMatchObject({
      sub: payload.sub,
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      nonce: p.nonce,
    });
    expect(decodeProtectedHeader(tokens.id_token!).typ).not.toBe('at+jwt');
  });

  it('publishes discovery with PKCE S256, revocation, end session and the JWKS', async () => {
    const discovery = (await (
      await fetch(new URL('/.well-known/openid-configuration', running.issuer))
    ).json()) as Record<string, unknown>;
    expect(discovery).toMatchObject({
      issuer: running.issuer,
      jwks_uri: `${running.issuer}/jwks`,
      code_challenge_methods_supported: ['S256'],
      revocation_endpoint: `${running.issuer}/token/revocation`,
      end_session_endpoint: `${running.issuer}/session/end`,
    });
    const jwks = (await (await fetch(new URL('/jwks', running.issuer))).json()) as {
      keys: Record<string, unknown>[];
    };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });
});
