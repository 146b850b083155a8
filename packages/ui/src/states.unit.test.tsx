import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { EmptyState, ErrorLine, ErrorState, NoticeLine, Spinner } from './states';

describe('states', () => {
  it('a spinner is a status with its label', () => {
    const html = renderToStaticMarkup(<Spinner label="Loading board" />);
    expect(html).toContain('role="status"');
    expect(html).toContain('Loading board…');
  });

  it('an error explains and offers a retry', () => {
    const html = renderToStaticMarkup(<ErrorState message="<oops>" retry={() => {}} />);
    expect(html).toContain('role="alert"');
    expect(html).toContain('Something went wrong');
    expect(html).toContain('&lt;oops&gt;');
    expect(html).toContain('Try again');
  });

  it('not found hides the message and the retry', () => {
    const html = renderToStaticMarkup(<ErrorState notFound message="secret" retry={() => {}} />);
    expect(html).toContain('Not found');
    expect(html).not.toContain('secret');
    expect(html).not.toContain('Try again');
  });

  it('an empty state shows its title and hint', () => {
    const html = renderToStaticMarkup(<EmptyState title="No tasks">Add one</EmptyState>);
    expect(html).toContain('>No tasks</p>');
    expect(html).toContain('Add one');
    expect(renderToStaticMarkup(<EmptyState title="x" />)).not.toContain('mt-1');
  });

  it('error and notice lines render only with a message', () => {
    expect(renderToStaticMarkup(<ErrorLine message={null} onDismiss={() => {}} />)).toBe('');
    expect(renderToStaticMarkup(<ErrorLine message="failed" onDismiss={() => {}} />)).toContain(
      'Dismiss',
    );
    expect(renderToStaticMarkup(<NoticeLine message={null} />)).toBe('');
    expect(renderToStaticMarkup(<NoticeLine message="Done." />)).toContain('role="status"');
  });
});
