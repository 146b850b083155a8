import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { TaskTile, type TileTask } from './task-tile';

const task: TileTask = {
  taskId: 't1',
  title: '<script>alert(1)</script>',
  labels: ['bug'],
  dueDate: '2020-01-01T00:00:00.000Z',
  assigneeId: 'owner-1',
  checklist: { done: 1, total: 3 },
  commentCount: 2,
};

describe('TaskTile', () => {
  it('links the escaped title to the task and names its move handle', () => {
    const html = renderToStaticMarkup(
      <TaskTile task={task} href="/boards/b/tasks/t1" draggable assigneeName="Ada Lovelace" />,
    );
    expect(html).not.toContain('<script>');
    expect(html).toContain('href="/boards/b/tasks/t1"');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;</a>');
    expect(html).toContain('aria-label="Move task &lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(html).toContain('data-testid="task"');
    expect(html).toContain('data-task-id="t1"');
    expect(html).toContain('cursor-grab');
  });

  it('shows a drop line above the tile only when a task would land there', () => {
    const tile = (dropBefore: boolean) =>
      renderToStaticMarkup(
        <TaskTile task={task} href="/t" draggable={false} dropBefore={dropBefore} />,
      );
    expect(tile(true)).toContain('data-testid="drop-indicator"');
    expect(tile(false)).not.toContain('drop-indicator');
  });

  it('shows labels, due day, checklist, comments and the assignee', () => {
    const html = renderToStaticMarkup(
      <TaskTile task={task} href="/x" draggable={false} assigneeName="Ada Lovelace" />,
    );
    expect(html).toContain('>bug<');
    expect(html).toContain('>2020-01-01</span>');
    expect(html).toContain('☑ 1/3');
    expect(html).toContain('title="Comments"');
    expect(html).toContain('title="Ada Lovelace"');
    expect(html).not.toContain('Move task');
  });

  it('a pending task is neither a link nor movable', () => {
    const html = renderToStaticMarkup(<TaskTile task={task} href="/x" pending draggable />);
    expect(html).not.toContain('<a ');
    expect(html).not.toContain('Move task');
    expect(html).toContain('text-slate-400');
  });

  it('a bare task has no footer line', () => {
    const bare = { ...task, labels: [], dueDate: null, assigneeId: null, commentCount: 0 };
    const html = renderToStaticMarkup(
      <TaskTile task={{ ...bare, checklist: { done: 0, total: 0 } }} href="/x" draggable />,
    );
    expect(html).not.toContain('mt-2');
  });

  it('looks dragged while dragging', () => {
    const html = renderToStaticMarkup(<TaskTile task={task} href="/x" draggable isDragging />);
    expect(html).toContain('ring-brand-500');
  });
});
