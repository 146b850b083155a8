import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '@taskomask/eventstore';
import { sqliteEventStore } from '@taskomask/eventstore/sqlite';
import type { Browser } from '@taskomask/testkit/browser';
import { expect } from 'vitest';
import { type BuildIdentityOptions, buildIdentity, type Identity } from '../src/build-identity';
import { generateSigningKey, parseSigningKeys, type SigningKeys } from '../src/keys';
import type { IdentityStore } from '../src/store/port';
import { sqliteIdentityStore } from '../src/store/sqlite-identity-store';

export const apiAudience = 'http://taskomask.local/api';
export const redirectUri = 'http://127.0.0.1:9/api/auth/callback/taskomask';
export const clientSecret = 'test-client-secret-0123456789abcdef0123456789';
export const apiScope =
  'workspaces:read workspaces:write boards:read boards:write tasks:read tasks:write';
export const fullScope = `openid profile email offline_access ${apiScope}`;
// Cheap scrypt for tests: the same code path, a fraction of the cost.
export const testScrypt = { N: 2 ** 12, r: 8, p: 1 };

let sharedKeys: Promise<SigningKeys> | undefined;
export const testKeys = () => {
  sharedKeys ??= generateSigningKey().then((key) =>
    parseSigningKeys(JSON.stringify({ keys: [key] })),
  );
  return sharedKeys;
};

export type RunningIdentity = Readonly<{
  issuer: string;
  identity: Identity;
  eventStore: EventStore;
  store: IdentityStore;
  close(): Promise<void>;
}>;

/** A real identity server on 127.0.0.1 with a fresh SQLite event store and identity store. */
export async function startIdentity(
  overrides: Partial<Omit<BuildIdentityOptions, 'issuer'>> = {},
): Promise<RunningIdentity> {
  const dir = mkdtempSync(join(tmpdir(), 'taskomask-identity-flow-'));
  const eventStore = overrides.eventStore ?? sqliteEventStore({ path: join(dir, 'events.db') });
  const store = overrides.store ?? sqliteIdentityStore({ path: join(dir, 'identity.db') });
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const identity = await buildIdentity({
    eventStore,
    store,
    issuer,
    keys: await testKeys(),
    webClient: { redirectUris: [redirectUri], secret: clientSecret },
    apiAudience,
    scrypt: testScrypt,
    ...overrides,
  });
  server.on('request', identity.handler);
  return {
    issuer,
    identity,
    eventStore,
    store,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await identity.close();
      if (!overrides.store) await store.close();
      if (!overrides.eventStore) await eventStore.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type Pkce = Readonly<{ verifier: string; challenge: string; state: string; nonce: string }>;

export function pkce(): Pkce {
  const verifier = randomBytes(32).toString('base64url');
  return {
    verifier,
    challenge: createHash('sha256').update(verifier).digest('base64url'),
    state: randomBytes(8).toString('hex'),
    nonce: randomBytes(8).toString('hex'),
  };
}

export function authorizeUrl(issuer: string, p: Pkce, extra: Record<string, string> = {}): string {
  const url = new URL('/auth', issuer);
  url.search = new URLSearchParams({
    client_id: 'taskomask-web',
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: fullScope,
    code_challenge: p.challenge,
    code_challenge_method: 'S256',
    state: p.state,
    nonce: p.nonce,
    // OpenID Connect ignores offline_access (no refresh token) unless consent is prompted for;
    // our first-party client's consent is given without a page, so this costs no click.
    prompt: 'consent',
    ...extra,
  }).toString();
  return url.href;
}

const atRedirectUri = (location: URL) => location.href.startsWith(redirectUri);

/** Starts an authorization request; returns the interaction page's URL (the login prompt). */
export async function startAuthorization(
  browser: Browser,
  issuer: string,
  p: Pkce,
): Promise<string> {
  const url = authorizeUrl(issuer, p);
  const { response, url: landed } = await browser.follow(await browser.get(url), url);
  if (response.status !== 200 || !new URL(landed).pathname.startsWith('/interaction/')) {
    throw new Error(`expected the login page, got ${response.status} at ${landed}`);
  }
  return landed;
}

/** Follows the redirects after a successful form post to the client's redirect URI; the code. */
export async function codeAfter(
  browser: Browser,
  response: Response,
  from: string,
  p: Pkce,
): Promise<string> {
  const { stoppedAt, response: last, url } = await browser.follow(response, from, atRedirectUri);
  if (!stoppedAt) {
    throw new Error(
      `expected a redirect to the client, got ${last.status} at ${url}: ${await last.text()}`,
    );
  }
  if (stoppedAt.searchParams.get('state') !== p.state) throw new Error('state mismatch');
  const code = stoppedAt.searchParams.get('code');
  if (!code) throw new Error(`no code: ${stoppedAt.href}`);
  return code;
}

export type TokenResponse = {
  access_token: string;
  id_token?: string;
  refresh_token?: string;
  scope?: string;
  token_type: string;
  expires_in: number;
};

const basic = `Basic ${Buffer.from(`${encodeURIComponent('taskomask-web')}:${encodeURIComponent(clientSecret)}`).toString('base64')}`;

export async function tokenRequest(
  issuer: string,
  form: Record<string, string>,
): Promise<Response> {
  return fetch(new URL('/token', issuer), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic },
    body: new URLSearchParams(form).toString(),
  });
}

export async function exchangeCode(issuer: string, code: string, p: Pkce): Promise<TokenResponse> {
  const response = await tokenRequest(issuer, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUri,
    code_verifier: p.verifier,
  });
  if (response.status !== 200)
    throw new Error(`token: ${response.status} ${await response.text()}`);
  return (await response.json()) as TokenResponse;
}

export async function revoke(issuer: string, token: string, hint?: string): Promise<Response> {
  return fetch(new URL('/token/revocation', issuer), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic },
    body: new URLSearchParams({ token, ...(hint ? { token_type_hint: hint } : {}) }).toString(),
  });
}

/** Registers through the pages of a fresh authorization request; returns the code. */
export async function registerThroughPages(
  running: RunningIdentity,
  browser: Browser,
  p: Pkce,
  account: { displayName: string; email: string; password: string },
): Promise<string> {
  const page = await startAuthorization(browser, running.issuer, p);
  const registerUrl = `${page}/register`;
  expect((await browser.get(registerUrl)).status).toBe(200);
  const response = await browser.post(registerUrl, account);
  return codeAfter(browser, response, registerUrl, p);
}

/** Signs in through the login page of a fresh authorization request; returns the code. */
export async function signInThroughPages(
  running: RunningIdentity,
  browser: Browser,
  p: Pkce,
  credentials: { email: string; password: string },
): Promise<string> {
  const page = await startAuthorization(browser, running.issuer, p);
  const response = await browser.post(`${page}/login`, credentials);
  return codeAfter(browser, response, `${page}/login`, p);
}
