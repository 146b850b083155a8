import { charCount, limits, nameKey, requireDueDate } from '@taskomask/domain';
import type { ImportProblem } from './plan';

const ellipsis = '…';

/** The first `max` characters (code points) of `text`, the last one an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  return `${chars
    .slice(0, max - 1)
    .join('')
    .trimEnd()}${ellipsis}`;
}

/**
 * Bends source text to our rules and notes every bend as a problem: the plan always holds the
 * fitted text, and whether it may run (fix) or stops is the caller's choice.
 */
export class Fitting {
  readonly problems: ImportProblem[] = [];

  note(problem: ImportProblem): void {
    this.problems.push(problem);
  }

  /** A name of 3–50 characters: a short one gets `(kind)` after it, a long one is cut. */
  name(at: string, value: string, kind: string, fallback: string): string {
    const text = value.trim();
    const length = charCount(text);
    if (length === 0) {
      this.note({
        at,
        rule: 'too_short',
        message: `${kind} has no name`,
        fix: `named "${fallback}"`,
      });
      return fallback;
    }
    if (length < limits.nameMin) {
      const padded = `${text} (${kind})`;
      this.note({
        at,
        rule: 'too_short',
        message: `${kind} name "${text}" is shorter than ${limits.nameMin} characters`,
        fix: `renamed "${padded}"`,
      });
      return padded;
    }
    if (length > limits.nameMax) {
      const cut = truncate(text, limits.nameMax);
      this.note({
        at,
        rule: 'too_long',
        message: `${kind} name is ${length} characters, more than ${limits.nameMax}`,
        fix: `cut to "${cut}"`,
      });
      return cut;
    }
    return text;
  }

  /** Text of at most `max` characters (descriptions, comments, checklist items). */
  text(at: string, value: string, max: number, what: string): string {
    const text = value.trim();
    const length = charCount(text);
    if (length <= max) return text;
    this.note({
      at,
      rule: 'too_long',
      message: `${what} is ${length} characters, more than ${max}`,
      fix: `cut to ${max} characters`,
    });
    return truncate(text, max);
  }

  /** `name`, or `name (2)`, `(3)`… when a sibling already has it (compared as the domain does). */
  unique(at: string, name: string, taken: Set<string>, kind: string): string {
    let candidate = name;
    for (let n = 2; taken.has(nameKey(candidate)); n++) {
      const suffix = ` (${n})`;
      candidate = `${truncate(name, limits.nameMax - suffix.length)}${suffix}`;
    }
    if (candidate !== name) {
      this.note({
        at,
        rule: 'duplicate',
        message: `another ${kind} is already named "${name}"`,
        fix: `renamed "${candidate}"`,
      });
    }
    taken.add(nameKey(candidate));
    return candidate;
  }

  /** A description that only repeats the name is refused by the domain: it is left out. */
  distinct(at: string, name: string, description: string): string {
    if (description === '' || nameKey(description) !== nameKey(name)) return description;
    this.note({
      at,
      rule: 'repeats_name',
      message: 'the description only repeats the name',
      fix: 'description left empty',
    });
    return '';
  }

  /** A due date the domain takes, or null (none, or one it would refuse: noted). */
  dueDate(at: string, value: string | null | undefined): string | null {
    if (value == null || value === '') return null;
    try {
      return requireDueDate(value);
    } catch {
      this.note({
        at,
        rule: 'bad_date',
        message: `"${truncate(value, 40)}" is not an ISO date or date-time with offset`,
        fix: 'due date left out',
      });
      return null;
    }
  }
}
