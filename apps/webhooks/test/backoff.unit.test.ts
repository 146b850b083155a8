import { describe, expect, it } from 'vitest';
import { defaultRetryPolicy, nextAttemptAt, retryDelayMs } from '../src/backoff';

describe('webhook retry schedule', () => {
  it('doubles from 10 s up to 1 h, with half of each wait random', () => {
    const low = [1, 2, 3, 4, 5, 9, 10, 30].map((n) => retryDelayMs(defaultRetryPolicy, n, 0));
    const high = [1, 2, 3, 4, 5, 9, 10, 30].map((n) =>
      retryDelayMs(defaultRetryPolicy, n, 0.999999),
    );
    expect(low).toEqual([5_000, 10_000, 20_000, 40_000, 80_000, 1_280_000, 1_800_000, 1_800_000]);
    expect(high.map((ms) => Math.round(ms / 1000))).toEqual([
      10, 20, 40, 80, 160, 2560, 3600, 3600,
    ]);
  });

  it('gives up once the next try would be more than 24 h after the first', () => {
    const first = Date.UTC(2026, 0, 1);
    const hour = 3_600_000;
    expect(nextAttemptAt(defaultRetryPolicy, first, 20, first + 22 * hour, 0.5)).toBe(
      first + 22 * hour + 2_700_000,
    );
    expect(nextAttemptAt(defaultRetryPolicy, first, 25, first + 23.5 * hour, 0.5)).toBeNull();
    // A whole 24 h of failures: about 30 attempts, never after the window.
    let at = first;
    let attempts = 0;
    for (;;) {
      attempts++;
      const next = nextAttemptAt(defaultRetryPolicy, first, attempts, at, 0.5);
      if (next === null) break;
      at = next;
    }
    expect(at - first).toBeLessThanOrEqual(24 * hour);
    expect(attempts).toBeGreaterThan(20);
    console.log(`a delivery failing for 24 h is tried ${attempts} times`);
  });
});
