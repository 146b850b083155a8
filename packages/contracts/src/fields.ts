import {
  type CardFlow,
  type CardType,
  cardTypes,
  charCount,
  isTimeZone,
  limits,
  type Role,
  requireDueDate,
  roles,
} from '@taskomask/domain';
import { z } from './zod';

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
 * Characters no stored text may hold: C0 controls, DEL and C1 controls. Multi-line text keeps
 * LF, CR and TAB; single-line text (names, titles, labels) keeps none of them.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching controls is the point.
const multiLineControl = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching controls is the point.
const singleLineControl = /[\u0000-\u001F\u007F-\u009F]/u;
/**
 * Bidi embeddings, overrides and isolates: in a one-line name they reorder what a reader sees
 * (`\u202Egnp.exe`), so single-line text refuses them.
 */
const bidiControl = /[\u202A-\u202E\u2066-\u2069]/u;

export type TextKind = 'single-line' | 'multi-line';

/** Why `value` is refused as text of `kind`, or undefined when its characters are fine. */
export function textCharacterProblem(value: string, kind: TextKind): string | undefined {
  if (kind === 'single-line') {
    if (singleLineControl.test(value)) {
      return 'must not contain control characters (tabs and line breaks included)';
    }
    if (bidiControl.test(value)) return 'must not contain bidirectional override characters';
    return undefined;
  }
  return multiLineControl.test(value)
    ? 'must not contain control characters other than line breaks and tabs'
    : undefined;
}

/**
 * Trimmed text of `min`–`max` characters, counted as people see them (code points), exactly as
 * the domain counts; JSON Schema's minLength/maxLength count code points too. Control characters
 * are refused before trimming (a trailing newline in a name is a mistake, not whitespace).
 */
export function boundedText(min: number, max: number, kind: TextKind = 'single-line') {
  return z
    .string({ error: expected('a string') })
    .check((ctx) => {
      const problem = textCharacterProblem(ctx.value, kind);
      if (problem !== undefined) {
        ctx.issues.push({ code: 'custom', message: problem, input: ctx.value, continue: false });
      }
    })
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
    .meta({
      ...(min > 0 ? { minLength: min, maxLength: max } : { maxLength: max }),
      'x-text': kind,
      description:
        kind === 'single-line'
          ? 'one line: no control characters (tab, CR, LF included) and no bidi overrides'
          : 'may span lines (LF, CR, tab); no other control characters',
    });
}

export const name = () => boundedText(limits.nameMin, limits.nameMax);
export const description = () => boundedText(0, limits.descriptionMax, 'multi-line');
export const taskDescription = () => boundedText(0, limits.taskDescriptionMax, 'multi-line');
export const commentText = () => boundedText(1, limits.commentMax, 'multi-line');
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

const cardFlowValues = ['waiting', 'started', 'done'] as const satisfies readonly CardFlow[];
const cardFlowsCovered: Covers<CardFlow, (typeof cardFlowValues)[number]> = true;
void cardFlowsCovered;

/** What a card counts as in flow charts; null gives it back to its type's default. */
export const cardFlow = () =>
  z
    .enum(cardFlowValues, { error: expected(`null or one of ${cardFlowValues.join(', ')}`) })
    .nullable()
    .meta({
      description:
        'what the card counts as in flow charts (waiting, started, done); null: as its type says (Doing: started, Done: done, others: waiting)',
    });

/** An IANA time zone name the server knows. */
export const timeZone = () =>
  z
    .string({ error: expected('an IANA time zone') })
    .max(64, { error: 'must be an IANA time zone (Europe/Berlin)' })
    .refine(isTimeZone, { error: 'must be an IANA time zone (Europe/Berlin)' })
    .meta({ description: 'IANA time zone name', examples: ['Europe/Berlin', 'UTC'] });

export const role = () => z.enum(roleValues, { error: expected(`one of ${roles.join(', ')}`) });
export const cardType = () =>
  z.enum(cardTypeValues, { error: expected(`one of ${cardTypes.join(', ')}`) });

/** A PATCH body must change something; `{}` is refused rather than silently accepted. */
export function changesSomething(value: Record<string, unknown>): boolean {
  return Object.values(value).some((v) => v !== undefined);
}
