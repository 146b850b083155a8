import type { ReactNode } from 'react';
import SignedInLayout from '@/app/(app)/layout';
import { AdminNav, NotAllowed } from '@/features/admin/admin-shell';
import { currentUser } from '@/server/session';

export const dynamic = 'force-dynamic';

/**
 * The administration pages, inside the signed-in shell. Only a session whose account role is
 * `admin` sees them; the API refuses everyone else anyway (403).
 */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  return (
    <SignedInLayout>
      <main className="mx-auto w-full max-w-5xl px-4 py-6 sm:px-6">
        {user?.role === 'admin' ? (
          <>
            <h1 className="mb-3 text-2xl font-bold tracking-tight">Administration</h1>
            <AdminNav />
            {children}
          </>
        ) : (
          <NotAllowed />
        )}
      </main>
    </SignedInLayout>
  );
}
