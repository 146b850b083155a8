import { z } from 'zod';

const url = (name: string) =>
  z.string({ error: `${name} is required` }).refine((value) => URL.canParse(value), {
    message: `${name} must be an absolute URL`,
  });

/** A comma-separated variable as its trimmed, non-empty items. */
const commaList = () =>
  z.string().transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  );

const uriList = (name: string) =>
  commaList()
    .refine((items) => items.length > 0, { message: `${name} must list at least one URL` })
    .refine((items) => items.every((item) => URL.canParse(item)), {
      message: `${name} must be comma-separated absolute URLs`,
    });

const days = (name: string) =>
  z.coerce
    .number({ error: `${name} must be a number of days` })
    .positive(`${name} must be more than 0 days`)
    .max(3650, `${name} must be at most 3650 days`);

const schema = z.object({
  IDENTITY_ISSUER: url('IDENTITY_ISSUER')
    .default('http://localhost:4000')
    .refine((value) => !value.endsWith('/'), { message: 'IDENTITY_ISSUER must not end with "/"' }),
  IDENTITY_PORT: z.coerce
    .number({ error: 'IDENTITY_PORT must be a number' })
    .int('IDENTITY_PORT must be an integer')
    .min(1, 'IDENTITY_PORT must be between 1 and 65535')
    .max(65535, 'IDENTITY_PORT must be between 1 and 65535')
    .default(4000),
  EVENT_STORE_URL: z
    .string()
    .regex(/^(rediss?:\/\/|sqlite:)/, 'EVENT_STORE_URL must start with redis:// or sqlite:')
    .default('sqlite:./data/events.db'),
  IDENTITY_STORE_URL: z
    .string()
    .regex(/^(rediss?:\/\/|sqlite:)/, 'IDENTITY_STORE_URL must start with redis:// or sqlite:')
    .default('sqlite:./data/identity.db'),
  IDENTITY_JWKS: z.string().min(1).optional(),
  IDENTITY_KEY_FILE: z.string().min(1).default('./data/identity-jwks.json'),
  IDENTITY_COOKIE_KEYS: commaList()
    .refine((keys) => keys.length > 0 && keys.every((key) => key.length >= 32), {
      message: 'IDENTITY_COOKIE_KEYS must be comma-separated secrets of at least 32 characters',
    })
    .optional(),
  WEB_CLIENT_SECRET: z
    .string()
    .min(32, 'WEB_CLIENT_SECRET must be at least 32 characters')
    .optional(),
  WEB_REDIRECT_URIS: uriList('WEB_REDIRECT_URIS').default([
    'http://localhost:3000/api/auth/callback/taskomask',
  ]),
  WEB_POST_LOGOUT_REDIRECT_URIS: uriList('WEB_POST_LOGOUT_REDIRECT_URIS').optional(),
  API_AUDIENCE: url('API_AUDIENCE').default('http://taskomask.local/api'),
  IDENTITY_ACCESS_TOKEN_TTL: z.coerce
    .number({ error: 'IDENTITY_ACCESS_TOKEN_TTL must be a number of seconds' })
    .int('IDENTITY_ACCESS_TOKEN_TTL must be a whole number of seconds')
    .min(1, 'IDENTITY_ACCESS_TOKEN_TTL must be between 1 and 3600 seconds')
    .max(3600, 'IDENTITY_ACCESS_TOKEN_TTL must be between 1 and 3600 seconds')
    .default(600),
  SESSION_IDLE_DAYS: days('SESSION_IDLE_DAYS').default(14),
  SESSION_MAX_DAYS: days('SESSION_MAX_DAYS').default(365),
  IDENTITY_TRUST_PROXY: z
    .enum(['true', 'false'], { error: 'IDENTITY_TRUST_PROXY must be true or false' })
    .default('false')
    .transform((value) => value === 'true'),
});

const DAY = 24 * 60 * 60;

export type IdentityConfig = Readonly<{
  issuer: string;
  port: number;
  eventStoreUrl: string;
  identityStoreUrl: string;
  /** IDENTITY_JWKS, when set, wins over the key file. */
  jwks: string | undefined;
  keyFile: string;
  cookieKeys: string[] | undefined;
  webClient: Readonly<{
    secret: string | undefined;
    redirectUris: string[];
    postLogoutRedirectUris: string[] | undefined;
  }>;
  apiAudience: string;
  /** Seconds an access token lives. */
  accessTokenTtl: number;
  /** Seconds a signed-in browser may stay unused (refresh token and provider session). */
  sessionIdleTtl: number;
  /** Seconds a sign-in lasts at most, however active. */
  sessionMaxTtl: number;
  trustProxy: boolean;
}>;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Reads the identity service's configuration once, at start. Empty variables count as unset.
 * Throws a ConfigError naming every bad variable.
 */
export function readIdentityConfig(
  env: Readonly<Record<string, string | undefined>>,
): IdentityConfig {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''),
  );
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'configuration');
      return issue.message.includes(name) ? issue.message : `${name}: ${issue.message}`;
    });
    throw new ConfigError(`invalid identity configuration: ${problems.join('; ')}`);
  }
  const c = parsed.data;
  return {
    issuer: c.IDENTITY_ISSUER,
    port: c.IDENTITY_PORT,
    eventStoreUrl: c.EVENT_STORE_URL,
    identityStoreUrl: c.IDENTITY_STORE_URL,
    jwks: c.IDENTITY_JWKS,
    keyFile: c.IDENTITY_KEY_FILE,
    cookieKeys: c.IDENTITY_COOKIE_KEYS,
    webClient: {
      secret: c.WEB_CLIENT_SECRET,
      redirectUris: c.WEB_REDIRECT_URIS,
      postLogoutRedirectUris: c.WEB_POST_LOGOUT_REDIRECT_URIS,
    },
    apiAudience: c.API_AUDIENCE,
    accessTokenTtl: c.IDENTITY_ACCESS_TOKEN_TTL,
    sessionIdleTtl: Math.round(c.SESSION_IDLE_DAYS * DAY),
    sessionMaxTtl: Math.round(Math.max(c.SESSION_MAX_DAYS, c.SESSION_IDLE_DAYS) * DAY),
    trustProxy: c.IDENTITY_TRUST_PROXY,
  };
}
