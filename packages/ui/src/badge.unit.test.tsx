import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Badge, RoleBadge, ViewOnlyBadge } from './badge';

describe('badges', () => {
  it('colours a badge by tone and escapes its text', () => {
    const html = renderToStaticMarkup(<Badge tone="red">{'<deactivated>'}</Badge>);
    expect(html).toContain('bg-red-100');
    expect(html).toContain('&lt;deactivated&gt;');
    expect(renderToStaticMarkup(<Badge tone="green">active</Badge>)).toContain('bg-emerald-100');
  });

  it('shows a role as its word', () => {
    expect(renderToStaticMarkup(<RoleBadge value="viewer" />)).toMatch(/>viewer<\/span>$/);
  });

  it('says view only', () => {
    expect(renderToStaticMarkup(<ViewOnlyBadge />)).toContain('View only');
  });
});
