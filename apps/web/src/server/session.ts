import type { NextRequest, NextResponse } from 'next/server';
import { getServerSession } from 'next-auth';
import { encode, getToken, type JWT } from 'next-auth/jwt';
import { authOptions, type SessionUser } from '../auth/options';
import { authSecret, webConfig } from './config';
import { needsRefresh, refreshed, type SessionTokens } from './tokens';

const secureCookies = () => webConfig().origin.startsWith('https://');
export const sessionCookieName = () =>
  secureCookies() ? '__Secure-next-auth.session-token' : 'next-auth.session-token';

export type SessionToken = JWT & SessionTokens;

export type Caller = Readonly<{
  user: SessionUser;
  accessToken: string;
  /** Set when the access token was refreshed: the response must carry the new cookie. */
  renewed?: SessionToken;
  token: SessionToken;
}>;

/** The session JWT of a request (its cookie decrypted), or null. */
export async function sessionTokenOf(request: NextRequest): Promise<SessionToken | null> {
  return (await getToken({
    req: request,
    secret: authSecret(),
    secureCookie: secureCookies(),
  })) as SessionToken | null;
}

/** The signed-in caller of a BFF request, refreshing the access token when it is about to expire. */
export async function callerOf(request: NextRequest): Promise<Caller | null> {
  const token = await sessionTokenOf(request);
  if (!token?.sub || token.error) return null;
  const current = needsRefresh(token) ? await refreshed(token) : token;
  if (!current.accessToken || current.error) return null;
  return {
    user: {
      id: token.sub,
      name: token.name ?? '',
      email: token.email ?? '',
      role: token.role ?? 'user',
    },
    accessToken: current.accessToken,
    token: current,
    ...(current === token ? {} : { renewed: current }),
  };
}

/** The session cookie's value for a token, as next-auth writes it (encrypted, idle maxAge). */
export const sessionCookieValue = (token: SessionToken) =>
  encode({ token, secret: authSecret(), maxAge: webConfig().sessionIdleSeconds });

/** Writes a session cookie (same name and flags as next-auth's own); `null` deletes it. */
export function setSessionCookie(response: NextResponse, value: string | null): void {
  const maxAge = value === null ? 0 : webConfig().sessionIdleSeconds;
  response.cookies.set(sessionCookieName(), value ?? '', {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: secureCookies(),
    maxAge,
  });
}

/** Writes a refreshed session cookie when the caller's token was renewed. */
export async function keepRenewed(response: NextResponse, caller: Caller): Promise<NextResponse> {
  if (caller.renewed) setSessionCookie(response, await sessionCookieValue(caller.renewed));
  return response;
}

/** The signed-in user in a server component, or null. */
export async function currentUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions());
  const user = session?.user as SessionUser | undefined;
  if (!user?.id || (session as { error?: string } | null)?.error) return null;
  return user;
}
