import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { Providers } from '@/components/providers';
import { TopBar } from '@/components/top-bar';
import { currentUser } from '@/server/session';

export const dynamic = 'force-dynamic';

export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  if (!user) redirect('/');
  return (
    <Providers user={user}>
      <div className="flex min-h-dvh flex-col">
        <TopBar user={user} />
        <div className="flex min-w-0 flex-1 flex-col">{children}</div>
      </div>
    </Providers>
  );
}
