/**
 * When an access token should be renewed: 30 s before it expires, or a quarter of its lifetime
 * before when it lives less than two minutes (a short test configuration would otherwise
 * refresh on every request). Without an expiry there is nothing to renew.
 */
export function refreshDue(
  token: Readonly<{ expiresAt?: number; expiresIn?: number }>,
  nowMs: number,
): boolean {
  if (typeof token.expiresAt !== 'number') return false;
  const lifetime =
    typeof token.expiresIn === 'number' && token.expiresIn > 0 ? token.expiresIn : 600;
  const marginMs = Math.min(30, lifetime / 4) * 1000;
  return token.expiresAt * 1000 - marginMs <= nowMs;
}
