import type { z } from 'zod';
import type { FieldError } from './responses';

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

const article = (type: string) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

// Schemas name their own reasons; this covers the generic type mismatches they leave to zod.
function reasonFor(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code !== 'invalid_type') return undefined;
  const atRoot = (issue.path ?? []).length === 0;
  if (issue.expected === 'object') return atRoot ? 'must be a JSON object' : 'must be an object';
  return issue.input === undefined ? 'is required' : `must be ${article(issue.expected)}`;
}

/**
 * Parses `input` with `schema`; on failure lists every refused field with a readable reason.
 * `root` names the whole value when it is itself refused (e.g. a body that is not an object).
 */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown, root = 'body'): Parsed<T> {
  const result = schema.safeParse(input, { error: reasonFor });
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, errors: fieldErrorsOf(result.error, root) };
}

export function fieldErrorsOf(error: z.ZodError, root = 'body'): FieldError[] {
  return error.issues.flatMap((issue): FieldError[] => {
    const at = (path: readonly PropertyKey[]) =>
      path.length === 0 ? root : path.map((part) => String(part)).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: at([...issue.path, key]),
        reason: 'is not a known field',
      }));
    }
    return [{ field: at(issue.path), reason: issue.message }];
  });
}
