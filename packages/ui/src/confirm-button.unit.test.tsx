import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ConfirmButton } from './confirm-button';

const props = {
  label: 'Remove <Ada>',
  question: 'Remove Ada from "Team"?',
  confirmLabel: 'Remove',
  onConfirm: () => {},
};

describe('ConfirmButton', () => {
  it('first shows only its label', () => {
    const html = renderToStaticMarkup(<ConfirmButton {...props} tone="danger" disabled />);
    expect(html).toContain('Remove &lt;Ada&gt;');
    expect(html).toContain('btn-danger');
    expect(html).toContain('disabled=""');
    expect(html).not.toContain('Cancel');
  });

  it('asks the question, named for assistive technology, with confirm and cancel', () => {
    const html = renderToStaticMarkup(<ConfirmButton {...props} initiallyAsking />);
    expect(html).toContain('<fieldset aria-label="Remove Ada from &quot;Team&quot;?"');
    expect(html).toContain('btn-primary px-2 py-1 text-xs">Remove</button>');
    expect(html).toContain('>Cancel</button>');
  });
});
