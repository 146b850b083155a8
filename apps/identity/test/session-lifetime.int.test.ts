// Issue 13 §2: refresh tokens rotate on every use and slide (a full idle TTL from each use), a
// replayed one is refused; `screen=signup` opens the registration form; sign-out requested with
// an id_token_hint asks no second question.
import { createHash } from 'node:crypto';
import { Browser, formAction, hiddenInputs } from '@taskomask/testkit/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { autoSignOutScript } from '../src/pages';
import {
  authorizeUrl,
  codeAfter,
  exchangeCode,
  pkce,
  type RunningIdentity,
  registerThroughPages,
  startIdentity,
  type TokenResponse,
  tokenRequest,
} from '../testing/identity-server';

const idleTtl = 3 * 24 * 60 * 60;
const refresh = (issuer: string, refreshToken: string) =>
  tokenRequest(issuer, { grant_type: 'refresh_token', refresh_token: refreshToken });

describe('session lifetime at the provider', () => {
  let running: RunningIdentity;
  beforeAll(async () => {
    running = await startIdentity({ sessionIdleTtl: idleTtl, sessionMaxTtl: 30 * 24 * 60 * 60 });
  });
  afterAll(() => running.close());

  let n = 0;
  async function signUp(): Promise<{ browser: Browser; tokens: TokenResponse }> {
    n += 1;
    const browser = new Browser();
    const p = pkce();
    const code = await registerThroughPages(running, browser, p, {
      displayName: `Person ${n}`,
      email: `person-${n}@lifetime.test`,
      password: 'a long enough passphrase 1',
    });
    return { browser, tokens: await exchangeCode(running.issuer, code, p) };
  }

  /** Seconds the stored refresh token has left. */
  async function remainingOf(refreshToken: string): Promise<number> {
    const found = await running.identity.provider.RefreshToken.find(refreshToken);
    expect(found).toBeDefined();
    return found!.exp! - Math.floor(Date.now() / 1000);
  }

  it('rotates on every refresh; each new token lives the full idle TTL from its use', async () => {
    const { tokens } = await signUp();
    expect(await remainingOf(tokens.refresh_token!)).toBeGreaterThan(idleTtl - 5);
    // Age the first token by a day: a sliding renewal gives the next one the full TTL again.
    const first = await running.identity.provider.RefreshToken.find(tokens.refresh_token!);
    first!.exp! -= 24 * 60 * 60;
    await first!.save();
    expect(await remainingOf(tokens.refresh_token!)).toBeLessThan(idleTtl - 23 * 60 * 60);

    const response = await refresh(running.issuer, tokens.refresh_token!);
    expect(response.status).toBe(200);
    const next = (await response.json()) as TokenResponse;
    expect(next.refresh_token).toEqual(expect.any(String));
    expect(next.refresh_token).not.toBe(tokens.refresh_token);
    expect(next.id_token).toEqual(expect.any(String));
    expect(await remainingOf(next.refresh_token!)).toBeGreaterThan(idleTtl - 5);
  });

  it('a replayed refresh token is refused and ends that sign-in', async () => {
    const { tokens } = await signUp();
    const first = await refresh(running.issuer, tokens.refresh_token!);
    expect(first.status).toBe(200);
    const rotated = (await first.json()) as TokenResponse;
    const replay = await refresh(running.issuer, tokens.refresh_token!);
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ error: 'invalid_grant' });
    // Reuse means theft or a bug: the grant is revoked, the rotated token too.
    expect((await refresh(running.issuer, rotated.refresh_token!)).status).toBe(400);
  });

  it('screen=signup opens the registration form; "I already have an account" the sign-in', async () => {
    const browser = new Browser();
    const p = pkce();
    const url = authorizeUrl(running.issuer, p, { screen: 'signup' });
    const { response, url: landed } = await browser.follow(await browser.get(url), url);
    const page = await response.text();
    expect(page).toContain('Create your account');
    expect(page).toContain(`action="${new URL(landed).pathname}/register"`);
    const signIn = await browser.get(`${landed}/login`);
    expect(await signIn.text()).toContain('name="password"');

    const registered = await browser.post(`${landed}/register`, {
      displayName: 'New Person',
      email: 'new@lifetime.test',
      password: 'a long enough passphrase 2',
    });
    const code = await codeAfter(browser, registered, `${landed}/register`, p);
    expect((await exchangeCode(running.issuer, code, p)).refresh_token).toEqual(expect.any(String));
  });

  it('screen=signup shows the form even to a browser signed in here', async () => {
    const { browser } = await signUp();
    const url = authorizeUrl(running.issuer, pkce(), { screen: 'signup' });
    const { response } = await browser.follow(await browser.get(url), url);
    expect(await response.text()).toContain('Create your account');
  });

  it('sign-out with an id_token_hint submits itself; without one it asks', async () => {
    const { browser, tokens } = await signUp();
    const postLogout = 'http://127.0.0.1:9/';
    const asked = await browser.get(
      `${running.issuer}/session/end?${new URLSearchParams({ client_id: 'taskomask-web' })}`,
    );
    expect(await asked.text()).toContain('Stay signed in');

    const end = await browser.get(
      `${running.issuer}/session/end?${new URLSearchParams({
        id_token_hint: tokens.id_token!,
        post_logout_redirect_uri: postLogout,
      })}`,
    );
    expect(end.status).toBe(200);
    const page = await end.text();
    expect(page).toContain('Signing you out');
    expect(page).not.toContain('Stay signed in');
    expect(page).toContain(`<script>${autoSignOutScript}</script>`);
    const hash = createHash('sha256').update(autoSignOutScript).digest('base64');
    expect(end.headers.get('content-security-policy')).toContain(`script-src 'sha256-${hash}'`);
    expect(end.headers.get('content-security-policy')).not.toContain('unsafe-inline');
    // What the script does: the "Sign out" button (logout=yes) with the form's xsrf token.
    expect(page).toMatch(/<button[^>]*name="logout" value="yes" id="sign-out"/);
    const done = await browser.post(
      new URL(formAction(page, 'op.logoutForm')!, running.issuer).href,
      {
        ...hiddenInputs(page, 'op.logoutForm'),
        logout: 'yes',
      },
    );
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(postLogout);
    const again = authorizeUrl(running.issuer, pkce());
    const { response } = await browser.follow(await browser.get(again), again);
    expect(await response.text()).toContain('name="password"');
  });
});
