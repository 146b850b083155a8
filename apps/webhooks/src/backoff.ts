/** How long retries wait: exponential from `baseMs`, capped at `maxMs`, for `windowMs` in all. */
export type RetryPolicy = Readonly<{ baseMs: number; maxMs: number; windowMs: number }>;

export const defaultRetryPolicy: RetryPolicy = {
  baseMs: 10_000,
  maxMs: 60 * 60_000,
  windowMs: 24 * 60 * 60_000,
};

/**
 * The wait after the `failures`-th failed attempt: base·2^(failures−1), capped, with "equal
 * jitter" (half fixed, half random) so hooks that failed together do not retry together.
 * `random` is in [0, 1).
 */
export function retryDelayMs(policy: RetryPolicy, failures: number, random: number): number {
  const exponential = policy.baseMs * 2 ** Math.max(0, Math.min(failures - 1, 40));
  const capped = Math.min(exponential, policy.maxMs);
  return Math.round(capped / 2 + (capped / 2) * random);
}

/**
 * When to try again after a failure at `nowMs`, or null to give up: a delivery is retried until
 * `windowMs` after its first attempt, and not after.
 */
export function nextAttemptAt(
  policy: RetryPolicy,
  firstAttemptMs: number,
  failures: number,
  nowMs: number,
  random: number,
): number | null {
  const at = nowMs + retryDelayMs(policy, failures, random);
  return at - firstAttemptMs > policy.windowMs ? null : at;
}
