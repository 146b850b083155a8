import type { z } from 'zod';

/** The file is not what it claims to be: each issue names the field (a JSON path) and why. */
export class ImportSourceError extends Error {
  constructor(readonly issues: readonly Readonly<{ field: string; reason: string }>[]) {
    super(
      `not an importable file: ${issues
        .slice(0, 5)
        .map((i) => `${i.field} ${i.reason}`)
        .join('; ')}`,
    );
    this.name = 'ImportSourceError';
  }

  static of(error: z.ZodError): ImportSourceError {
    return new ImportSourceError(
      error.issues.map((issue) => ({
        // Dot-separated, as every problem+json of the APIs names a field: `cards.3.idList`.
        field: issue.path.length === 0 ? '(file)' : issue.path.map(String).join('.'),
        reason: issue.message,
      })),
    );
  }
}
