import { mentionToken } from '@taskomask/contracts/mentions';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { SafeMarkdown } from '../task/safe-markdown';
import { MentionText } from './mention-text';

const bob = '11111111-2222-4333-8444-555555555555';

describe('mentions rendered', () => {
  it('as "@Name" chips in plain text, everything inert', () => {
    const html = renderToStaticMarkup(
      <MentionText text={`<b>hi</b> ${mentionToken('<i>Bob</i>', bob)}!`} />,
    );
    expect(html).toBe(
      '&lt;b&gt;hi&lt;/b&gt; <span data-testid="mention" class="rounded bg-brand-50 px-1 font-medium text-brand-700 dark:bg-slate-700 dark:text-slate-100">@&lt;i&gt;Bob&lt;/i&gt;</span>!',
    );
  });

  it('as chips in markdown, never as links; other links keep the markdown filter', () => {
    const text = `for ${mentionToken('Bob *B*', bob)} [x](javascript:alert(1)) [y](https://e.org)`;
    const html = renderToStaticMarkup(<SafeMarkdown text={text} />);
    expect(html).toContain('<span data-testid="mention"');
    expect(html).toContain('>@Bob *B*</span>');
    expect(html).not.toContain('mention:');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('href="https://e.org"');
  });
});
