import { Avatar } from '@taskomask/ui/avatar';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { Providers } from '@/components/providers';
import { SignOutButton } from '@/components/sign-in';
import { currentUser } from '@/server/session';

export const dynamic = 'force-dynamic';

export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  if (!user) redirect('/');
  return (
    <Providers user={user}>
      <div className="flex min-h-dvh flex-col">
        <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/85 backdrop-blur dark:border-slate-800 dark:bg-slate-950/85">
          <nav
            className="flex flex-wrap items-center gap-1 px-3 py-2 whitespace-nowrap sm:px-5"
            aria-label="Main"
          >
            <Link href="/workspaces" className="mr-2 text-base font-bold tracking-tight">
              <span className="text-brand-600">Tasko</span>Mask
            </Link>
            <Link href="/workspaces" className="btn-ghost">
              Workspaces
            </Link>
            <Link href="/me/tasks" className="btn-ghost">
              My tasks
            </Link>
            {user.role === 'admin' ? (
              <Link href="/admin" className="btn-ghost">
                Admin
              </Link>
            ) : null}
            <span className="flex-1" />
            <Link href="/profile" className="btn-ghost" aria-label="Profile">
              <Avatar id={user.id} name={user.name || user.email} />
              <span className="hidden sm:inline">{user.name}</span>
            </Link>
            <SignOutButton />
          </nav>
        </header>
        <div className="flex flex-1 flex-col">{children}</div>
      </div>
    </Providers>
  );
}
