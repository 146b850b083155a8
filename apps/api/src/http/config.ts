import { metricsTokenReason } from '@taskomask/observability';
import { z } from 'zod';
import { type BearerAuthOptions, defaultAlgorithms } from './auth';

export type Env = Readonly<Record<string, string | undefined>>;

/** Every bad variable at once, each named, so a misconfigured deployment fails in one go. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly { variable: string; reason: string }[]) {
    super(
      `invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.reason}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

/** Reads `env` once through `schema` (an object of variable names). */
export function readConfig<S extends z.ZodObject>(schema: S, env: Env): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => ({
      variable: String(issue.path[0] ?? '(environment)'),
      reason: issue.message,
    })),
  );
}

const httpUrl = (what: string) =>
  z.url({
    protocol: /^https?$/,
    error: (issue) =>
      issue.input === undefined ? 'is required' : `must be an http(s) URL ${what}`,
  });

/** A TCP port; "0" picks a free one. */
export const portVariable = (fallback: number) =>
  z.coerce
    .number({ error: 'must be a port number' })
    .int({ error: 'must be a port number' })
    .min(0, { error: 'must be a port number' })
    .max(65535, { error: 'must be a port number' })
    .default(fallback);

/** The variables every API that verifies access tokens reads. */
export const authVariables = {
  AUTH_ISSUER: z
    .string({ error: 'is required (the issuer of access tokens)' })
    .min(1, { error: 'is required (the issuer of access tokens)' }),
  AUTH_AUDIENCE: z
    .string({ error: 'is required (the audience access tokens are issued for)' })
    .min(1, { error: 'is required (the audience access tokens are issued for)' }),
  AUTH_JWKS_URL: httpUrl("(the identity provider's JWKS)"),
  AUTH_ALGORITHMS: z
    .string()
    .default(defaultAlgorithms.join(','))
    .transform((value) =>
      value
        .split(',')
        .map((a) => a.trim())
        .filter((a) => a !== ''),
    )
    .refine(
      (list) => list.length > 0 && list.every((a) => /^(RS|PS|ES)(256|384|512)$|^EdDSA$/.test(a)),
      {
        error: 'must be a comma-separated list of asymmetric JWS algorithms (e.g. RS256,ES256)',
      },
    ),
} as const;

/** METRICS_TOKEN: when set, /metrics demands it as a bearer token. */
export const metricsTokenVariable = z.string().min(16, { error: metricsTokenReason }).optional();

export const logLevelVariable = z
  .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
    error: 'must be one of fatal, error, warn, info, debug, trace, silent',
  })
  .default('info');

/** What each API side's process reads besides its own: token verification, log level, metrics. */
export const apiProcessVariables = {
  ...authVariables,
  LOG_LEVEL: logLevelVariable,
  METRICS_TOKEN: metricsTokenVariable,
} as const;

export function authOptionsFrom(config: {
  AUTH_ISSUER: string;
  AUTH_AUDIENCE: string;
  AUTH_JWKS_URL: string;
  AUTH_ALGORITHMS: string[];
}): BearerAuthOptions {
  return {
    issuer: config.AUTH_ISSUER,
    audience: config.AUTH_AUDIENCE,
    jwksUrl: config.AUTH_JWKS_URL,
    algorithms: config.AUTH_ALGORITHMS,
  };
}
