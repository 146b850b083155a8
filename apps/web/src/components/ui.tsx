'use client';

import type { ReactNode } from 'react';
import { ApiError, explain } from '@/lib/api';

const palette = [
  'bg-rose-500',
  'bg-amber-500',
  'bg-emerald-500',
  'bg-sky-500',
  'bg-violet-500',
  'bg-fuchsia-500',
  'bg-teal-500',
  'bg-orange-500',
];

function hash(text: string): number {
  let h = 0;
  for (const ch of text) h = (h * 31 + ch.charCodeAt(0)) | 0;
  return Math.abs(h);
}

export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  return words
    .slice(0, 2)
    .map((w) => [...w][0]?.toUpperCase() ?? '')
    .join('');
}

export function Avatar({
  id,
  name,
  size = 'sm',
}: {
  id: string;
  name: string;
  size?: 'sm' | 'md';
}) {
  const dims = size === 'sm' ? 'size-6 text-[10px]' : 'size-8 text-xs';
  return (
    <span
      title={name}
      className={`inline-flex ${dims} shrink-0 items-center justify-center rounded-full font-semibold text-white ring-2 ring-white dark:ring-slate-900 ${palette[hash(id) % palette.length]}`}
    >
      {initials(name)}
    </span>
  );
}

export function Spinner({ label = 'Loading' }: { label?: string }) {
  return (
    <div role="status" className="flex items-center gap-2 p-6 text-sm text-slate-500">
      <span className="size-4 animate-spin rounded-full border-2 border-slate-300 border-t-brand-600" />
      {label}…
    </div>
  );
}

export function ErrorState({ error, retry }: { error: unknown; retry?: () => void }) {
  const notFound = error instanceof ApiError && (error.status === 404 || error.status === 403);
  return (
    <div role="alert" className="panel mx-auto my-10 max-w-md p-6 text-center">
      <h2 className="text-lg font-semibold">{notFound ? 'Not found' : 'Something went wrong'}</h2>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
        {notFound ? 'It does not exist, or you are not a member of its workspace.' : explain(error)}
      </p>
      {retry && !notFound ? (
        <button type="button" className="btn-primary mt-4" onClick={retry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

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

export function LabelChip({ label, onRemove }: { label: string; onRemove?: () => void }) {
  return (
    <span className="inline-flex items-center gap-1 rounded-full bg-brand-100 px-2 py-0.5 text-[11px] font-medium text-brand-700 dark:bg-brand-700/30 dark:text-brand-100">
      {label}
      {onRemove ? (
        <button
          type="button"
          onClick={onRemove}
          aria-label={`Remove label ${label}`}
          className="rounded-full px-0.5 hover:bg-brand-500/20"
        >
          ×
        </button>
      ) : null}
    </span>
  );
}

export function dueTone(due: string, today = new Date().toISOString().slice(0, 10)): string {
  if (due < today) return 'bg-red-100 text-red-700 dark:bg-red-950 dark:text-red-300';
  if (due === today) return 'bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300';
  return 'bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-300';
}

/** A person by id: "you", a known name, or a short id. */
export function displayName(id: string, names: ReadonlyMap<string, string>, me?: string) {
  if (id === me) return 'You';
  return names.get(id) ?? `Member ${id.slice(0, 8)}`;
}
