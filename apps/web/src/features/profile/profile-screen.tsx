import { CopyButton } from '@taskomask/ui/copy-button';
import { ApiTokens } from '@/features/tokens/api-tokens';

/** The signed-in account, its member id to hand out, and where to change it. */
export function ProfileScreen({
  user,
  accountUrl,
}: {
  user: { id: string; name: string; email: string; role: string };
  accountUrl: string;
}) {
  return (
    <main className="mx-auto w-full max-w-2xl px-4 py-6 sm:px-6">
      <h1 className="text-2xl font-bold tracking-tight">Profile</h1>
      <dl className="panel mt-6 grid grid-cols-[6rem_minmax(0,1fr)] gap-x-4 sm:grid-cols-[8rem_minmax(0,1fr)] gap-y-3 p-5 text-sm">
        <dt className="text-slate-500">Name</dt>
        <dd>{user.name}</dd>
        <dt className="text-slate-500">Email</dt>
        <dd>{user.email}</dd>
        <dt className="text-slate-500">Account</dt>
        <dd>{user.role === 'admin' ? 'Administrator' : 'User'}</dd>
        <dt className="text-slate-500">Member id</dt>
        <dd className="flex flex-wrap items-center gap-2">
          <code
            className="rounded bg-slate-100 px-1.5 py-0.5 text-xs break-all dark:bg-slate-800"
            data-testid="member-id"
          >
            {user.id}
          </code>
          <CopyButton text={user.id} />
        </dd>
      </dl>
      <p className="mt-3 text-sm text-slate-500">
        Give your member id to a workspace owner or admin so they can add you.
      </p>
      <a href={accountUrl} className="btn-ghost mt-4">
        Edit name, email or password at the sign-in service →
      </a>
      <ApiTokens />
    </main>
  );
}
