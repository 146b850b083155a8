import type { NextRequest, NextResponse } from 'next/server';
import { getServerSession } from 'next-auth';
import { encode, getToken, type JWT } from 'next-auth/jwt';
import { authOptions, type SessionUser } from '../auth/options';
import { authSecret, webConfig } from './config';
import { needsRefresh, refreshed, type SessionTokens } from './tokens';

const maxAge = 30 * 24 * 60 * 60;
const secureCookies = () => webConfig().origin.startsWith('https://');
export const sessionCookieName = () =>
  secureCookies() ? '__Secure-next-auth.session-token' : 'next-auth.session-token';

export type Caller = Readonly<{
  user: SessionUser;
  accessToken: string;
  /** Set when the access token was refreshed: the response must carry the new cookie. */
  renewed?: JWT & SessionTokens;
  token: JWT & SessionTokens;
}>;

/** The signed-in caller of a BFF request, refreshing the access token when it is about to expire. */
export async function callerOf(request: NextRequest): Promise<Caller | null> {
  const token = (await getToken({
    req: request,
    secret: authSecret(),
    secureCookie: secureCookies(),
  })) as (JWT & SessionTokens) | null;
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

/** Writes a refreshed session cookie (same name and flags as next-auth's own). */
export async function keepRenewed(response: NextResponse, caller: Caller): Promise<NextResponse> {
  if (!caller.renewed) return response;
  const value = await encode({ token: caller.renewed, secret: authSecret(), maxAge });
  response.cookies.set(sessionCookieName(), value, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: secureCookies(),
    maxAge,
  });
  return response;
}

/** The signed-in user in a server component, or null. */
export async function currentUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions());
  const user = session?.user as SessionUser | undefined;
  if (!user?.id || (session as { error?: string } | null)?.error) return null;
  return user;
}
