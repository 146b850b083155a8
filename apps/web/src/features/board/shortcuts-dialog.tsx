'use client';

import { useEffect, useRef } from 'react';
import { shortcutHelp } from './board-shortcuts';

/** The board's keyboard shortcuts, in a modal dialog (Escape or Close closes it). */
export function ShortcutsDialog({
  open,
  editor,
  onClose,
}: {
  open: boolean;
  editor: boolean;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={dialog}
      aria-label="Keyboard shortcuts"
      onClose={onClose}
      className="m-auto w-[min(92vw,26rem)] rounded-xl bg-white p-5 text-slate-900 shadow-2xl backdrop:bg-slate-900/40 dark:bg-slate-900 dark:text-slate-100"
    >
      <h2 className="mb-3 text-base font-semibold">Keyboard shortcuts</h2>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
        {shortcutHelp(editor).map((s) => (
          <div key={s.keys} className="contents">
            <dt>
              <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs dark:border-slate-600 dark:bg-slate-800">
                {s.keys}
              </kbd>
            </dt>
            <dd>{s.what}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-3 text-xs text-slate-500">Shortcuts do nothing while you type in a field.</p>
      <div className="mt-4 flex justify-end">
        <button type="button" className="btn-ghost" onClick={onClose}>
          Close
        </button>
      </div>
    </dialog>
  );
}
