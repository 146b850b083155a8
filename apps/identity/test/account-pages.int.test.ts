import { Browser, hiddenInputs } from '@taskomask/testkit/browser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  pkce,
  type RunningIdentity,
  registerThroughPages,
  signInThroughPages,
  startIdentity,
} from '../testing/identity-server';

describe('account pages: profile and password', () => {
  let running: RunningIdentity;
  let browser: Browser;
  const url = (path: string) => `${running.issuer}${path}`;

  beforeEach(async () => {
    running = await startIdentity();
    browser = new Browser();
    await registerThroughPages(running, browser, pkce(), {
      displayName: 'Margaret Hamilton',
      email: 'margaret@example.com',
      password: 'apollo-guidance-69',
    });
  });
  afterEach(() => running.close());

  async function csrfOf(path: string): Promise<string> {
    const page = await browser.get(url(path));
    expect(page.status).toBe(200);
    return hiddenInputs(await page.text()).csrf!;
  }

  it('shows the signed-in account; refuses a browser that is not signed in', async () => {
    const page = await (await browser.get(url('/account'))).text();
    expect(page).toContain('<dd>Margaret Hamilton</dd>');
    expect(page).toContain('<dd>margaret@example.com</dd>');
    expect(page).toContain('<dd>Administrator</dd>');
    const stranger = await new Browser().get(url('/account'));
    expect(stranger.status).toBe(401);
    expect(await stranger.text()).toContain('Not signed in');
  });

  it('edits name and email: the old email is freed, the new one signs in', async () => {
    const csrf = await csrfOf('/account/profile');
    const saved = await browser.post(url('/account/profile'), {
      csrf,
      displayName: 'Margaret H. Hamilton',
      email: 'MHH@example.com',
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe('/account?saved=profile');
    const page = await (await browser.get(url('/account?saved=profile'))).text();
    expect(page).toContain('Your profile was saved.');
    expect(page).toContain('<dd>mhh@example.com</dd>');

    await signInThroughPages(running, new Browser(), pkce(), {
      email: 'mhh@example.com',
      password: 'apollo-guidance-69',
    });
    const old = await running.identity.accounts.authenticate(
      'margaret@example.com',
      'apollo-guidance-69',
    );
    expect(old).toEqual({ ok: false, reason: 'invalid' });
    const newcomer = await running.identity.accounts.register({
      displayName: 'Another Margaret',
      email: 'margaret@example.com',
      password: 'recycled-address-1',
    });
    expect(newcomer.email).toBe('margaret@example.com');
  });

  it('refuses an email another account holds', async () => {
    await running.identity.accounts.register({
      displayName: 'Joan Clarke',
      email: 'joan@example.com',
      password: 'hut-eight-banburismus',
    });
    const csrf = await csrfOf('/account/profile');
    const taken = await browser.post(url('/account/profile'), {
      csrf,
      displayName: 'Margaret Hamilton',
      email: 'joan@example.com',
    });
    expect(taken.status).toBe(409);
    expect(await taken.text()).toMatch(/role="alert">Email already registered/);
  });

  it('refuses a form without the session’s token (CSRF) and changes nothing', async () => {
    const before = await running.eventStore.headPosition();
    const forged = await browser.post(url('/account/profile'), {
      displayName: 'Pwned',
      email: 'evil@example.com',
    });
    expect(forged.status).toBe(403);
    const wrong = await browser.post(url('/account/password'), {
      csrf: 'x'.repeat(43),
      currentPassword: 'apollo-guidance-69',
      newPassword: 'attacker-chosen-pw',
    });
    expect(wrong.status).toBe(403);
    expect(await running.eventStore.headPosition()).toBe(before);
  });

  it('changes the password: the current one is checked, the new one follows the rules', async () => {
    const csrf = await csrfOf('/account/password');
    const wrong = await browser.post(url('/account/password'), {
      csrf,
      currentPassword: 'not-the-password',
      newPassword: 'saturn-five-1969',
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('Is not your current password.');
    const weak = await browser.post(url('/account/password'), {
      csrf,
      currentPassword: 'apollo-guidance-69',
      newPassword: '1234567890',
    });
    expect(weak.status).toBe(400);
    expect(await weak.text()).toContain('among the most common');
    const done = await browser.post(url('/account/password'), {
      csrf,
      currentPassword: 'apollo-guidance-69',
      newPassword: 'saturn-five-1969',
    });
    expect(done.status).toBe(303);
    expect(
      await running.identity.accounts.authenticate('margaret@example.com', 'apollo-guidance-69'),
    ).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(
      (await running.identity.accounts.authenticate('margaret@example.com', 'saturn-five-1969')).ok,
    ).toBe(true);
    const events = await running.eventStore.readAll({ fromPosition: 1, limit: 100 });
    const changed = events.filter((e) => e.type === 'OwnerPasswordChanged');
    expect(changed).toHaveLength(1);
    expect(Object.keys(changed[0]!.data as object)).toEqual(['ownerId']);
    expect(JSON.stringify(events)).not.toMatch(/saturn|apollo|scrypt/);
  });
});
