import { Browser } from '@taskomask/testkit/browser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  pkce,
  type RunningIdentity,
  startAuthorization,
  startIdentity,
} from '../testing/identity-server';

const limits = {
  perAccount: { attempts: 3, windowSeconds: 600, lockSeconds: 900 },
  perIp: { attempts: 6, windowSeconds: 600, lockSeconds: 1200 },
};

describe('sign-in errors and brute-force limits', () => {
  let running: RunningIdentity;
  beforeEach(async () => {
    running = await startIdentity({ loginLimits: limits });
    await running.identity.accounts.register({
      displayName: 'Hedy Lamarr',
      email: 'hedy@example.com',
      password: 'frequency-hopping-42',
    });
  });
  afterEach(() => running.close());

  async function loginPage(browser = new Browser()) {
    return { browser, page: await startAuthorization(browser, running.issuer, pkce()) };
  }

  const alertOf = (html: string) =>
    /<div class="alert" role="alert">([^<]*)<\/div>/.exec(html)?.[1];

  it('a wrong password and an unknown email get the same answer', async () => {
    const { browser, page } = await loginPage();
    const wrong = await browser.post(`${page}/login`, {
      email: 'hedy@example.com',
      password: 'not-her-password',
    });
    const unknown = await browser.post(`${page}/login`, {
      email: 'nobody@example.com',
      password: 'not-her-password',
    });
    const malformed = await browser.post(`${page}/login`, { email: 'nobody', password: 'x' });
    const pages = await Promise.all([wrong, unknown, malformed].map((r) => r.text()));
    expect([wrong.status, unknown.status, malformed.status]).toEqual([401, 401, 401]);
    expect(pages.map(alertOf)).toEqual(Array(3).fill('Wrong email or password.'));
    // The email typed is kept, the password never.
    expect(pages[0]).toContain('value="hedy@example.com"');
    expect(pages[0]).not.toContain('not-her-password');
  });

  it('locks an account after N failures, even for the right password, and says when to retry', async () => {
    const { browser, page } = await loginPage();
    const attempt = (password: string) =>
      browser.post(`${page}/login`, { email: 'HEDY@example.com', password });
    expect((await attempt('guess-number-1')).status).toBe(401);
    expect((await attempt('guess-number-2')).status).toBe(401);
    const third = await attempt('guess-number-3');
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBe(900);
    expect(alertOf(await third.text())).toBe(
      'Too many failed sign-in attempts. Try again in 15 minutes.',
    );
    const right = await attempt('frequency-hopping-42');
    expect(right.status).toBe(429);
    const retryAfter = Number(right.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(890);
    expect(retryAfter).toBeLessThanOrEqual(900);
    // Another account from the same browser is not locked.
    await running.identity.accounts.register({
      displayName: 'Radia Perlman',
      email: 'radia@example.com',
      password: 'spanning-tree-1985',
    });
    const other = await browser.post(`${page}/login`, {
      email: 'radia@example.com',
      password: 'spanning-tree-1985',
    });
    expect(other.status).toBe(303);
  });

  it('a success resets the account’s count', async () => {
    const { browser, page } = await loginPage();
    const attempt = (password: string) =>
      browser.post(`${page}/login`, { email: 'hedy@example.com', password });
    expect((await attempt('guess-number-1')).status).toBe(401);
    expect((await attempt('guess-number-2')).status).toBe(401);
    expect((await attempt('frequency-hopping-42')).status).toBe(303);
    const again = await loginPage();
    const next = (password: string) =>
      again.browser.post(`${again.page}/login`, { email: 'hedy@example.com', password });
    expect((await next('guess-number-3')).status).toBe(401);
    expect((await next('guess-number-4')).status).toBe(401);
  });

  it('locks an IP that tries many accounts', async () => {
    const { browser, page } = await loginPage();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const response = await browser.post(`${page}/login`, {
        email: `user${i}@example.com`,
        password: 'spray-and-pray',
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const blocked = await browser.post(`${page}/login`, {
      email: 'hedy@example.com',
      password: 'frequency-hopping-42',
    });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(1100);
  });
});
