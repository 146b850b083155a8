/** The web app's settings, read once from the environment (server side only). */
export type WebConfig = Readonly<{
  /** The identity provider's issuer URL, no trailing slash. */
  issuer: string;
  clientId: string;
  /** Set: `taskomask-web` is a confidential client; unset: public (PKCE alone). */
  clientSecret: string | undefined;
  commandApiUrl: string;
  queryApiUrl: string;
  /** Where browsers open the Socket.IO connection (the query side, or the ingress). */
  realtimeUrl: string;
  /** Shared with the realtime server: signs the one-minute socket tickets. */
  realtimeSecret: string;
  /** This app's public origin (NEXTAUTH_URL). */
  origin: string;
  /** Seconds a session cookie lives without use (SESSION_IDLE_DAYS, 14 days by default). */
  sessionIdleSeconds: number;
}>;

const trim = (url: string) => url.replace(/\/+$/, '');

function required(env: NodeJS.ProcessEnv, name: string, fallback?: string): string {
  const value = env[name]?.trim() || fallback;
  if (!value) throw new Error(`${name} is required`);
  return value;
}

function url(env: NodeJS.ProcessEnv, name: string, fallback?: string): string {
  const value = required(env, name, fallback);
  if (!URL.canParse(value)) throw new Error(`${name} must be an absolute URL, got ${value}`);
  return trim(value);
}

function days(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || value > 3650) {
    throw new Error(`${name} must be a number of days between 0 and 3650, got ${raw}`);
  }
  return value;
}

let cached: WebConfig | undefined;

export function webConfig(env: NodeJS.ProcessEnv = process.env): WebConfig {
  if (cached) return cached;
  const queryApiUrl = url(env, 'QUERY_API_URL', 'http://localhost:3002');
  const secret = required(env, 'NEXTAUTH_SECRET', env.AUTH_SECRET);
  cached = {
    issuer: url(env, 'IDENTITY_ISSUER', 'http://localhost:4000'),
    clientId: env.WEB_CLIENT_ID?.trim() || 'taskomask-web',
    clientSecret: env.WEB_CLIENT_SECRET?.trim() || undefined,
    commandApiUrl: url(env, 'COMMAND_API_URL', 'http://localhost:3001'),
    queryApiUrl,
    realtimeUrl: url(env, 'REALTIME_PUBLIC_URL', queryApiUrl),
    realtimeSecret: required(env, 'REALTIME_SECRET', secret),
    origin: url(env, 'NEXTAUTH_URL', 'http://localhost:3000'),
    sessionIdleSeconds: Math.round(days(env, 'SESSION_IDLE_DAYS', 14) * 24 * 60 * 60),
  };
  return cached;
}

export const authSecret = () => required(process.env, 'NEXTAUTH_SECRET', process.env.AUTH_SECRET);
