'use client';

import { Avatar } from '@taskomask/ui/avatar';
import { LabelChip } from '@taskomask/ui/label-chip';
import { type FormEvent, useState } from 'react';
import { displayName } from '@/lib/people';
import type { TaskPartProps } from './task-body';
import { addLabel, removeLabel } from './task-commands';

type Members = readonly { ownerId: string; role: string }[];

function Assignee({
  task,
  editor,
  names,
  me,
  patch,
  members,
}: TaskPartProps & { members: Members }) {
  if (editor)
    return (
      <select
        className="input"
        aria-label="Assignee"
        value={task.assigneeId ?? ''}
        onChange={(e) => void patch({ assigneeId: e.target.value || null })}
      >
        <option value="">Unassigned</option>
        {members.map((m) => (
          <option key={m.ownerId} value={m.ownerId}>
            {displayName(m.ownerId, names, me)}
          </option>
        ))}
      </select>
    );
  if (!task.assigneeId) return <span className="text-slate-400">Unassigned</span>;
  return (
    <span className="inline-flex items-center gap-2">
      <Avatar id={task.assigneeId} name={displayName(task.assigneeId, names, me)} />
      {displayName(task.assigneeId, names, me)}
    </span>
  );
}

function DueDateField({ task, editor, patch }: TaskPartProps) {
  if (editor)
    return (
      <input
        type="date"
        className="input w-auto"
        aria-label="Due date"
        value={task.dueDate?.slice(0, 10) ?? ''}
        onChange={(e) => void patch({ dueDate: e.target.value || null })}
      />
    );
  return <span>{task.dueDate?.slice(0, 10) ?? <span className="text-slate-400">None</span>}</span>;
}

function Labels({ task, editor, mutate }: TaskPartProps) {
  const [label, setLabel] = useState('');
  const add = (e: FormEvent) => {
    e.preventDefault();
    const text = label.trim();
    if (!text) return;
    setLabel('');
    void mutate(
      (t) => ({ ...t, labels: [...t.labels, text] }),
      () => addLabel(task.taskId, text),
    );
  };
  const remove = (l: string) =>
    void mutate(
      (t) => ({ ...t, labels: t.labels.filter((x) => x !== l) }),
      () => removeLabel(task.taskId, l),
    );
  return (
    <>
      {task.labels.map((l) => (
        <LabelChip key={l} label={l} onRemove={editor ? () => remove(l) : undefined} />
      ))}
      {editor ? (
        <form onSubmit={add}>
          <input
            className="input w-32 py-0.5 text-xs"
            placeholder="+ label"
            aria-label="Add label"
            maxLength={30}
            value={label}
            onChange={(e) => setLabel(e.target.value)}
          />
        </form>
      ) : task.labels.length === 0 ? (
        <span className="text-slate-400">None</span>
      ) : null}
    </>
  );
}

/** Assignee, due date and labels, as a definition list; a viewer sees only the ones set. */
export function TaskFields(props: TaskPartProps & { members: Members }) {
  const { task, editor } = props;
  const rows = [
    { name: 'Assignee', shown: editor || task.assigneeId !== null, value: <Assignee {...props} /> },
    {
      name: 'Due date',
      shown: editor || task.dueDate !== null,
      value: <DueDateField {...props} />,
    },
    { name: 'Labels', shown: editor || task.labels.length > 0, value: <Labels {...props} /> },
  ].filter((row) => row.shown);
  if (rows.length === 0) return null;
  return (
    <dl className="grid grid-cols-[7rem_1fr] items-center gap-x-3 gap-y-3 text-sm">
      {rows.map((row) => (
        <div key={row.name} className="contents">
          <dt className="text-slate-500">{row.name}</dt>
          <dd className={row.name === 'Labels' ? 'flex flex-wrap items-center gap-1.5' : ''}>
            {row.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
