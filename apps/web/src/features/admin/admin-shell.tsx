'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useState } from 'react';
import { QueryError } from '@/features/shared/query-error';
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
  return <QueryError error={error} {...(retry ? { retry } : {})} />;
}
