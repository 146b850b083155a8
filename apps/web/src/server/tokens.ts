import type { JWT } from 'next-auth/jwt';
import { webConfig } from './config';
import { refreshDue } from './refresh-due';

export { refreshDue };

/** What the session JWT (an encrypted cookie, never readable by browser JS) keeps. */
export type SessionTokens = {
  accessToken?: string;
  refreshToken?: string;
  idToken?: string;
  /** Seconds since the epoch. */
  expiresAt?: number;
  /** Seconds the access token was issued for (what `expires_in` said). */
  expiresIn?: number;
  role?: string;
  error?: 'RefreshFailed';
};

type TokenAnswer = {
  access_token: string;
  refresh_token?: string;
  id_token?: string;
  expires_in?: number;
};

/** The provider refused the refresh token (revoked, expired, reused): the session is over. */
class RefreshRefused extends Error {}

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

type Exchange = { at: number; keepMs: number; promise: Promise<TokenAnswer> };

// Refresh tokens rotate and a reused one revokes the whole sign-in: requests refreshing the same
// token share one exchange, and its answer stays (as long as the access token it brought lives)
// for requests still carrying the old cookie, e.g. when a response with the new one was lost.
// One map per process, on globalThis: the proxy and the route handlers are bundled apart.
const inFlightKey = Symbol.for('taskomask.web.refresh-exchanges');
const shared = globalThis as { [inFlightKey]?: Map<string, Exchange> };
const inFlight: Map<string, Exchange> = shared[inFlightKey] ?? new Map<string, Exchange>();
shared[inFlightKey] = inFlight;

async function exchange(refreshToken: string): Promise<TokenAnswer> {
  const body = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken });
  const headers = { 'content-type': 'application/x-www-form-urlencoded', ...clientAuth(body) };
  const response = await fetch(`${webConfig().issuer}/token`, { method: 'POST', headers, body });
  if (response.status === 400 || response.status === 401) {
    throw new RefreshRefused(`refresh refused: ${response.status}`);
  }
  if (!response.ok) throw new Error(`refresh failed: ${response.status}`);
  return (await response.json()) as TokenAnswer;
}

/** True when the access token is about to expire (see refresh-due.ts). */
export const needsRefresh = (token: JWT & SessionTokens, nowMs = Date.now()) =>
  refreshDue(token, nowMs);

/**
 * The token with a fresh access token and the rotated refresh token; marked `RefreshFailed`
 * when the provider refused (the user signs in again). When the provider could not be reached
 * the token comes back unchanged: the session survives an identity outage.
 */
export async function refreshed<T extends JWT & SessionTokens>(token: T): Promise<T> {
  if (!token.refreshToken) return { ...token, error: 'RefreshFailed' };
  const now = Date.now();
  for (const [key, entry] of inFlight) if (now - entry.at > entry.keepMs) inFlight.delete(key);
  let entry = inFlight.get(token.refreshToken);
  if (!entry) {
    entry = { at: now, keepMs: 60_000, promise: exchange(token.refreshToken) };
    inFlight.set(token.refreshToken, entry);
  }
  try {
    const answer = await entry.promise;
    const expiresIn = answer.expires_in ?? 600;
    entry.keepMs = Math.max(60_000, expiresIn * 1000);
    return {
      ...token,
      accessToken: answer.access_token,
      refreshToken: answer.refresh_token ?? token.refreshToken,
      idToken: answer.id_token ?? token.idToken,
      expiresAt: Math.floor(entry.at / 1000) + expiresIn,
      expiresIn,
      error: undefined,
    };
  } catch (error) {
    if (error instanceof RefreshRefused) {
      return { ...token, accessToken: undefined, error: 'RefreshFailed' };
    }
    // Not refused, so not consumed either: the next request may try the same token again.
    inFlight.delete(token.refreshToken);
    return token;
  }
}

/** RFC 7009: refresh tokens outlive the provider session, so signing out revokes ours. */
export async function revokeRefreshToken(refreshToken: string): Promise<void> {
  const body = new URLSearchParams({ token: refreshToken, token_type_hint: 'refresh_token' });
  const headers = { 'content-type': 'application/x-www-form-urlencoded', ...clientAuth(body) };
  await fetch(`${webConfig().issuer}/token/revocation`, { method: 'POST', headers, body });
}
