import type { DueFilter } from '@taskomask/contracts';

const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/;
const week = 7 * 24 * 3600_000;

/**
 * When a due date falls due, in epoch ms: a date-time with its offset is that instant; a bare date
 * is due at the end of that day, UTC (the server knows no reader's time zone).
 */
export function dueInstant(dueDate: string): number {
  const day = dateOnly.exec(dueDate);
  if (day !== null) return Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]) + 1);
  return Date.parse(dueDate);
}

export function matchesDue(dueDate: string | null, filter: DueFilter, now: number): boolean {
  if (filter === 'none') return dueDate === null;
  if (dueDate === null) return false;
  const due = dueInstant(dueDate);
  if (filter === 'overdue') return due <= now;
  return due > now && due <= now + week;
}
