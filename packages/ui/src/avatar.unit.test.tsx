import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Avatar, initials } from './avatar';

describe('Avatar', () => {
  it('shows up to two initials and the full name as its title', () => {
    const html = renderToStaticMarkup(<Avatar id="a" name="ada  lovelace byron" />);
    expect(html).toContain('title="ada  lovelace byron"');
    expect(html).toContain('>AL</span>');
  });

  it('escapes the name', () => {
    const html = renderToStaticMarkup(<Avatar id="a" name={'<b>"x"</b>'} />);
    expect(html).not.toContain('<b>');
    expect(html).toContain('title="&lt;b&gt;&quot;x&quot;&lt;/b&gt;"');
  });

  it('keeps its colour for an id, whatever the name', () => {
    const colour = (html: string) => html.match(/bg-[a-z]+-500/)?.[0];
    const one = renderToStaticMarkup(<Avatar id="owner-1" name="Ada" />);
    const renamed = renderToStaticMarkup(<Avatar id="owner-1" name="Grace" />);
    expect(colour(one)).toBeDefined();
    expect(colour(renamed)).toBe(colour(one));
  });

  it('is larger at size md', () => {
    expect(renderToStaticMarkup(<Avatar id="a" name="A" size="md" />)).toContain('size-8');
    expect(renderToStaticMarkup(<Avatar id="a" name="A" />)).toContain('size-6');
  });
});

describe('initials', () => {
  it('is a question mark for a blank name and takes whole code points', () => {
    expect(initials('   ')).toBe('?');
    expect(initials('émile zola')).toBe('ÉZ');
    expect(initials('😀 face')).toBe('😀F');
  });
});
