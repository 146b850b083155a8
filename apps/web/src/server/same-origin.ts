import type { NextRequest } from 'next/server';
import { webConfig } from './config';

/**
 * Whether a state-changing request comes from another site: its Origin is not ours (or, without
 * an Origin, the browser says cross-site). On top of the SameSite=Lax session cookie.
 */
export function crossSite(request: NextRequest): boolean {
  const origin = request.headers.get('origin');
  if (origin === null) return request.headers.get('sec-fetch-site') === 'cross-site';
  return origin !== webConfig().origin && origin !== request.nextUrl.origin;
}
