import { type NextRequest, NextResponse } from 'next/server';
import { webConfig } from '@/server/config';
import { crossSite } from '@/server/same-origin';
import { callerOf, sessionCookieName } from '@/server/session';
import { revokeRefreshToken } from '@/server/tokens';

export const dynamic = 'force-dynamic';

/**
 * Signs out: revokes the refresh token (it would outlive the provider session), drops the session
 * cookie, and answers the provider's end-session URL for the browser to visit.
 */
export async function POST(request: NextRequest) {
  // Another site must not sign our users out (it revokes their refresh token).
  if (crossSite(request)) {
    return NextResponse.json(
      {
        type: 'urn:taskomask:problem:forbidden',
        title: 'Forbidden',
        status: 403,
        detail: 'cross-site requests are refused',
      },
      { status: 403, headers: { 'content-type': 'application/problem+json' } },
    );
  }
  const config = webConfig();
  const caller = await callerOf(request).catch(() => null);
  if (caller?.token.refreshToken)
    await revokeRefreshToken(caller.token.refreshToken).catch(() => {});
  const end = new URL(`${config.issuer}/session/end`);
  end.searchParams.set('client_id', config.clientId);
  end.searchParams.set('post_logout_redirect_uri', `${config.origin}/`);
  if (caller?.token.idToken) end.searchParams.set('id_token_hint', caller.token.idToken);
  const response = NextResponse.json({ url: end.toString() });
  response.cookies.set(sessionCookieName(), '', { path: '/', maxAge: 0 });
  return response;
}
