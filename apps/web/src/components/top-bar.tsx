'use client';

import { Avatar } from '@taskomask/ui/avatar';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useState } from 'react';
import type { SessionUser } from '@/auth/options';
import { SignOutButton } from '@/components/sign-in';
import { InboxBell } from '@/features/inbox/inbox-bell';

type NavLink = { href: string; label: string };

function linksFor(user: SessionUser): NavLink[] {
  return [
    { href: '/workspaces', label: 'Workspaces' },
    { href: '/me/tasks', label: 'My tasks' },
    ...(user.role === 'admin' ? [{ href: '/admin', label: 'Admin' }] : []),
  ];
}

const isCurrent = (path: string, href: string) => path === href || path.startsWith(`${href}/`);

function MenuIcon({ open }: { open: boolean }) {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 20 20"
      className="size-5"
      fill="none"
      stroke="currentColor"
    >
      <path
        strokeWidth="1.8"
        strokeLinecap="round"
        d={open ? 'M5 5l10 10M15 5L5 15' : 'M3 5h14M3 10h14M3 15h14'}
      />
    </svg>
  );
}

/** Below 640 px the links and "Sign out" live in a menu under the bar, so the bar never overflows. */
function PhoneMenu({ links, path }: { links: NavLink[]; path: string }) {
  return (
    <div
      id="main-menu"
      className="border-t border-slate-200 bg-white px-3 py-2 sm:hidden dark:border-slate-800 dark:bg-slate-950"
    >
      <ul className="flex flex-col gap-1">
        {[...links, { href: '/profile', label: 'Profile' }].map((link) => (
          <li key={link.href}>
            <Link
              href={link.href}
              aria-current={isCurrent(path, link.href) ? 'page' : undefined}
              className="btn-ghost w-full justify-start aria-[current=page]:bg-slate-100 dark:aria-[current=page]:bg-slate-800"
            >
              {link.label}
            </Link>
          </li>
        ))}
        <li className="flex [&>button]:w-full [&>button]:justify-start">
          <SignOutButton />
        </li>
      </ul>
    </div>
  );
}

/** The signed-in top bar: brand, links (a menu on phones), the inbox bell, profile, sign-out. */
export function TopBar({ user }: { user: SessionUser }) {
  const path = usePathname();
  // The menu is open on the page it was opened on: following a link closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === path;
  const setOpen = (next: boolean) => setOpenOn(next ? path : null);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpenOn(null);
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);
  const links = linksFor(user);
  return (
    <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/85 backdrop-blur dark:border-slate-800 dark:bg-slate-950/85">
      <nav className="flex min-w-0 items-center gap-1 px-3 py-2 sm:px-5" aria-label="Main">
        <Link href="/workspaces" className="mr-2 shrink-0 text-base font-bold tracking-tight">
          <span className="text-brand-600">Tasko</span>Mask
        </Link>
        <ul className="hidden min-w-0 items-center gap-1 sm:flex">
          {links.map((link) => (
            <li key={link.href}>
              <Link
                href={link.href}
                aria-current={isCurrent(path, link.href) ? 'page' : undefined}
                className="btn-ghost whitespace-nowrap aria-[current=page]:bg-slate-100 dark:aria-[current=page]:bg-slate-800"
              >
                {link.label}
              </Link>
            </li>
          ))}
        </ul>
        <span className="min-w-0 flex-1" />
        <InboxBell />
        <Link href="/profile" className="btn-ghost min-w-0 shrink-0 px-2" aria-label="Profile">
          <Avatar id={user.id} name={user.name || user.email} />
          <span className="hidden max-w-40 truncate md:inline">{user.name}</span>
        </Link>
        <span className="hidden shrink-0 whitespace-nowrap sm:contents">
          <SignOutButton />
        </span>
        <button
          type="button"
          className="btn-ghost size-10 shrink-0 p-0 sm:hidden"
          aria-label="Menu"
          aria-expanded={open}
          aria-controls="main-menu"
          onClick={() => setOpen(!open)}
        >
          <MenuIcon open={open} />
        </button>
      </nav>
      {open ? <PhoneMenu links={links} path={path} /> : null}
    </header>
  );
}
