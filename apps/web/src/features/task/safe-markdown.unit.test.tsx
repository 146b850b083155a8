import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { SafeMarkdown, safeHref } from './safe-markdown';

const html = (text: string) => renderToStaticMarkup(<SafeMarkdown text={text} />);

describe('safeHref', () => {
  it('keeps http, https and mailto', () => {
    expect(safeHref('https://example.com/a?b=1')).toBe('https://example.com/a?b=1');
    expect(safeHref('http://example.com')).toBe('http://example.com/');
    expect(safeHref('mailto:mia@example.com')).toBe('mailto:mia@example.com');
  });

  it('drops script and other schemes, relative and empty URLs', () => {
    for (const url of [
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,<b>x</b>',
      'vbscript:msgbox',
      '/boards/x',
      '',
      undefined,
    ])
      expect(safeHref(url)).toBeNull();
  });
});

describe('SafeMarkdown', () => {
  it('renders a javascript: link as plain text, not as an empty link', () => {
    const out = html('click [here](javascript:alert(1)) now');
    expect(out).not.toContain('<a');
    expect(out).not.toContain('javascript');
    expect(out).toContain('here');
  });

  it('keeps a safe link, opening in a new tab without the opener', () => {
    const out = html('[docs](https://example.com/docs)');
    expect(out).toContain('href="https://example.com/docs"');
    expect(out).toContain('rel="noopener noreferrer nofollow"');
  });

  it('shows an image as its alt text and loads nothing', () => {
    const out = html('![the login screen](https://evil.example/x.png)');
    expect(out).not.toContain('<img');
    expect(out).not.toContain('evil.example');
    expect(out).toContain('[image: the login screen]');
  });

  it('renders raw HTML inert', () => {
    const out = html('<script>alert(1)</script><img src=x onerror=alert(1)>');
    expect(out).not.toContain('<script');
    expect(out).not.toContain('<img');
  });
});
