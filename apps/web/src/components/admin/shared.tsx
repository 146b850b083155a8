'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { ErrorState } from '@/components/ui';
import { ApiError } from '@/lib/api';

/** The value after the user stopped typing for `ms`. */
export function useDebounced<T>(value: T, ms = 250): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

const tones = {
  green: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300',
  red: 'bg-red-100 text-red-700 dark:bg-red-950 dark:text-red-300',
  brand: 'bg-brand-100 text-brand-700 dark:bg-brand-700/30 dark:text-brand-100',
  slate: 'bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-300',
};

export function Badge({ tone, children }: { tone: keyof typeof tones; children: ReactNode }) {
  return (
    <span
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ${tones[tone]}`}
    >
      {children}
    </span>
  );
}

export function AdminNav() {
  const path = usePathname();
  const tabs = [
    { href: '/admin', label: 'Accounts', current: path === '/admin' },
    {
      href: '/admin/workspaces',
      label: 'Workspaces',
      current: path.startsWith('/admin/workspaces'),
    },
  ];
  return (
    <nav
      aria-label="Administration"
      className="flex gap-1 border-b border-slate-200 dark:border-slate-800"
    >
      {tabs.map((tab) => (
        <Link
          key={tab.href}
          href={tab.href}
          aria-current={tab.current ? 'page' : undefined}
          className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-brand-500 ${
            tab.current
              ? 'border-brand-600 text-brand-700 dark:text-brand-100'
              : 'border-transparent text-slate-500 hover:text-slate-800 dark:hover:text-slate-200'
          }`}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}

export function NotAllowed() {
  return (
    <div role="alert" className="panel mx-auto my-10 max-w-md p-6 text-center">
      <h1 className="text-lg font-semibold">Not allowed</h1>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
        Only TaskoMask administrators may open the administration pages. If you were just made an
        administrator, sign out and sign in again.
      </p>
      <Link href="/workspaces" className="btn-primary mt-4">
        Back to your workspaces
      </Link>
    </div>
  );
}

/** A read failed: a 403 means the caller is no (longer an) admin. */
export function AdminError({ error, retry }: { error: unknown; retry?: () => void }) {
  if (error instanceof ApiError && error.status === 403) return <NotAllowed />;
  return <ErrorState error={error} {...(retry ? { retry } : {})} />;
}

/**
 * A button that asks before it acts: the first click shows the question with Confirm and Cancel
 * (focus moves to Confirm; Escape cancels).
 */
export function ConfirmButton({
  label,
  question,
  confirmLabel,
  tone = 'ghost',
  disabled,
  onConfirm,
}: {
  label: string;
  question: string;
  confirmLabel: string;
  tone?: 'ghost' | 'danger';
  disabled?: boolean;
  onConfirm: () => void;
}) {
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);
  const cancel = () => {
    setAsking(false);
    requestAnimationFrame(() => openerRef.current?.focus());
  };
  if (!asking) {
    return (
      <button
        ref={openerRef}
        type="button"
        className={
          tone === 'danger' ? 'btn-danger px-2 py-1 text-xs' : 'btn-ghost px-2 py-1 text-xs'
        }
        disabled={disabled}
        onClick={() => setAsking(true)}
      >
        {label}
      </button>
    );
  }
  return (
    <fieldset
      aria-label={question}
      className="m-0 inline-flex border-0 flex-wrap items-center gap-1 rounded-lg bg-amber-50 px-2 py-1 text-xs dark:bg-amber-950/60"
      onKeyDown={(e) => {
        if (e.key === 'Escape') cancel();
      }}
    >
      <span>{question}</span>
      <button
        ref={confirmRef}
        type="button"
        className={
          tone === 'danger' ? 'btn-danger px-2 py-1 text-xs' : 'btn-primary px-2 py-1 text-xs'
        }
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" className="btn-ghost px-2 py-1 text-xs" onClick={cancel}>
        Cancel
      </button>
    </fieldset>
  );
}

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
