import type { ReactNode } from 'react';

/** A page or panel still loading; `label` is read out (role status). */
export function Spinner({ label = 'Loading' }: { label?: string }) {
  return (
    <div role="status" className="flex items-center gap-2 p-6 text-sm text-slate-500">
      <span className="size-4 animate-spin rounded-full border-2 border-slate-300 border-t-brand-600" />
      {label}…
    </div>
  );
}

/**
 * A read that failed. `notFound` (the thing is missing or hidden from the user) says so and offers
 * no retry; otherwise `message` explains and `retry`, if given, tries again.
 */
export function ErrorState({
  notFound = false,
  message,
  retry,
}: {
  notFound?: boolean;
  message: string;
  retry?: () => void;
}) {
  return (
    <div role="alert" className="panel mx-auto my-10 max-w-md p-6 text-center">
      <h2 className="text-lg font-semibold">{notFound ? 'Not found' : 'Something went wrong'}</h2>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
        {notFound ? 'It does not exist, or you are not a member of its workspace.' : message}
      </p>
      {retry && !notFound ? (
        <button type="button" className="btn-primary mt-4" onClick={retry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

/** Nothing to show yet, and what to do about it. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rounded-xl border-2 border-dashed border-slate-300 p-8 text-center dark:border-slate-700">
      <p className="font-medium">{title}</p>
      {children ? (
        <div className="mt-1 text-sm text-slate-500 dark:text-slate-400">{children}</div>
      ) : null}
    </div>
  );
}

/** A failed action the user can dismiss. Renders nothing without a message. */
export function ErrorLine({
  message,
  onDismiss,
}: {
  message: string | null;
  onDismiss: () => void;
}) {
  if (!message) return null;
  return (
    <div
      role="alert"
      className="flex items-start gap-2 rounded-lg bg-red-50 p-3 text-sm text-red-700 dark:bg-red-950 dark:text-red-300"
    >
      <p className="flex-1">{message}</p>
      <button type="button" className="btn-ghost px-2 py-0.5 text-xs" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}

/** A done action, said politely (role status). Renders nothing without a message. */
export function NoticeLine({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
      {message}
    </p>
  );
}
