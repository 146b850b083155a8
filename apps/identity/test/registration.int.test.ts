import { EmailTaken, ValidationError } from '@taskomask/domain';
import { sqliteEventStore } from '@taskomask/eventstore/sqlite';
import { Browser } from '@taskomask/testkit/browser';
import { afterAll, afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { createAccounts, emailStreamName } from '../src/accounts';
import {
  codeAfter,
  pkce,
  type RunningIdentity,
  registerThroughPages,
  startAuthorization,
  startIdentity,
  testScrypt,
} from '../testing/identity-server';
import { withReadBarrier } from './support/race';

describe('registration', () => {
  let running: RunningIdentity;
  beforeEach(async () => {
    running = await startIdentity();
  });
  afterEach(() => running.close());

  it('two simultaneous registrations with one email over HTTP: exactly one succeeds', async () => {
    await running.close();
    // Both requests read the email's reservation stream before either appends.
    const base = sqliteEventStore({ path: ':memory:' });
    onTestFinished(() => base.close());
    running = await startIdentity({
      eventStore: withReadBarrier(base, emailStreamName('twin@example.com'), 2),
    });
    const browsers = [new Browser(), new Browser()];
    const flows = browsers.map(() => pkce());
    const pages = await Promise.all(
      browsers.map((browser, i) => startAuthorization(browser, running.issuer, flows[i]!)),
    );
    const responses = await Promise.all(
      browsers.map((browser, i) =>
        browser.post(`${pages[i]}/register`, {
          displayName: `Twin ${i + 1}`,
          email: i === 0 ? 'twin@example.com' : ' TWIN@example.com',
          password: 'identical-twins-2024',
        }),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([303, 409]);
    const loser = responses.find((r) => r.status === 409)!;
    const page = await loser.text();
    expect(page).toMatch(/role="alert">Email already registered/);
    expect(page).toContain('aria-invalid="true"');
    const winner = responses.findIndex((r) => r.status === 303);
    await codeAfter(
      browsers[winner]!,
      responses[winner]!,
      `${pages[winner]}/register`,
      flows[winner]!,
    );
    const reservation = await running.eventStore.readStream(emailStreamName('twin@example.com'));
    expect(reservation.map((e) => e.type)).toEqual(['EmailReserved']);
  });

  it('a burst of registrations with one email yields one account and one credential', async () => {
    const accounts = createAccounts({
      eventStore: withReadBarrier(running.eventStore, emailStreamName('race@example.com'), 8),
      credentials: running.store.credentials,
      scrypt: testScrypt,
    });
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        accounts.register({
          displayName: `Racer ${i}`,
          email: 'race@example.com',
          password: 'photo-finish-2024',
        }),
      ),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost.every((r) => r.reason instanceof EmailTaken)).toBe(true);
    const login = await running.identity.accounts.authenticate(
      'race@example.com',
      'photo-finish-2024',
    );
    expect(login.ok && login.account.ownerId).toBe(
      won[0]!.status === 'fulfilled' && won[0]!.value.ownerId,
    );
  });

  it('the first account of an empty system is admin, exactly once, however many register at once', async () => {
    const racing = createAccounts({
      eventStore: withReadBarrier(running.eventStore, 'system-accounts', 6),
      credentials: running.store.credentials,
      scrypt: testScrypt,
    });
    const accounts = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        racing.register({
          displayName: `Founder ${i}`,
          email: `founder${i}@example.com`,
          password: 'first-come-first-served',
        }),
      ),
    );
    expect(accounts.filter((a) => a.role === 'admin')).toHaveLength(1);
    const system = await running.eventStore.readStream('system-accounts');
    expect(system).toHaveLength(1);
    expect(system[0]?.data).toEqual({
      ownerId: accounts.find((a) => a.role === 'admin')!.ownerId,
    });
  });

  it('refuses short and common passwords, with the rule on the page', async () => {
    const browser = new Browser();
    const page = await startAuthorization(browser, running.issuer, pkce());
    const short = await browser.post(`${page}/register`, {
      displayName: 'Shorty',
      email: 'short@example.com',
      password: 'abc123def',
    });
    expect(short.status).toBe(400);
    expect(await short.text()).toContain('Use at least 10 characters.');
    const common = await browser.post(`${page}/register`, {
      displayName: 'Commoner',
      email: 'common@example.com',
      password: 'QwertyUiop',
    });
    expect(common.status).toBe(400);
    expect(await common.text()).toContain('among the most common');
    await expect(
      running.identity.accounts.register({
        displayName: 'Commoner',
        email: 'common@example.com',
        password: '1234567890',
      }),
    ).rejects.toBeInstanceOf(ValidationError);
    // Nothing was written for the refused attempts.
    expect(await running.eventStore.headPosition()).toBe(0);
  });

  it('validates the display name (3–50) and the email on the page', async () => {
    const browser = new Browser();
    const page = await startAuthorization(browser, running.issuer, pkce());
    const response = await browser.post(`${page}/register`, {
      displayName: 'Al',
      email: 'al@example.com',
      password: 'long-enough-password',
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toMatch(/id="displayName-error">Must be at least 3 characters\./);
    expect(html).toMatch(/id="displayName"[^>]*aria-invalid="true"[^>]*autofocus/);
    const bad = await browser.post(`${page}/register`, {
      displayName: 'Alice',
      email: 'not-an-email',
      password: 'long-enough-password',
    });
    expect(await bad.text()).toMatch(/id="email-error">Must be a valid email address\./);
  });

  it('renders a hostile display name and email inert on every page that shows them', async () => {
    const browser = new Browser();
    const p = pkce();
    const script = '<script>alert(1)</script>';
    // Echoed back on an error…
    const page = await startAuthorization(browser, running.issuer, p);
    const echoed = await browser.post(`${page}/register`, {
      displayName: script,
      email: '"><img src=x onerror=alert(1)>@example.com',
      password: 'short',
    });
    const echoedHtml = await echoed.text();
    expect(echoedHtml).not.toContain('<script>alert(1)');
    expect(echoedHtml).not.toContain('<img src=x');
    expect(echoedHtml).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(echoedHtml).toContain(
      'value="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;@example.com"',
    );
    // …and stored, then shown on the account page.
    const register = await browser.post(`${page}/register`, {
      displayName: script,
      email: 'mallory@example.com',
      password: 'harmless-in-the-end',
    });
    await codeAfter(browser, register, `${page}/register`, p);
    const account = await (await browser.get(`${running.issuer}/account`)).text();
    expect(account).toContain('<dd>&lt;script&gt;alert(1)&lt;/script&gt;</dd>');
    expect(account).not.toContain(script);
  });

  it('pages are labelled, autocompleted and locked down', async () => {
    const browser = new Browser();
    const page = await startAuthorization(browser, running.issuer, pkce());
    const login = await browser.get(page);
    const html = await login.text();
    expect(html).toContain('<label for="email">Email</label>');
    expect(html).toMatch(/id="email"[^>]*autocomplete="username"[^>]*autofocus/);
    expect(html).toMatch(/id="password"[^>]*autocomplete="current-password"/);
    expect(login.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(login.headers.get('cache-control')).toBe('no-store');
    const register = await (await browser.get(`${page}/register`)).text();
    expect(register).toMatch(/id="password"[^>]*autocomplete="new-password"/);
    expect(register).toMatch(/id="displayName"[^>]*autocomplete="name"/);
  });

  it('a registration page of another browser’s interaction is refused', async () => {
    const alice = new Browser();
    const mallory = new Browser();
    const alicePage = await startAuthorization(alice, running.issuer, pkce());
    await startAuthorization(mallory, running.issuer, pkce());
    // Mallory posts to Alice's interaction URL with her own cookies: not Alice's interaction.
    const forged = await mallory.post(`${alicePage}/register`, {
      displayName: 'Mallory',
      email: 'mallory@example.com',
      password: 'forged-request-2024',
    });
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain('expired');
    // And without any interaction cookie (a cross-site post carries no SameSite=Lax cookie).
    const bare = await new Browser().post(`${alicePage}/login`, { email: 'a@b.co', password: 'x' });
    expect(bare.status).toBe(400);
    expect(await running.eventStore.headPosition()).toBe(0);
  });
});

describe('registration, then sign-in of the registered account', () => {
  let running: RunningIdentity;
  afterAll(() => running.close());

  it('registers through the pages and the new owner appears as an event without secrets', async () => {
    running = await startIdentity();
    await registerThroughPages(running, new Browser(), pkce(), {
      displayName: 'Katherine Johnson',
      email: 'katherine@example.com',
      password: 'orbital-mechanics-62',
    });
    const events = await running.eventStore.readAll({ fromPosition: 1, limit: 100 });
    expect(events.map((e) => [e.streamName.split('-')[0], e.type])).toEqual([
      ['owner', 'OwnerRegistered'],
      ['email', 'EmailReserved'],
      ['system', 'FirstOwnerRegistered'],
    ]);
    expect(events[0]?.data).toEqual({
      ownerId: expect.any(String),
      displayName: 'Katherine Johnson',
      email: 'katherine@example.com',
      role: 'admin',
    });
    expect(JSON.stringify(events)).not.toMatch(/orbital|scrypt/);
  });
});
