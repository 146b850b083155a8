import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Button, buttonClass } from './button';

describe('Button', () => {
  it('is a plain button of its variant by default', () => {
    const html = renderToStaticMarkup(<Button variant="primary">Save</Button>);
    expect(html).toBe('<button type="button" class="btn-primary">Save</button>');
  });

  it('passes submit, disabled, aria attributes and extra classes through', () => {
    const html = renderToStaticMarkup(
      <Button type="submit" variant="danger" className="px-2" disabled aria-label="Remove x">
        ×
      </Button>,
    );
    expect(html).toContain('type="submit"');
    expect(html).toContain('class="btn-danger px-2"');
    expect(html).toContain('disabled=""');
    expect(html).toContain('aria-label="Remove x"');
  });

  it('styles other elements as buttons', () => {
    expect(buttonClass('ghost')).toBe('btn-ghost');
    expect(buttonClass('ghost', 'mt-4')).toBe('btn-ghost mt-4');
  });
});
