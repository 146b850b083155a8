import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DrawerFrame } from './drawer';

describe('DrawerFrame', () => {
  it('is a named modal dialog with a named backdrop button, a title and actions', () => {
    const html = renderToStaticMarkup(
      <DrawerFrame
        label="Task"
        closeLabel="Close task"
        onClose={() => {}}
        title="<To do>"
        actions={<a href="/b">✕</a>}
      >
        <p>body</p>
      </DrawerFrame>,
    );
    expect(html).toContain('<button type="button" aria-label="Close task"');
    expect(html).toContain('role="dialog" aria-modal="true" aria-label="Task"');
    expect(html).toContain('&lt;To do&gt;');
    expect(html).toContain('<a href="/b">✕</a>');
    expect(html).toContain('<p>body</p>');
  });
});
