/** Red when past, amber when today, grey otherwise (dates as YYYY-MM-DD compare as text). */
export function dueTone(due: string, today = new Date().toISOString().slice(0, 10)): string {
  if (due < today) return 'bg-red-100 text-red-700 dark:bg-red-950 dark:text-red-300';
  if (due === today) return 'bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300';
  return 'bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-300';
}

/** A task's due date (the day part of an ISO date), coloured by how near it is. */
export function DueDate({
  date,
  today,
  className = '',
}: {
  date: string;
  today?: string;
  className?: string;
}) {
  const day = date.slice(0, 10);
  return (
    <span
      className={`rounded px-1.5 py-0.5 ${className ? `${className} ` : ''}font-medium ${dueTone(day, today)}`}
    >
      {day}
    </span>
  );
}
