import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { CopyButton } from './copy-button';

describe('CopyButton', () => {
  it('offers to copy and does not print the text', () => {
    const html = renderToStaticMarkup(<CopyButton text="secret-id" />);
    expect(html).toBe('<button type="button" class="btn-ghost px-2 py-0.5 text-xs">Copy</button>');
  });
});
