import { redirect } from 'next/navigation';
import { SignInButtons } from '@/components/sign-in';
import { currentUser } from '@/server/session';

export const dynamic = 'force-dynamic';

export default async function Landing({
  searchParams,
}: {
  searchParams: Promise<{ error?: string }>;
}) {
  if (await currentUser()) redirect('/workspaces');
  const { error } = await searchParams;
  return (
    <main className="mx-auto flex min-h-dvh max-w-5xl flex-col px-6">
      <header className="flex items-center justify-between py-6">
        <span className="text-lg font-bold tracking-tight">
          <span className="text-brand-600">Tasko</span>Mask
        </span>
      </header>
      <section className="grid flex-1 items-center gap-10 py-10 md:grid-cols-2">
        <div>
          <h1 className="text-4xl font-bold tracking-tight sm:text-5xl">
            Plan together, <span className="text-brand-600">in real time</span>.
          </h1>
          <p className="mt-4 text-lg text-slate-600 dark:text-slate-400">
            Kanban boards your whole team edits at once. Every change is recorded, so nothing is
            lost and the history of each task tells its story.
          </p>
          {error ? (
            <p
              role="alert"
              className="mt-4 rounded-lg bg-red-50 p-3 text-sm text-red-700 dark:bg-red-950 dark:text-red-300"
            >
              Signing in did not work ({error}). Please try again.
            </p>
          ) : null}
          <SignInButtons />
        </div>
        <div aria-hidden="true" className="hidden gap-3 md:grid md:grid-cols-3">
          {['To do', 'Doing', 'Done'].map((name, column) => (
            <div key={name} className="panel space-y-2 bg-slate-100/80 p-3 dark:bg-slate-900">
              <p className="text-xs font-semibold text-slate-500 uppercase">{name}</p>
              {['first', 'second', 'third'].slice(column).map((slot) => (
                <div key={slot} className="rounded-lg bg-white p-3 shadow-sm dark:bg-slate-800">
                  <div className="h-2 w-3/4 rounded bg-slate-200 dark:bg-slate-700" />
                  <div className="mt-2 h-2 w-1/2 rounded bg-brand-100 dark:bg-brand-700/40" />
                </div>
              ))}
            </div>
          ))}
        </div>
      </section>
    </main>
  );
}
