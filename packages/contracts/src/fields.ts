import {
  type CardType,
  cardTypes,
  charCount,
  limits,
  type Role,
  requireDueDate,
  roles,
} from '@taskomask/domain';
import { z } from 'zod';

// The building blocks of every body: the domain's own bounds and reasons, so a client sees the
// same message whether zod or a decider refused a value.

/** "is required" for a missing value, else "must be <what>". */
export function expected(what: string) {
  return (issue: { input?: unknown }) =>
    issue.input === undefined ? 'is required' : `must be ${what}`;
}

/** A UUID, as every id the API makes or accepts. */
export const uuid = () => z.uuid({ error: expected('a UUID') });

/**
 * Trimmed text of `min`–`max` characters, counted as people see them (code points), exactly as
 * the domain counts; JSON Schema's minLength/maxLength count code points too.
 */
export function boundedText(min: number, max: number) {
  return z
    .string({ error: expected('a string') })
    .trim()
    .check((ctx) => {
      const length = charCount(ctx.value);
      if (length < min) {
        const message = min === 1 ? 'must not be blank' : `must be at least ${min} characters`;
        ctx.issues.push({ code: 'custom', message, input: ctx.value });
      } else if (length > max) {
        ctx.issues.push({
          code: 'custom',
          message: `must be at most ${max} characters`,
          input: ctx.value,
        });
      }
    })
    .meta(min > 0 ? { minLength: min, maxLength: max } : { maxLength: max });
}

export const name = () => boundedText(limits.nameMin, limits.nameMax);
export const description = () => boundedText(0, limits.descriptionMax);
export const taskDescription = () => boundedText(0, limits.taskDescriptionMax);
export const commentText = () => boundedText(1, limits.commentMax);
export const label = () => boundedText(1, limits.labelMax);
export const checklistText = () => boundedText(1, limits.checklistItemMax);

/** Long enough for years of inserts between the same neighbours, short enough to bound a body. */
export const positionKeyMaxLength = 1024;

/** A neighbour's fractional position key; null or missing means that end of the list. */
export const positionKey = () =>
  z
    .string({ error: expected('a position key') })
    .regex(/^[0-9A-Za-z]+$/, { error: 'must be a position key (letters and digits only)' })
    .max(positionKeyMaxLength, { error: `must be at most ${positionKeyMaxLength} characters` })
    .nullable()
    .optional();

function isDueDate(value: string): boolean {
  try {
    requireDueDate(value);
    return true;
  } catch {
    return false;
  }
}

export const dueDate = () =>
  z
    .string({ error: expected('an ISO date') })
    .max(40, { error: 'must be an ISO date (2025-03-01) or date-time with offset' })
    .refine(isDueDate, { error: 'must be an ISO date (2025-03-01) or date-time with offset' })
    .meta({
      description: 'ISO-8601 date (`2025-03-01`) or date-time with an offset',
      examples: ['2025-03-01', '2025-03-01T17:00:00+01:00'],
    });

// z.enum wants a non-empty tuple; `satisfies` keeps it in step with the domain's unions.
const roleValues = ['owner', 'admin', 'member', 'viewer'] as const satisfies readonly Role[];
const cardTypeValues = ['Backlog', 'ToDo', 'Doing', 'Done'] as const satisfies readonly CardType[];
type Covers<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : never;
const rolesCovered: Covers<Role, (typeof roleValues)[number]> = true;
const cardTypesCovered: Covers<CardType, (typeof cardTypeValues)[number]> = true;
void rolesCovered;
void cardTypesCovered;

export const role = () => z.enum(roleValues, { error: expected(`one of ${roles.join(', ')}`) });
export const cardType = () =>
  z.enum(cardTypeValues, { error: expected(`one of ${cardTypes.join(', ')}`) });

/** A PATCH body must change something; `{}` is refused rather than silently accepted. */
export function changesSomething(value: Record<string, unknown>): boolean {
  return Object.values(value).some((v) => v !== undefined);
}
