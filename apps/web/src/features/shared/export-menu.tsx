import { buttonClass } from '@taskomask/ui/button';

export type ExportLink = Readonly<{ href: string; label: string; hint: string }>;

/**
 * "Export": plain download links through the BFF (the session cookie goes with them, the API
 * names the file). A <details> keeps it a menu without script; it opens under its button and
 * never wider than the screen (it keeps to the right end of its row, also when the row wraps);
 * choosing a file closes it.
 */
export function ExportMenu({ links, testId }: { links: readonly ExportLink[]; testId: string }) {
  return (
    <details className="group relative ml-auto" data-testid={testId}>
      <summary
        className={buttonClass(
          'ghost',
          'cursor-pointer list-none text-sm [&::-webkit-details-marker]:hidden',
        )}
      >
        Export
      </summary>
      <ul className="absolute right-0 hidden group-open:block z-20 mt-1 w-64 max-w-[calc(100vw-2rem)] rounded-md border border-slate-200 bg-white p-1 shadow-lg dark:border-slate-700 dark:bg-slate-900">
        {links.map((link) => (
          <li key={link.href}>
            <a
              href={link.href}
              download
              // The menu closes once a file is chosen.
              onClick={(event) => event.currentTarget.closest('details')?.removeAttribute('open')}
              className="block rounded px-3 py-2 text-sm hover:bg-slate-100 dark:hover:bg-slate-800"
            >
              <span className="block font-medium">{link.label}</span>
              <span className="block text-xs text-slate-500">{link.hint}</span>
            </a>
          </li>
        ))}
      </ul>
    </details>
  );
}
