import type { NextRequest } from 'next/server';
import { sessionCookieName, sessionCookieValue, sessionTokenOf } from './session';
import { needsRefresh, refreshed } from './tokens';

/** Paths that handle the session cookie themselves. */
const ownCookiePaths = /^\/api\/(?:auth\/|signout(?:\/|$))/;

/**
 * Renews the session before anything renders: a server component cannot save a cookie, so a
 * refresh there would lose the rotated refresh token. Answers the new cookie value (null: the
 * provider refused, the session is over), or undefined when nothing changes.
 */
export async function renewedSessionCookie(
  request: NextRequest,
): Promise<{ value: string | null } | undefined> {
  if (ownCookiePaths.test(request.nextUrl.pathname)) return undefined;
  if (!request.cookies.has(sessionCookieName())) return undefined;
  const token = await sessionTokenOf(request).catch(() => null);
  if (!token?.sub || token.error || !needsRefresh(token)) return undefined;
  const renewed = await refreshed(token);
  if (renewed.error) return { value: null };
  if (renewed === token) return undefined;
  return { value: await sessionCookieValue(renewed) };
}
