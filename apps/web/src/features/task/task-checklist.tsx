'use client';

import { type FormEvent, useState } from 'react';
import type { ChecklistItem } from '@/lib/api';
import type { TaskPartProps } from './task-body';
import { addChecklistItem, checkChecklistItem, removeChecklistItem } from './task-commands';

// An item added a moment ago has no id yet: it can be neither ticked nor removed.
const isPending = (item: ChecklistItem) => item.itemId.startsWith('pending-');

function ChecklistRow({
  item,
  editor,
  onCheck,
  onRemove,
}: {
  item: ChecklistItem;
  editor: boolean;
  onCheck: (done: boolean) => void;
  onRemove: () => void;
}) {
  return (
    <li className="group flex items-center gap-2 text-sm">
      <input
        type="checkbox"
        className="size-4 accent-brand-600"
        checked={item.done}
        disabled={!editor || isPending(item)}
        aria-label={item.text}
        onChange={(e) => onCheck(e.target.checked)}
      />
      <span className={`flex-1 ${item.done ? 'text-slate-400 line-through' : ''}`}>
        {item.text}
      </span>
      {editor && !isPending(item) ? (
        <button
          type="button"
          className="btn-danger px-1.5 py-0 opacity-0 group-hover:opacity-100 focus:opacity-100"
          aria-label={`Remove ${item.text}`}
          onClick={onRemove}
        >
          ×
        </button>
      ) : null}
    </li>
  );
}

function Progress({ done, total }: { done: number; total: number }) {
  if (total === 0) return null;
  return (
    <div className="mb-2 h-1.5 rounded-full bg-slate-200 dark:bg-slate-800">
      <div
        className="h-full rounded-full bg-emerald-500 transition-all"
        style={{ width: `${(done / total) * 100}%` }}
      />
    </div>
  );
}

/** The checklist with its progress; editors tick, add and remove items. */
export function TaskChecklist({ task, editor, mutate }: TaskPartProps) {
  const [item, setItem] = useState('');
  const taskId = task.taskId;
  const done = task.checklist.filter((i) => i.done).length;
  const add = (e: FormEvent) => {
    e.preventDefault();
    const text = item.trim();
    if (!text) return;
    setItem('');
    void mutate(
      (t) => ({
        ...t,
        checklist: [...t.checklist, { itemId: `pending-${Date.now()}`, text, done: false }],
      }),
      () => addChecklistItem(taskId, text),
    );
  };
  const check = (itemId: string, checked: boolean) =>
    void mutate(
      (t) => ({
        ...t,
        checklist: t.checklist.map((x) => (x.itemId === itemId ? { ...x, done: checked } : x)),
      }),
      () => checkChecklistItem(taskId, itemId, checked),
    );
  const remove = (itemId: string) =>
    void mutate(
      (t) => ({ ...t, checklist: t.checklist.filter((x) => x.itemId !== itemId) }),
      () => removeChecklistItem(taskId, itemId),
    );
  return (
    <section aria-label="Checklist">
      <h3 className="mb-2 text-sm font-semibold">
        Checklist {task.checklist.length > 0 ? `(${done}/${task.checklist.length})` : ''}
      </h3>
      <Progress done={done} total={task.checklist.length} />
      <ul className="space-y-1">
        {task.checklist.map((i) => (
          <ChecklistRow
            key={i.itemId}
            item={i}
            editor={editor}
            onCheck={(checked) => check(i.itemId, checked)}
            onRemove={() => remove(i.itemId)}
          />
        ))}
      </ul>
      {editor ? (
        <form onSubmit={add} className="mt-2">
          <input
            className="input"
            placeholder="+ Add an item"
            aria-label="Add checklist item"
            maxLength={200}
            value={item}
            onChange={(e) => setItem(e.target.value)}
          />
        </form>
      ) : null}
    </section>
  );
}
