import { boundedText, expected, label, uuid } from '../fields';
import { z } from '../zod';

// What the query side's URLs accept besides path ids. Query strings are strict like bodies: an
// unknown parameter is refused, so a typo (`assignee=` for `assigneeId=`) is a 400, not a
// silently unfiltered answer.

const nonNegative = 'must be a non-negative integer';

/** The `position` a command answered with: the answer waits (bounded) until the read store has it. */
export const minPosition = () =>
  z.coerce
    .number({ error: nonNegative })
    .int({ error: nonNegative })
    .min(0, { error: nonNegative })
    .max(Number.MAX_SAFE_INTEGER, { error: nonNegative })
    .optional()
    .describe(
      'Read your own write: the `position` a command answered with. The query waits (up to about 2 s) for the read store to reach it; also accepted as the `X-Min-Position` header.',
    );

export const defaultPageLimit = 50;
export const maxPageLimit = 200;

const limitReason = `must be an integer from 1 to ${maxPageLimit}`;

export const pageLimit = () =>
  z.coerce
    .number({ error: limitReason })
    .int({ error: limitReason })
    .min(1, { error: limitReason })
    .max(maxPageLimit, { error: limitReason })
    .default(defaultPageLimit)
    .describe(`How many items a page holds (default ${defaultPageLimit}).`);

export const pageCursor = () =>
  z
    .string({ error: expected('a cursor') })
    .min(1, { error: 'must be a cursor from a previous page' })
    .max(512, { error: 'must be a cursor from a previous page' })
    .optional()
    .describe('`nextCursor` of the previous page; absent for the first page.');

export const dueFilters = ['overdue', 'week', 'none'] as const;
export type DueFilter = (typeof dueFilters)[number];

export const dueFilter = () =>
  z
    .enum(dueFilters, { error: expected(`one of ${dueFilters.join(', ')}`) })
    .optional()
    .describe(
      '`overdue`: due before now; `week`: due within the next 7 days; `none`: no due date. A due date without a time is due at the end of that day, UTC.',
    );

const momentReason = 'must be a global position (a non-negative integer) or an ISO-8601 time';
const isoTime = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** A moment of the log: a global position, or an ISO-8601 time (the last change at or before it). */
export type Moment = Readonly<{ position: number }> | Readonly<{ time: number }>;

/** `at` as the API reads it; undefined when it is neither a position nor a valid time. */
export function parseMoment(value: string): Moment | undefined {
  if (/^\d{1,16}$/.test(value)) {
    const position = Number(value);
    return Number.isSafeInteger(position) ? { position } : undefined;
  }
  if (!isoTime.test(value)) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : { time };
}

export const moment = () =>
  z
    .string({ error: expected('a global position or an ISO-8601 time') })
    .max(40, { error: momentReason })
    .refine((value) => parseMoment(value) !== undefined, { error: momentReason })
    .optional()
    .describe(
      'Time travel: the answer as it was at this global position (inclusive), or at this ISO-8601 time (the last change at or before it), e.g. `1234` or `2026-12-07T10:00:00Z`. Read-only; the answer carries `asOf`.',
    );

/** Queries that answer one document. */
export const ReadQuery = z.strictObject({ minPosition: minPosition() });

/** Queries that answer a page of a list. */
export const PageQuery = z.strictObject({
  minPosition: minPosition(),
  cursor: pageCursor(),
  limit: pageLimit(),
});

/** A board or a task, now or at a moment of the past. */
export const MomentQuery = z.strictObject({ minPosition: minPosition(), at: moment() });

const beforeReason = 'must be a positive integer';

/** A board's change points, newest first, from `before` on. */
export const HistoryQuery = z.strictObject({
  minPosition: minPosition(),
  before: z.coerce
    .number({ error: beforeReason })
    .int({ error: beforeReason })
    .min(1, { error: beforeReason })
    .max(Number.MAX_SAFE_INTEGER, { error: beforeReason })
    .optional()
    .describe('Only changes before this global position: `nextBefore` of the previous page.'),
  limit: pageLimit(),
});

export const BoardSearchQuery = z.strictObject({
  text: boundedText(1, 100)
    .optional()
    .describe(
      'Case-insensitive part of the title, a label, the description or a comment, e.g. `login`.',
    ),
  label: label().optional().describe('A label the task has (case-insensitive).'),
  assigneeId: uuid().optional().describe('The owner the task is assigned to.'),
  due: dueFilter(),
  minPosition: minPosition(),
  cursor: pageCursor(),
  limit: pageLimit(),
});

export const MyTasksQuery = z.strictObject({
  due: dueFilter(),
  minPosition: minPosition(),
  cursor: pageCursor(),
  limit: pageLimit(),
});

export type ReadQuery = z.infer<typeof ReadQuery>;
export type PageQuery = z.infer<typeof PageQuery>;
export type MomentQuery = z.infer<typeof MomentQuery>;
export type HistoryQuery = z.infer<typeof HistoryQuery>;
export type BoardSearchQuery = z.infer<typeof BoardSearchQuery>;
export type MyTasksQuery = z.infer<typeof MyTasksQuery>;
