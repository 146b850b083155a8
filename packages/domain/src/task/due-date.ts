import { ValidationError } from '../errors';

// A calendar date, or a date-time that says its offset: a due time without one would mean a
// different instant for every reader.
const dueDatePattern =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2})))?$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Returns the due date as given when it is a real ISO-8601 date or date-time with offset. */
export function requireDueDate(value: unknown): string {
  const match = typeof value === 'string' ? dueDatePattern.exec(value) : null;
  if (match === null) {
    throw new ValidationError('dueDate', 'must be an ISO date or date-time with offset');
  }
  const [year, month, day, hour, minute, second, offsetHour, offsetMinute] = match
    .slice(1)
    .map((part) => (part === undefined ? 0 : Number(part))) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const valid =
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    offsetHour <= 23 &&
    offsetMinute <= 59;
  if (!valid) throw new ValidationError('dueDate', 'is not a real date or time');
  return value as string;
}
