import { createHmac, timingSafeEqual } from 'node:crypto';
// Shared by the web app (which mints tickets) and the realtime server (which checks them).

/**
 * A socket ticket: what the web app's BFF hands the browser instead of an access token. It is
 * good for one thing (opening a Socket.IO connection) for a minute, signed with a secret the BFF
 * and the realtime server share: `v1.<base64url JSON>.<base64url HMAC-SHA256>`.
 */
export type SocketTicket = Readonly<{ sub: string; name: string; exp: number; aud: string }>;

export const ticketAudience = 'taskomask-realtime';
const prefix = 'v1.';

const sign = (secret: string, body: string) =>
  createHmac('sha256', secret).update(`${prefix}${body}`).digest('base64url');

export function mintTicket(
  secret: string,
  user: Readonly<{ id: string; name: string }>,
  nowMs: number,
  ttlSec = 60,
): string {
  const ticket: SocketTicket = {
    sub: user.id,
    name: user.name,
    exp: Math.floor(nowMs / 1000) + ttlSec,
    aud: ticketAudience,
  };
  const body = Buffer.from(JSON.stringify(ticket)).toString('base64url');
  return `${prefix}${body}.${sign(secret, body)}`;
}

export const isTicket = (token: string) => token.startsWith(prefix);

/** The ticket's claims, or null when it is forged, malformed, for another audience or expired. */
export function verifyTicket(secret: string, token: string, nowMs: number): SocketTicket | null {
  if (!isTicket(token)) return null;
  const [body, mac] = token.slice(prefix.length).split('.');
  if (!body || !mac) return null;
  const expected = Buffer.from(sign(secret, body));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  // Signed but not claims (null, a string…): refused like any bad ticket, not a TypeError.
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) return null;
  const { sub, name, exp, aud } = claims as Partial<Record<keyof SocketTicket, unknown>>;
  if (aud !== ticketAudience || typeof sub !== 'string' || sub === '') return null;
  if (typeof exp !== 'number' || exp * 1000 < nowMs) return null;
  return { sub, name: typeof name === 'string' ? name : '', exp, aud };
}
