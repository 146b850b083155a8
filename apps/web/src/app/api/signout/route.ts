import { type NextRequest, NextResponse } from 'next/server';
import { webConfig } from '@/server/config';
import { crossSite } from '@/server/same-origin';
import { sessionTokenOf, setSessionCookie } from '@/server/session';
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
  // The cookie as it is, not refreshed: a refresh now would only mint a token to revoke.
  const token = await sessionTokenOf(request).catch(() => null);
  if (token?.refreshToken) await revokeRefreshToken(token.refreshToken).catch(() => {});
  const end = new URL(`${config.issuer}/session/end`);
  end.searchParams.set('client_id', config.clientId);
  end.searchParams.set('post_logout_redirect_uri', `${config.origin}/`);
  // The hint tells the provider we asked: it signs out without asking again (provider.ts).
  if (token?.idToken) end.searchParams.set('id_token_hint', token.idToken);
  const response = NextResponse.json({ url: end.toString() });
  setSessionCookie(response, null);
  return response;
}
