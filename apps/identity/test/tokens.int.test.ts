import { Browser, formAction, hiddenInputs } from '@taskomask/testkit/browser';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiAudience,
  exchangeCode,
  pkce,
  type RunningIdentity,
  redirectUri,
  registerThroughPages,
  revoke,
  signInThroughPages,
  startAuthorization,
  startIdentity,
  type TokenResponse,
  tokenRequest,
} from '../testing/identity-server';

const refresh = (issuer: string, refreshToken: string) =>
  tokenRequest(issuer, { grant_type: 'refresh_token', refresh_token: refreshToken });

describe('tokens after sign-in', () => {
  let running: RunningIdentity;
  let adminId: string;
  beforeAll(async () => {
    running = await startIdentity();
    const admin = await running.identity.accounts.register({
      displayName: 'Grace Hopper',
      email: 'grace@example.com',
      password: 'compiler-a0-1952',
    });
    adminId = admin.ownerId;
    expect(admin.role).toBe('admin');
  });
  afterAll(() => running.close());

  async function signUp(email: string): Promise<{ browser: Browser; tokens: TokenResponse }> {
    const browser = new Browser();
    const p = pkce();
    const code = await registerThroughPages(running, browser, p, {
      displayName: 'Alan Turing',
      email,
      password: 'enigma-bombe-1940',
    });
    return { browser, tokens: await exchangeCode(running.issuer, code, p) };
  }

  it('a refresh token gives a new access token for the same owner and audience', async () => {
    const { tokens } = await signUp('alan@example.com');
    const jwks = createRemoteJWKSet(new URL('/jwks', running.issuer));
    const first = await jwtVerify(tokens.access_token, jwks, {
      issuer: running.issuer,
      audience: apiAudience,
      algorithms: ['RS256'],
    });
    expect(first.payload.role).toBe('user');
    const response = await refresh(running.issuer, tokens.refresh_token!);
    expect(response.status).toBe(200);
    const refreshed = (await response.json()) as TokenResponse;
    const second = await jwtVerify(refreshed.access_token, jwks, {
      issuer: running.issuer,
      audience: apiAudience,
      algorithms: ['RS256'],
    });
    expect(second.payload.sub).toBe(first.payload.sub);
    expect(second.payload.scope).toBe(first.payload.scope);
    expect(second.payload.jti).not.toBe(first.payload.jti);
  });

  it('after DeactivateOwner the refresh token is refused and sign-in fails; reactivation restores', async () => {
    const { tokens } = await signUp('ida@example.com');
    const ownerId = String(
      (await jwtVerify(tokens.access_token, createRemoteJWKSet(new URL('/jwks', running.issuer))))
        .payload.sub,
    );
    const by = { userId: adminId, now: new Date().toISOString() };
    await running.identity.accounts.execute({
      type: 'DeactivateOwner',
      data: { ownerId },
      metadata: by,
    });

    const refused = await refresh(running.issuer, tokens.refresh_token!);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: 'invalid_grant' });

    const browser = new Browser();
    const page = await startAuthorization(browser, running.issuer, pkce());
    const login = await browser.post(`${page}/login`, {
      email: 'ida@example.com',
      password: 'enigma-bombe-1940',
    });
    expect(login.status).toBe(403);
    expect(await login.text()).toContain('deactivated');

    await running.identity.accounts.execute({
      type: 'ReactivateOwner',
      data: { ownerId },
      metadata: by,
    });
    const code = await signInThroughPages(running, new Browser(), pkce(), {
      email: 'ida@example.com',
      password: 'enigma-bombe-1940',
    }).catch((error: Error) => error);
    expect(code).not.toBeInstanceOf(Error);
  });

  it('a deactivated account’s existing browser session no longer yields codes', async () => {
    const { browser } = await signUp('mary@example.com');
    const account = await running.identity.accounts.authenticate(
      'mary@example.com',
      'enigma-bombe-1940',
    );
    if (!account.ok) throw new Error('expected mary to sign in');
    await running.identity.accounts.execute({
      type: 'DeactivateOwner',
      data: { ownerId: account.account.ownerId },
      metadata: { userId: adminId, now: new Date().toISOString() },
    });
    // Same browser, session cookie still set: the provider finds no account and asks to sign in.
    const landed = await startAuthorization(browser, running.issuer, pkce());
    expect(new URL(landed).pathname).toMatch(/^\/interaction\//);
  });

  it('revoking the refresh token makes it unusable', async () => {
    const { tokens } = await signUp('edsger@example.com');
    const response = await revoke(running.issuer, tokens.refresh_token!, 'refresh_token');
    expect(response.status).toBe(200);
    const refused = await refresh(running.issuer, tokens.refresh_token!);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('RP-initiated logout ends the browser session: the next authorization asks to sign in', async () => {
    const { browser, tokens } = await signUp('barbara@example.com');
    // Signed in: a new authorization request goes straight back to the client with a code.
    const again = pkce();
    const before = await browser.follow(
      await browser.get(
        `${running.issuer}/auth?${new URLSearchParams({
          client_id: 'taskomask-web',
          response_type: 'code',
          redirect_uri: redirectUri,
          scope: 'openid',
          code_challenge: again.challenge,
          code_challenge_method: 'S256',
        })}`,
      ),
      running.issuer,
      (location) => location.href.startsWith(redirectUri),
    );
    expect(before.stoppedAt?.searchParams.get('code')).toEqual(expect.any(String));

    const postLogout = 'http://127.0.0.1:9/';
    const endUrl = `${running.issuer}/session/end?${new URLSearchParams({
      id_token_hint: tokens.id_token!,
      post_logout_redirect_uri: postLogout,
    })}`;
    const confirm = await browser.get(endUrl);
    expect(confirm.status).toBe(200);
    const page = await confirm.text();
    // Asked by the client (id_token_hint): the page submits itself, no second question.
    expect(page).toContain('Signing you out');
    const action = formAction(page, 'op.logoutForm');
    expect(action).toBeDefined();
    const done = await browser.post(new URL(action!, running.issuer).href, {
      ...hiddenInputs(page, 'op.logoutForm'),
      logout: 'yes',
    });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(postLogout);

    const landed = await startAuthorization(browser, running.issuer, pkce());
    expect(await (await browser.get(landed)).text()).toContain('Sign in');
    expect((await browser.get(`${running.issuer}/account`)).status).toBe(401);
  });
});
