import { GenerationError } from './errors';

/** The generation in use before any switch. */
export const FIRST_GENERATION = 'g1';

// Safe as a file name part and in a MongoDB database name (which is case-insensitive); 'meta' is
// the MongoDB catalog's own database suffix.
const GENERATION = /^[a-z0-9][a-z0-9-]{0,31}$/;

export function checkGeneration(generation: unknown): string {
  if (typeof generation !== 'string' || !GENERATION.test(generation) || generation === 'meta') {
    throw new GenerationError(
      String(generation),
      'must be 1–32 lowercase letters, digits or "-" (and not "meta")',
    );
  }
  return generation;
}

export function sortGenerations(generations: Iterable<string>): string[] {
  return [...new Set(generations)].sort((a, b) =>
    a.localeCompare(b, 'en', { numeric: true, sensitivity: 'variant' }),
  );
}

/** `g<n+1>` after the highest `g<n>` among `known`. */
export function nextGenerationAfter(known: Iterable<string>): string {
  let highest = 0;
  for (const generation of known) {
    const n = /^g(\d+)$/.exec(generation)?.[1];
    if (n !== undefined) highest = Math.max(highest, Number(n));
  }
  return `g${highest + 1}`;
}
