import type { JWT } from 'next-auth/jwt';
import { webConfig } from './config';

/** What the session JWT (an encrypted cookie, never readable by browser JS) keeps. */
export type SessionTokens = {
  accessToken?: string;
  refreshToken?: string;
  idToken?: string;
  /** Seconds since the epoch. */
  expiresAt?: number;
  role?: string;
  error?: 'RefreshFailed';
};

type TokenAnswer = {
  access_token: string;
  refresh_token?: string;
  id_token?: string;
  expires_in?: number;
};

function clientAuth(body: URLSearchParams): Record<string, string> {
  const { clientId, clientSecret } = webConfig();
  if (clientSecret === undefined) {
    body.set('client_id', clientId);
    return {};
  }
  const basic = Buffer.from(
    `${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`,
  ).toString('base64');
  return { authorization: `Basic ${basic}` };
}

// Refresh tokens rotate: two requests refreshing at once must share one exchange, or the second
// would present a consumed token. Results stay a minute for requests that read the old cookie.
const inFlight = new Map<string, { at: number; promise: Promise<TokenAnswer> }>();

async function exchange(refreshToken: string): Promise<TokenAnswer> {
  const body = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken });
  const headers = { 'content-type': 'application/x-www-form-urlencoded', ...clientAuth(body) };
  const response = await fetch(`${webConfig().issuer}/token`, { method: 'POST', headers, body });
  if (!response.ok) throw new Error(`refresh failed: ${response.status}`);
  return (await response.json()) as TokenAnswer;
}

/** True when the access token has less than 30 s to live. */
export const needsRefresh = (token: JWT & SessionTokens, nowMs = Date.now()) =>
  typeof token.expiresAt === 'number' && token.expiresAt * 1000 - 30_000 < nowMs;

/** The token with a fresh access token, or marked `RefreshFailed` (the user signs in again). */
export async function refreshed<T extends JWT & SessionTokens>(token: T): Promise<T> {
  if (!token.refreshToken) return { ...token, error: 'RefreshFailed' };
  const now = Date.now();
  for (const [key, entry] of inFlight) if (now - entry.at > 60_000) inFlight.delete(key);
  let entry = inFlight.get(token.refreshToken);
  if (!entry) {
    entry = { at: now, promise: exchange(token.refreshToken) };
    inFlight.set(token.refreshToken, entry);
  }
  try {
    const answer = await entry.promise;
    return {
      ...token,
      accessToken: answer.access_token,
      refreshToken: answer.refresh_token ?? token.refreshToken,
      idToken: answer.id_token ?? token.idToken,
      expiresAt: Math.floor(Date.now() / 1000) + (answer.expires_in ?? 600),
      error: undefined,
    };
  } catch {
    inFlight.delete(token.refreshToken);
    return { ...token, accessToken: undefined, error: 'RefreshFailed' };
  }
}

/** RFC 7009: refresh tokens outlive the provider session, so signing out revokes ours. */
export async function revokeRefreshToken(refreshToken: string): Promise<void> {
  const body = new URLSearchParams({ token: refreshToken, token_type_hint: 'refresh_token' });
  const headers = { 'content-type': 'application/x-www-form-urlencoded', ...clientAuth(body) };
  await fetch(`${webConfig().issuer}/token/revocation`, { method: 'POST', headers, body });
}
