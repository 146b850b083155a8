import { z } from 'zod';

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Validates the environment against `schema` (keys are variable names) once, at start, and names
 * every bad variable with the reason, e.g. `BUS_URL: must start with amqp:// or be memory:`.
 */
export function loadConfig<S extends z.ZodObject>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
  );
}

/** The adapter URLs of DESIGN.md §3; with none set, everything is embedded under ./data. */
export const storeUrls = {
  EVENT_STORE_URL: z
    .string()
    .regex(/^(rediss?:\/\/|sqlite:)/, 'must be redis://… or sqlite:<path>')
    .default('sqlite:./data/events.db'),
  BUS_URL: z
    .string()
    .regex(/^(amqps?:\/\/|memory:)/, 'must be amqp://… or memory:')
    .default('memory:'),
  READ_STORE_URL: z
    .string()
    .regex(/^(mongodb(\+srv)?:\/\/|sqlite:)/, 'must be mongodb://… or sqlite:<path>')
    .default('sqlite:./data/read.db'),
};

export const port = (fallback: number) =>
  z.coerce.number().int().min(0).max(65535).default(fallback);
export { redact, takeQueryParam } from './url';
