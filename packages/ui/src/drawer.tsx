import type { ReactNode } from 'react';

/**
 * A panel over the right of the page (full width on phones) with a dimmed backdrop that closes it.
 * `title` and `actions` fill the sticky top bar; the body scrolls under it.
 */
export function DrawerFrame({
  label,
  closeLabel,
  onClose,
  title,
  actions,
  children,
}: {
  /** The dialog's accessible name. */
  label: string;
  /** The backdrop button's accessible name. */
  closeLabel: string;
  onClose: () => void;
  title: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="fixed inset-0 z-40 flex justify-end" role="presentation">
      <button
        type="button"
        aria-label={closeLabel}
        className="absolute inset-0 bg-slate-900/30 backdrop-blur-[1px]"
        onClick={onClose}
      />
      <aside
        role="dialog"
        aria-modal="true"
        aria-label={label}
        className="relative flex h-full w-full max-w-xl flex-col overflow-y-auto bg-white shadow-2xl dark:bg-slate-900"
      >
        <div className="sticky top-0 z-10 flex items-center gap-2 border-b border-slate-200 bg-white/90 px-4 py-2 backdrop-blur dark:border-slate-800 dark:bg-slate-900/90">
          <span className="min-w-0 flex-1 truncate text-xs text-slate-500">{title}</span>
          {/* A long title is cut, never the buttons. */}
          <span className="flex shrink-0 items-center gap-2">{actions}</span>
        </div>
        {children}
      </aside>
    </div>
  );
}
