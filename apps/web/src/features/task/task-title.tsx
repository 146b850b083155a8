'use client';

import { useEffect, useRef, useState } from 'react';
import type { TaskPartProps } from './task-body';
import { takeTitleEdit } from './title-focus';

/** An editor's title is a textarea saved on blur (Enter blurs); a viewer's is a heading. */
export function TaskTitle({
  task,
  editor,
  patch,
}: Pick<TaskPartProps, 'task' | 'editor' | 'patch'>) {
  const [title, setTitle] = useState(task.title);
  useEffect(() => setTitle(task.title), [task.title]);
  const field = useRef<HTMLTextAreaElement>(null);
  // The board's `e` on this task's tile asked for the title.
  useEffect(() => {
    if (editor && takeTitleEdit(task.taskId)) field.current?.select();
  }, [editor, task.taskId]);
  if (!editor)
    return (
      <h2 className="text-xl font-semibold break-words" data-testid="task-title">
        {task.title}
      </h2>
    );
  const save = () => {
    const next = title.trim();
    if (next && next !== task.title) void patch({ title: next });
    else setTitle(task.title);
  };
  return (
    <textarea
      ref={field}
      aria-label="Title"
      className="w-full resize-none rounded-lg border border-transparent bg-transparent p-1 text-xl font-semibold hover:border-slate-200 focus:border-brand-500 focus:outline-none dark:hover:border-slate-700"
      rows={2}
      maxLength={50}
      value={title}
      onChange={(e) => setTitle(e.target.value)}
      onBlur={save}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          e.currentTarget.blur();
        }
      }}
    />
  );
}
