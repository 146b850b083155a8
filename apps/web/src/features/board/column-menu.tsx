'use client';

import { useEffect, useRef, useState } from 'react';

export type ColumnActions = {
  rename: () => void;
  /** Null at the board's edge. */
  moveLeft: (() => void) | null;
  moveRight: (() => void) | null;
  remove: () => Promise<void>;
};

const item =
  'block w-full rounded px-3 py-1.5 text-left text-sm hover:bg-slate-100 focus-visible:bg-slate-100 focus-visible:outline-none disabled:opacity-40 dark:hover:bg-slate-800 dark:focus-visible:bg-slate-800';

/** Arrow keys move among the menu's items; Escape closes it. */
function menuKeys(e: KeyboardEvent, menu: HTMLElement, close: () => void) {
  if (e.key === 'Escape') {
    e.stopPropagation();
    close();
    return;
  }
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
  e.preventDefault();
  const items = [...menu.querySelectorAll<HTMLButtonElement>('[role=menu] button:not(:disabled)')];
  const at = items.indexOf(document.activeElement as HTMLButtonElement);
  const next = (at + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length;
  items[next]?.focus();
}

/** What deleting says first: a card holding tasks cannot go (the domain deletes empty ones). */
function DeletePrompt({
  name,
  tasks,
  onDelete,
  onClose,
}: {
  name: string;
  tasks: number;
  onDelete: () => void;
  onClose: () => void;
}) {
  if (tasks > 0)
    return (
      <div className="space-y-2 p-2 text-sm" role="alert">
        <p>
          “{name}” still holds {tasks} {tasks === 1 ? 'task' : 'tasks'}. Move or delete its{' '}
          {tasks === 1 ? 'task' : `${tasks} tasks`} first: only an empty card can be deleted.
        </p>
        <button type="button" className="btn-ghost px-2 py-1 text-xs" onClick={onClose}>
          OK
        </button>
      </div>
    );
  return (
    <div className="space-y-2 p-2 text-sm">
      <p>Delete card “{name}”? It holds no tasks.</p>
      <div className="flex gap-2">
        <button type="button" className="btn-danger px-2 py-1 text-xs" onClick={onDelete}>
          Delete card
        </button>
        <button type="button" className="btn-ghost px-2 py-1 text-xs" onClick={onClose}>
          Cancel
        </button>
      </div>
    </div>
  );
}

/** An editor's actions on a card: rename, move left/right, delete. */
export function ColumnMenu({
  name,
  tasks,
  actions,
}: {
  name: string;
  /** Tasks on the card (all of them, whatever the filter shows). */
  tasks: number;
  actions: ColumnActions;
}) {
  const [open, setOpen] = useState<false | 'menu' | 'delete'>(false);
  const root = useRef<HTMLDivElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    opener.current?.focus();
  };
  const closeRef = useRef(close);
  closeRef.current = close;
  useEffect(() => {
    if (!open) return;
    root.current
      ?.querySelector<HTMLButtonElement>('[role=menu] button, [data-prompt] button')
      ?.focus();
    const outside = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const element = root.current;
    const keys = (e: KeyboardEvent) => element && menuKeys(e, element, closeRef.current);
    document.addEventListener('pointerdown', outside);
    element?.addEventListener('keydown', keys);
    return () => {
      document.removeEventListener('pointerdown', outside);
      element?.removeEventListener('keydown', keys);
    };
  }, [open]);
  const run = (action: () => void) => () => {
    setOpen(false);
    action();
  };

  return (
    <div ref={root} className="relative">
      <button
        ref={opener}
        type="button"
        aria-label={`Card actions for ${name}`}
        aria-haspopup="menu"
        aria-expanded={open !== false}
        className="rounded px-1.5 text-slate-500 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-brand-500 dark:hover:text-slate-200"
        onClick={() => setOpen(open ? false : 'menu')}
      >
        ⋯
      </button>
      {open ? (
        <div
          className="absolute top-full right-0 z-30 mt-1 w-64 rounded-lg border border-slate-200 bg-white p-1 shadow-lg dark:border-slate-700 dark:bg-slate-900"
          data-testid="card-menu"
        >
          {open === 'menu' ? (
            <div role="menu" aria-label={`Actions for card ${name}`}>
              <button type="button" role="menuitem" className={item} onClick={run(actions.rename)}>
                Rename
              </button>
              <button
                type="button"
                role="menuitem"
                className={item}
                disabled={!actions.moveLeft}
                onClick={actions.moveLeft ? run(actions.moveLeft) : undefined}
              >
                Move left
              </button>
              <button
                type="button"
                role="menuitem"
                className={item}
                disabled={!actions.moveRight}
                onClick={actions.moveRight ? run(actions.moveRight) : undefined}
              >
                Move right
              </button>
              <button
                type="button"
                role="menuitem"
                className={`${item} text-red-700 dark:text-red-400`}
                onClick={() => setOpen('delete')}
              >
                Delete…
              </button>
            </div>
          ) : (
            <div data-prompt="">
              <DeletePrompt
                name={name}
                tasks={tasks}
                onClose={close}
                onDelete={run(() => void actions.remove())}
              />
            </div>
          )}
        </div>
      ) : null}
    </div>
  );
}
