import { parseInput } from '@taskomask/contracts';
import type { z } from 'zod';
import { invalidFields } from './problem';

/** The parsed value, or a 400 problem listing every refused field. */
export function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown, root = 'body'): T {
  const parsed = parseInput(schema, input, root);
  if (!parsed.ok) throw invalidFields(parsed.errors);
  return parsed.value;
}
