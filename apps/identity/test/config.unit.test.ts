import { describe, expect, it } from 'vitest';
import { ConfigError, readIdentityConfig } from '../src/config';

describe('identity configuration', () => {
  it('has embedded defaults', () => {
    expect(readIdentityConfig({})).toEqual({
      issuer: 'http://localhost:4000',
      port: 4000,
      eventStoreUrl: 'sqlite:./data/events.db',
      identityStoreUrl: 'sqlite:./data/identity.db',
      jwks: undefined,
      keyFile: './data/identity-jwks.json',
      cookieKeys: undefined,
      webClient: {
        secret: undefined,
        redirectUris: ['http://localhost:3000/api/auth/callback/taskomask'],
        postLogoutRedirectUris: undefined,
      },
      apiAudience: 'http://taskomask.local/api',
      accessTokenTtl: 600,
      sessionIdleTtl: 14 * 24 * 60 * 60,
      sessionMaxTtl: 365 * 24 * 60 * 60,
      trustProxy: false,
    });
  });

  it('reads the token and session lifetimes; the maximum is never below the idle time', () => {
    expect(
      readIdentityConfig({
        IDENTITY_ACCESS_TOKEN_TTL: '5',
        SESSION_IDLE_DAYS: '0.5',
        SESSION_MAX_DAYS: '90',
      }),
    ).toMatchObject({
      accessTokenTtl: 5,
      sessionIdleTtl: 12 * 60 * 60,
      sessionMaxTtl: 90 * 86_400,
    });
    expect(
      readIdentityConfig({ SESSION_IDLE_DAYS: '30', SESSION_MAX_DAYS: '7' }).sessionMaxTtl,
    ).toBe(30 * 86_400);
  });

  it('reads every variable', () => {
    const config = readIdentityConfig({
      IDENTITY_ISSUER: 'https://id.taskomask.example',
      IDENTITY_PORT: '8080',
      EVENT_STORE_URL: 'redis://redis:6379',
      IDENTITY_STORE_URL: 'redis://redis:6379/1',
      IDENTITY_JWKS: '{"keys":[]}',
      WEB_CLIENT_SECRET: 's'.repeat(40),
      WEB_REDIRECT_URIS:
        'https://app.example/api/auth/callback/taskomask, http://localhost:3000/cb',
      WEB_POST_LOGOUT_REDIRECT_URIS: 'https://app.example/',
      API_AUDIENCE: 'https://api.taskomask.example',
      IDENTITY_TRUST_PROXY: 'true',
      IDENTITY_COOKIE_KEYS: `${'a'.repeat(32)},${'b'.repeat(32)}`,
    });
    expect(config).toMatchObject({
      issuer: 'https://id.taskomask.example',
      port: 8080,
      webClient: {
        secret: 's'.repeat(40),
        redirectUris: [
          'https://app.example/api/auth/callback/taskomask',
          'http://localhost:3000/cb',
        ],
        postLogoutRedirectUris: ['https://app.example/'],
      },
      trustProxy: true,
      cookieKeys: ['a'.repeat(32), 'b'.repeat(32)],
    });
  });

  it('names each bad variable', () => {
    const bad = (env: Record<string, string>) => {
      try {
        readIdentityConfig(env);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as Error).message;
      }
      throw new Error('expected a ConfigError');
    };
    expect(bad({ IDENTITY_PORT: 'eighty' })).toMatch(/IDENTITY_PORT/);
    expect(bad({ IDENTITY_PORT: '70000' })).toMatch(/IDENTITY_PORT must be between 1 and 65535/);
    expect(bad({ IDENTITY_ISSUER: 'localhost' })).toMatch(
      /IDENTITY_ISSUER must be an absolute URL/,
    );
    expect(bad({ IDENTITY_ISSUER: 'http://localhost:4000/' })).toMatch(
      /IDENTITY_ISSUER must not end/,
    );
    expect(bad({ IDENTITY_STORE_URL: 'mongodb://x' })).toMatch(
      /IDENTITY_STORE_URL must start with/,
    );
    expect(bad({ WEB_REDIRECT_URIS: 'not a url' })).toMatch(/WEB_REDIRECT_URIS/);
    expect(bad({ WEB_CLIENT_SECRET: 'short' })).toMatch(/WEB_CLIENT_SECRET must be at least 32/);
    expect(bad({ IDENTITY_TRUST_PROXY: 'yes' })).toMatch(
      /IDENTITY_TRUST_PROXY must be true or false/,
    );
    expect(bad({ IDENTITY_ACCESS_TOKEN_TTL: '0' })).toMatch(
      /IDENTITY_ACCESS_TOKEN_TTL must be between 1 and 3600/,
    );
    expect(bad({ SESSION_IDLE_DAYS: 'two weeks' })).toMatch(/SESSION_IDLE_DAYS must be a number/);
    expect(bad({ SESSION_MAX_DAYS: '-1' })).toMatch(/SESSION_MAX_DAYS must be more than 0/);
    const both = bad({ IDENTITY_PORT: 'x', API_AUDIENCE: 'nope' });
    expect(both).toMatch(/IDENTITY_PORT/);
    expect(both).toMatch(/API_AUDIENCE/);
  });

  it('treats empty variables as unset', () => {
    expect(readIdentityConfig({ IDENTITY_PORT: '', WEB_CLIENT_SECRET: ' ' }).port).toBe(4000);
  });
});
