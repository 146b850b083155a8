import type { ReactNode } from 'react';

const tones = {
  green: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300',
  red: 'bg-red-100 text-red-700 dark:bg-red-950 dark:text-red-300',
  brand: 'bg-brand-100 text-brand-700 dark:bg-brand-700/30 dark:text-brand-100',
  slate: 'bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-300',
};

export type BadgeTone = keyof typeof tones;

/** A status word in a coloured pill (account status, account role). */
export function Badge({ tone, children }: { tone: BadgeTone; children: ReactNode }) {
  return (
    <span
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ${tones[tone]}`}
    >
      {children}
    </span>
  );
}

/** A member's workspace role (owner, admin, member, viewer), as read-only text. */
export function RoleBadge({ value }: { value: string }) {
  return (
    <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs dark:bg-slate-800">{value}</span>
  );
}

/** Marks a board the user may read but not change. */
export function ViewOnlyBadge() {
  return (
    <span className="rounded-full bg-slate-200 px-2 py-0.5 text-xs dark:bg-slate-800">
      View only
    </span>
  );
}
