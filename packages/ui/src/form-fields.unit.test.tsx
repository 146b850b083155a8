import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { NameForm, SaveCancel, SelectField } from './form-fields';

describe('NameForm', () => {
  const base = {
    label: 'Create board',
    placeholder: 'Board name',
    submit: async () => {},
    describeError: () => 'failed',
  };

  it('is a named form with a named, bounded name field and a disabled submit while empty', () => {
    const html = renderToStaticMarkup(<NameForm {...base} />);
    expect(html).toContain('<form class="flex flex-col gap-2" aria-label="Create board">');
    expect(html).toContain('aria-label="Create board name"');
    expect(html).toContain('minLength="3" maxLength="50" required=""');
    expect(html).toMatch(/<button type="submit" class="btn-primary" disabled="">Create board</);
    expect(html).not.toContain('description');
  });

  it('adds a description field and extra controls when asked', () => {
    const html = renderToStaticMarkup(
      <NameForm {...base} withDescription extra={<select aria-label="Card type" />} />,
    );
    expect(html).toContain('aria-label="Create board description"');
    expect(html).toContain('aria-label="Card type"');
  });
});

describe('SelectField', () => {
  it('lists its options, escaped, with the value selected', () => {
    const html = renderToStaticMarkup(
      <SelectField
        label="Role"
        value="b"
        options={[
          { value: 'a', label: '<A>' },
          { value: 'b', label: 'B' },
        ]}
        onChange={() => {}}
      />,
    );
    expect(html).toContain('aria-label="Role"');
    expect(html).toContain('&lt;A&gt;');
    expect(html).toContain('<option value="b" selected="">B</option>');
  });
});

describe('SaveCancel', () => {
  it('submits under its label and cancels with a plain button', () => {
    expect(
      renderToStaticMarkup(<SaveCancel saveLabel="Save description" onCancel={() => {}} />),
    ).toBe(
      '<div class="flex gap-2"><button type="submit" class="btn-primary">Save description</button><button type="button" class="btn-ghost">Cancel</button></div>',
    );
    expect(renderToStaticMarkup(<SaveCancel onCancel={() => {}} />)).toContain('>Save</button>');
  });
});
