import { describe, expect, it } from 'vitest';
import { readCommandConfig } from '../src/commands/config';
import { ConfigError } from '../src/http/config';

const auth = {
  AUTH_ISSUER: 'http://127.0.0.1:4000',
  AUTH_AUDIENCE: 'taskomask-api',
  AUTH_JWKS_URL: 'http://127.0.0.1:4000/jwks',
};

function problemsOf(env: Record<string, string>) {
  try {
    readCommandConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => p.variable);
    throw error;
  }
  return [];
}

describe('command side configuration', () => {
  it('defaults to the embedded event store and port 3001', () => {
    expect(readCommandConfig(auth)).toMatchObject({
      EVENT_STORE_URL: 'sqlite:./data/events.db',
      COMMAND_PORT: 3001,
      COMMAND_HOST: '127.0.0.1',
      AUTH_ALGORITHMS: ['RS256', 'ES256'],
      LOG_LEVEL: 'info',
    });
  });

  it('reads every variable', () => {
    expect(
      readCommandConfig({
        ...auth,
        EVENT_STORE_URL: 'redis://redis:6379/0',
        COMMAND_PORT: '8080',
        AUTH_ALGORITHMS: 'ES256, EdDSA',
      }),
    ).toMatchObject({
      EVENT_STORE_URL: 'redis://redis:6379/0',
      COMMAND_PORT: 8080,
      AUTH_ALGORITHMS: ['ES256', 'EdDSA'],
    });
  });

  it('names every bad or missing variable at once', () => {
    expect(
      problemsOf({
        EVENT_STORE_URL: 'postgres://db',
        COMMAND_PORT: 'eighty',
        AUTH_JWKS_URL: 'not a url',
        AUTH_ALGORITHMS: 'none',
      }).sort(),
    ).toEqual([
      'AUTH_ALGORITHMS',
      'AUTH_AUDIENCE',
      'AUTH_ISSUER',
      'AUTH_JWKS_URL',
      'COMMAND_PORT',
      'EVENT_STORE_URL',
    ]);
  });

  it('says what is wrong in its message', () => {
    expect(() => readCommandConfig({ ...auth, EVENT_STORE_URL: 'mysql://x' })).toThrow(
      /EVENT_STORE_URL: must be redis:\/\/host:port\[\/db\] or sqlite:<path>/,
    );
    expect(() => readCommandConfig({ ...auth, AUTH_JWKS_URL: 'ftp://x/jwks' })).toThrow(
      /AUTH_JWKS_URL/,
    );
  });
});
