// Issue 13 §2 "Staying signed in": a session outlives its access tokens (refreshed, rotated, never
// replayed), "Sign up" opens the sign-up form, "Sign out" signs out once and for real.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type OpenBrowser, openBrowser, type Person } from './support/browser';
import { type System, startSystem } from './support/system';

// Short enough to expire many times in one test, long enough for a page to load within it.
const accessTokenTtl = 5;

const ada: Person = {
  name: 'Ada Lovelace',
  email: 'ada@session.test',
  password: 'analytical engine 1843',
};

/** Polls until the clock is past `atMs` (an access token's expiry), with a deadline. */
async function untilPast(atMs: number): Promise<void> {
  const deadline = atMs + 10_000;
  while (Date.now() <= atMs) {
    if (Date.now() > deadline) throw new Error('the clock did not pass the expiry');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.sequential('staying signed in, in Chromium', () => {
  let system: System;
  let b: OpenBrowser;
  /** Refresh tokens the provider consumed (rotation), and its refused grants. */
  const consumed: string[] = [];
  const grantErrors: string[] = [];

  beforeAll(async () => {
    system = await startSystem({ accessTokenTtl });
    system.identityProvider.on('refresh_token.consumed', (token: { jti: string }) =>
      consumed.push(token.jti),
    );
    system.identityProvider.on('grant.error', (_ctx: unknown, error: Error) =>
      grantErrors.push(error.message),
    );
    b = await openBrowser();
  }, 240_000);

  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    await b?.page
      .screenshot({ path: join(tmpdir(), 'taskomask-session-e2e-failure.png') })
      .catch(() => {});
    console.error(`browser:\n${b?.errors.join('\n')}\ngrant errors: ${grantErrors.join('; ')}`);
  });

  afterAll(async () => {
    await b?.close();
    await system?.close();
  });

  /** When the newest access token has surely expired: it was issued before this moment. */
  let expiresBy = 0;

  it('"Sign up" lands on the sign-up form and signs the new account in', async () => {
    const { page } = b;
    await page.goto(system.web);
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByRole('heading', { name: 'Create your account' }).waitFor();
    expect(page.url().startsWith(`${system.identity}/interaction/`)).toBe(true);
    await page.getByLabel('Display name').fill(ada.name);
    await page.getByLabel('Email').fill(ada.email);
    await page.getByLabel('Password').fill(ada.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(`${system.web}/workspaces`);
    expiresBy = Date.now() + accessTokenTtl * 1000;
  });

  it('stays signed in across reloads after each access token expired, and writes', async () => {
    const { page } = b;
    for (let round = 1; round <= 3; round += 1) {
      await untilPast(expiresBy);
      await page.reload();
      await page.waitForURL(`${system.web}/workspaces`);
      await page.getByLabel('Create workspace name').waitFor();
      expiresBy = Date.now() + accessTokenTtl * 1000;
    }
    await untilPast(expiresBy);
    await page.getByLabel('Create workspace name').fill('Still here');
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await page.getByRole('heading', { name: 'Still here' }).waitFor();
    // A refresh per expired token, each refresh token presented once.
    expect(consumed.length).toBeGreaterThanOrEqual(3);
    expect(new Set(consumed).size).toBe(consumed.length);
    expect(grantErrors).toEqual([]);
  }, 120_000);

  it('requests racing on an expired token share one refresh: no refresh token twice', async () => {
    const { page } = b;
    await page.goto(`${system.web}/workspaces`);
    await page.getByRole('link', { name: /Still here/ }).waitFor();
    const before = consumed.length;
    expiresBy = Date.now() + accessTokenTtl * 1000;
    await untilPast(expiresBy);
    // Eight queries at once, all carrying the cookie with the expired token.
    const statuses = await page.evaluate(() =>
      Promise.all(
        Array.from({ length: 8 }, () =>
          fetch('/api/q/workspaces', { cache: 'no-store' }).then((r) => r.status),
        ),
      ),
    );
    expect(statuses).toEqual(Array(8).fill(200));
    expect(consumed.length).toBe(before + 1);
    await page.reload();
    await page.getByRole('link', { name: /Still here/ }).waitFor();
    expect(new Set(consumed).size).toBe(consumed.length);
    expect(grantErrors).toEqual([]);
  }, 60_000);

  it('"Sign out" signs out at once; "Sign in" then asks for the password', async () => {
    const { page } = b;
    // What the browser asked the provider on the way out.
    const asked: string[] = [];
    const seen = (request: { url(): string; method(): string; postData(): string | null }) => {
      const url = new URL(request.url());
      // Its stylesheet aside.
      if (url.origin !== system.identity || url.pathname.startsWith('/assets/')) return;
      asked.push(`${request.method()} ${url.pathname} ${request.postData() ?? ''}`.trim());
    };
    page.on('request', seen);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    page.off('request', seen);
    expect(page.url()).toBe(`${system.web}/`);
    // The end-session page submitted "Sign out" itself (nobody clicked there): no second question.
    expect(asked).toHaveLength(2);
    expect(asked[0]).toBe('GET /session/end');
    expect(asked[1]).toMatch(/^POST \/session\/end\/confirm xsrf=[^&]+&logout=yes$/);

    await page.goto(`${system.web}/workspaces`);
    await page.waitForURL(`${system.web}/`);

    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Password').waitFor();
    expect(page.url().startsWith(`${system.identity}/interaction/`)).toBe(true);
    await page.getByLabel('Email').fill(ada.email);
    await page.getByLabel('Password').fill(ada.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${system.web}/workspaces`);
    await page.getByRole('link', { name: /Still here/ }).waitFor();
    expect(grantErrors).toEqual([]);
  }, 60_000);
});
