import { describe, expect, it } from 'vitest';
import { documentOf, escapeHtml, html, loginPage, registerPage } from '../src/pages';

describe('pages', () => {
  it('escape every interpolated value and keep our own markup', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
    const name = '<script>alert(1)</script>';
    expect(html`<p>${name}</p>`.html).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
    expect(html`<div>${html`<b>${name}</b>`}</div>`.html).toBe(
      '<div><b>&lt;script&gt;alert(1)&lt;/script&gt;</b></div>',
    );
  });

  it('announce errors with role=alert and focus the field in error', () => {
    const page = documentOf(
      registerPage({
        uid: 'u1',
        errors: { email: 'Email already registered.' },
        error: 'Email already registered.',
      }),
    );
    expect(page).toContain('<div class="alert" role="alert">Email already registered.</div>');
    expect(page).toMatch(
      /<input id="email"[^>]*aria-describedby="email-error"[^>]*aria-invalid="true" autofocus>/,
    );
    expect(page).not.toMatch(/<input id="displayName"[^>]*autofocus/);
    expect(page).toContain('<html lang="en">');
  });

  it('never echo a password back', () => {
    const page = documentOf(
      loginPage({ uid: 'u1', email: 'a@b.co', error: 'Wrong email or password.' }),
    );
    expect(page).toMatch(
      /<input id="password" name="password" type="password" autocomplete="current-password" required>/,
    );
  });

  it('say when to retry a locked sign-in', () => {
    const page = loginPage({ uid: 'u1', retryAfterSeconds: 61, status: 429 });
    expect(page.headers).toEqual({ 'retry-after': '61' });
    expect(documentOf(page)).toContain('Try again in 2 minutes.');
  });
});
