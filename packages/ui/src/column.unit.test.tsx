import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AddTaskForm, ColumnFrame, TaskListFrame } from './column';

describe('ColumnFrame', () => {
  it('is a region named after the card, with its count and move handle', () => {
    const html = renderToStaticMarkup(
      <ColumnFrame cardId="c1" name="<Doing>" type="Doing" shown={3} total={3} moveHandle={{}}>
        <ol />
      </ColumnFrame>,
    );
    expect(html).toContain('aria-label="Card &lt;Doing&gt;"');
    expect(html).toContain('data-card-id="c1"');
    expect(html).toContain('title="Doing"');
    expect(html).toContain('bg-amber-500');
    expect(html).toMatch(/data-testid="wip">3<\/span>/);
    expect(html).toContain('aria-label="Move card &lt;Doing&gt;"');
  });

  it('puts a heading and a menu in the header when given', () => {
    const html = renderToStaticMarkup(
      <ColumnFrame
        cardId="c1"
        name="Done"
        type="Done"
        shown={0}
        total={0}
        heading={<button type="button">Rename me</button>}
        menu={<button type="button">Menu</button>}
      >
        <ol />
      </ColumnFrame>,
    );
    expect(html).toMatch(/<h2[^>]*><button type="button">Rename me<\/button><\/h2>/);
    expect(html).toContain('>Menu</button></header>');
  });

  it('shows a drop line at the end of a list only while a task would land there', () => {
    expect(renderToStaticMarkup(<TaskListFrame dropAtEnd />)).toContain(
      'data-testid="drop-indicator"',
    );
    expect(renderToStaticMarkup(<TaskListFrame />)).not.toContain('drop-indicator');
  });

  it('shows shown/total under a filter and no handle without one', () => {
    const html = renderToStaticMarkup(
      <ColumnFrame cardId="c1" name="Done" type="Other" shown={1} total={4}>
        <ol />
      </ColumnFrame>,
    );
    expect(html).toContain('>1/4</span>');
    expect(html).toContain('bg-slate-400');
    expect(html).not.toContain('Move card');
  });
});

describe('TaskListFrame', () => {
  it('tells an empty card from a filtered one', () => {
    expect(renderToStaticMarkup(<TaskListFrame empty="none" />)).toContain('No tasks');
    expect(renderToStaticMarkup(<TaskListFrame empty="filtered" />)).toContain(
      'No task matches the filter',
    );
    expect(renderToStaticMarkup(<TaskListFrame />)).not.toContain('<li');
  });

  it('highlights a drop target', () => {
    expect(renderToStaticMarkup(<TaskListFrame isOver />)).toContain('bg-brand-50');
  });
});

describe('AddTaskForm', () => {
  it('names its field after the card', () => {
    const html = renderToStaticMarkup(<AddTaskForm cardName="To do" onAdd={async () => true} />);
    expect(html).toContain('aria-label="Add a task to To do"');
    expect(html).toContain('maxLength="50"');
  });
});
