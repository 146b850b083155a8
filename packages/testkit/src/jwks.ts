import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { scopes } from '@taskomask/contracts';
import { type CryptoKey, exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';

export type TokenOptions = {
  /** Space-separated; every scope by default. */
  scope?: string;
  role?: string;
  /** jose time span ('5m') or seconds since the epoch; defaults to five minutes from now. */
  expiresIn?: string | number;
  notBefore?: string | number;
  issuer?: string;
  audience?: string;
  alg?: 'RS256' | 'ES256';
  /** 'other': signed by a key the JWKS does not hold, under a kid it does. */
  key?: 'issuer' | 'other';
  /** Extra claims, e.g. a `sub` that is not a UUID. */
  claims?: Record<string, unknown>;
};

export type TestIssuer = Readonly<{
  issuer: string;
  audience: string;
  jwksUrl: string;
  /** How many times the JWKS was fetched: proves the remote path is the one in use. */
  fetches: () => number;
  tokenFor: (userId: string, options?: TokenOptions) => Promise<string>;
  close: () => Promise<void>;
}>;

export const allScopes = scopes.join(' ');

type KeyPair = { privateKey: CryptoKey; publicKey: CryptoKey };

async function publicJwk(pair: KeyPair, kid: string, alg: string): Promise<JWK> {
  return { ...(await exportJWK(pair.publicKey)), kid, alg, use: 'sig' };
}

/**
 * A stand-in identity provider for tests: RS256 and ES256 key pairs whose public halves a tiny
 * HTTP server on 127.0.0.1 serves as a JWKS, so the API verifies tokens through the same remote
 * JWKS code path it uses in production.
 */
export async function startTestIssuer(): Promise<TestIssuer> {
  const keys = {
    RS256: await generateKeyPair('RS256'),
    ES256: await generateKeyPair('ES256'),
  };
  const others = {
    RS256: await generateKeyPair('RS256'),
    ES256: await generateKeyPair('ES256'),
  };
  const jwks = {
    keys: [
      await publicJwk(keys.RS256, 'rsa-1', 'RS256'),
      await publicJwk(keys.ES256, 'ec-1', 'ES256'),
    ],
  };
  let fetches = 0;
  const server: Server = createServer((request, response) => {
    if (request.url === '/jwks') {
      fetches++;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(jwks));
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;
  const audience = 'taskomask-api';

  async function tokenFor(userId: string, options: TokenOptions = {}): Promise<string> {
    const alg = options.alg ?? 'RS256';
    const pair = (options.key === 'other' ? others : keys)[alg];
    const jwt = new SignJWT({
      scope: options.scope ?? allScopes,
      ...(options.role === undefined ? {} : { role: options.role }),
      ...options.claims,
    })
      .setProtectedHeader({ alg, kid: alg === 'RS256' ? 'rsa-1' : 'ec-1', typ: 'at+jwt' })
      .setSubject(userId)
      .setIssuer(options.issuer ?? issuer)
      .setAudience(options.audience ?? audience)
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? '5m');
    if (options.notBefore !== undefined) jwt.setNotBefore(options.notBefore);
    return jwt.sign(pair.privateKey);
  }

  return {
    issuer,
    audience,
    jwksUrl: `${issuer}/jwks`,
    fetches: () => fetches,
    tokenFor,
    close: () =>
      new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A token with `alg: none` and no signature. */
export function unsignedToken(payload: Record<string, unknown>): string {
  return `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(payload)}.`;
}

/** A valid token whose payload was changed after signing. */
export function tampered(token: string, change: Record<string, unknown>): string {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  return `${header}.${base64url({ ...claims, ...change })}.${signature}`;
}
