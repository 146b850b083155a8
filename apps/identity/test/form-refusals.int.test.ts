// Regressions the form fuzzing (forms.fuzz.int.test.ts) found: Fastify's own refusals became
// 500 pages, and the router's answered JSON that echoed the path. Each is a 4xx page now.

import { Browser } from '@taskomask/testkit/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  pkce,
  type RunningIdentity,
  startAuthorization,
  startIdentity,
} from '../testing/identity-server';

describe('requests the forms refuse before reading them', () => {
  let running: RunningIdentity;
  let browser: Browser;
  let page: string;

  beforeAll(async () => {
    running = await startIdentity();
    browser = new Browser();
    page = await startAuthorization(browser, running.issuer, pkce());
  });
  afterAll(() => running?.close());

  async function post(url: string, contentType: string, body: string) {
    const before = await running.eventStore.headPosition();
    const response = await browser.request(url, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body,
    });
    const text = await response.text();
    expect(await running.eventStore.headPosition()).toBe(before);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    return { status: response.status, text };
  }

  it('answers a 2 MB form with 413, not 500', async () => {
    const answer = await post(
      `${page}/register`,
      'application/x-www-form-urlencoded',
      `displayName=${'a'.repeat(2_000_000)}`,
    );
    expect(answer.status).toBe(413);
    expect(answer.text).toContain('<title>Form too large');
  });

  it('answers JSON and text/plain bodies with 415, as it does a body no parser reads', async () => {
    for (const [type, body] of [
      ['application/json', '{"email":"a@example.com","password":"x"}'],
      ['application/json', '{"email":'],
      ['text/plain', 'email=a%40example.com&password=x'],
      ['multipart/form-data; boundary=x', '--x--'],
    ] as const) {
      const answer = await post(`${page}/login`, type, body);
      expect(answer.status, type).toBe(415);
      expect(answer.text, type).toMatch(/role="alert">/);
    }
    const register = await post(
      `${page}/register`,
      'application/json',
      '{"displayName":"Ada","email":"ada@example.com","password":"analytical-engine-1843"}',
    );
    expect(register.status).toBe(415);
  });

  it('names the fields it could not read (repeated, too long)', async () => {
    const repeated = await post(
      `${page}/login`,
      'application/x-www-form-urlencoded',
      'email=a%40example.com&email=b%40example.com&password=x',
    );
    expect(repeated.status).toBe(400);
    expect(repeated.text).toContain('The form could not be read: check email.');
    const typed = await post(
      `${page}/register`,
      'application/x-www-form-urlencoded',
      'password=a&password=b&email=x&email=y',
    );
    expect(typed.text).toContain('check email, password.');
  });

  it('answers an over-long or unknown interaction path with a page that does not echo it', async () => {
    const marker = `<i>${'x'.repeat(5_000)}</i>`;
    const long = await post(
      `${running.issuer}/interaction/${encodeURIComponent(marker)}/login`,
      'application/x-www-form-urlencoded',
      'email=a',
    );
    expect(long.status).toBe(414);
    expect(long.text).not.toContain('xxxxxxxxxx');
    const unknown = await post(
      `${page}/${encodeURIComponent('<script>alert(1)</script>')}`,
      'application/x-www-form-urlencoded',
      'email=a',
    );
    expect(unknown.status).toBe(404);
    expect(unknown.text).not.toContain('script');
  });
});
