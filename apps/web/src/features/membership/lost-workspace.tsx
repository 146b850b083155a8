import Link from 'next/link';

/** Told in place of a board or workspace page when the user lost its workspace meanwhile. */
export function LostWorkspace({ workspaceName }: { workspaceName: string | undefined }) {
  return (
    <div
      role="alert"
      className="panel mx-auto my-10 max-w-md p-6 text-center"
      data-testid="lost-workspace"
    >
      <h2 className="text-lg font-semibold break-words">
        You were removed from {workspaceName ?? 'this workspace'}
      </h2>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
        You can no longer see its boards. If this is a mistake, ask one of its owners or admins to
        add you again.
      </p>
      <Link href="/workspaces" className="btn-primary mt-4 inline-flex">
        Back to Workspaces
      </Link>
    </div>
  );
}
