import { createHash } from 'node:crypto';
import type { RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import type { IdentityStore } from './store/port';

export type LimitRule = Readonly<{
  /** Failed attempts allowed within the window… */
  attempts: number;
  windowSeconds: number;
  /** …after which the key is locked this long. */
  lockSeconds: number;
}>;

export type LoginLimits = Readonly<{ perAccount: LimitRule; perIp: LimitRule }>;

export const defaultLoginLimits: LoginLimits = {
  perAccount: { attempts: 5, windowSeconds: 15 * 60, lockSeconds: 15 * 60 },
  perIp: { attempts: 50, windowSeconds: 60 * 60, lockSeconds: 60 * 60 },
};

export type Lock = Readonly<{ retryAfterSeconds: number; scope: 'account' | 'ip' }>;

export interface LoginLimiter {
  /** The lock in force for this email or this IP, or null. */
  lockFor(email: string, ip: string): Promise<Lock | null>;
  /** Counts a failed attempt against both; returns the lock it set off, if any. */
  failed(email: string, ip: string): Promise<Lock | null>;
  /** A successful sign-in clears the account's failures (not the IP's). */
  succeeded(email: string): Promise<void>;
}

/**
 * Brute-force protection with rate-limiter-flexible on the identity store (SQLite embedded, Redis
 * distributed, so every instance shares the counts). Accounts are keyed by a hash of the
 * lower-cased email — known or not, so a lock reveals nothing — and IPs as they are.
 */
export function createLoginLimiter(
  store: IdentityStore,
  limits: LoginLimits = defaultLoginLimits,
): LoginLimiter {
  const byAccount = store.rateLimiter({
    name: 'login_account',
    points: limits.perAccount.attempts,
    duration: limits.perAccount.windowSeconds,
  });
  const byIp = store.rateLimiter({
    name: 'login_ip',
    points: limits.perIp.attempts,
    duration: limits.perIp.windowSeconds,
  });
  const accountKey = (email: string) =>
    createHash('sha256').update(email.trim().toLowerCase()).digest('hex');

  const lockOf = (res: RateLimiterRes | null, rule: LimitRule, scope: Lock['scope']) =>
    res !== null && res.consumedPoints >= rule.attempts
      ? { scope, retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) }
      : null;

  async function fail(
    limiter: RateLimiterAbstract,
    key: string,
    rule: LimitRule,
    scope: Lock['scope'],
  ) {
    // consume rejects with the RateLimiterRes once over the limit, with an Error when the store fails.
    const res = await limiter.consume(key).catch((rejection: unknown) => {
      if (rejection instanceof Error) throw rejection;
      return rejection as RateLimiterRes;
    });
    if (res.consumedPoints < rule.attempts) return null;
    if (res.consumedPoints === rule.attempts) await limiter.block(key, rule.lockSeconds);
    return lockOf(await limiter.get(key), rule, scope);
  }

  return {
    async lockFor(email, ip) {
      const [account, address] = await Promise.all([
        byAccount.get(accountKey(email)),
        byIp.get(ip),
      ]);
      return lockOf(account, limits.perAccount, 'account') ?? lockOf(address, limits.perIp, 'ip');
    },
    async failed(email, ip) {
      const [account, address] = await Promise.all([
        fail(byAccount, accountKey(email), limits.perAccount, 'account'),
        fail(byIp, ip, limits.perIp, 'ip'),
      ]);
      return account ?? address;
    },
    async succeeded(email) {
      await byAccount.delete(accountKey(email));
    },
  };
}
