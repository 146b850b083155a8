import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { LabelChip } from './label-chip';

describe('LabelChip', () => {
  it('is plain text without onRemove', () => {
    const html = renderToStaticMarkup(<LabelChip label="bug" />);
    expect(html).toContain('>bug</span>');
    expect(html).not.toContain('<button');
  });

  it('names the label its remove button removes, escaped', () => {
    const html = renderToStaticMarkup(<LabelChip label={'"a"&<b>'} onRemove={() => {}} />);
    expect(html).toContain('aria-label="Remove label &quot;a&quot;&amp;&lt;b&gt;"');
    expect(html).not.toContain('<b>');
  });
});
