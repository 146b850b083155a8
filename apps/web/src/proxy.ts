import { type NextRequest, NextResponse } from 'next/server';
import { contentSecurityPolicy, newNonce } from '@/server/content-security-policy';
import { renewedSessionCookie } from '@/server/renew-session';
import { sessionCookieName, setSessionCookie } from '@/server/session';

/**
 * Every page view gets a nonce and a Content-Security-Policy naming it. The policy goes on the
 * request too: Next.js reads it there to put the nonce on the scripts it renders.
 * An access token about to expire is refreshed here, where the response can save the rotated
 * refresh token; the page or route below reads the new cookie from the request.
 */
export async function proxy(request: NextRequest) {
  const renewal = await renewedSessionCookie(request);
  if (renewal) {
    if (renewal.value === null) request.cookies.delete(sessionCookieName());
    else request.cookies.set(sessionCookieName(), renewal.value);
  }
  const policy = contentSecurityPolicy(newNonce());
  const headers = new Headers(request.headers);
  headers.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', policy);
  if (renewal) setSessionCookie(response, renewal.value);
  return response;
}

export const config = {
  matcher: [
    {
      // Built assets are files, not pages; prefetches carry no HTML of their own.
      source: '/((?!_next/static|_next/image|favicon.ico).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
