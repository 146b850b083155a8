import type { ReactNode } from 'react';

/** The hover box of every chart: themed with the app (recharts' own is light only). */
export function TooltipBox({
  title,
  rows,
}: {
  title: ReactNode;
  rows: readonly [string, ReactNode, string?][];
}) {
  return (
    <div className="rounded-md border border-slate-200 bg-white px-3 py-2 text-xs shadow-lg dark:border-slate-700 dark:bg-slate-900">
      <div className="mb-1 font-medium">{title}</div>
      <ul className="space-y-0.5">
        {rows.map(([label, value, colour]) => (
          <li key={label} className="flex items-center gap-2">
            {colour ? (
              <span className="size-2 rounded-full" style={{ background: colour }} />
            ) : null}
            <span className="text-slate-500">{label}</span>
            <span className="ml-auto pl-3 font-medium tabular-nums">{value}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
