// Issue 17 §2: a distributed process does not start with /metrics open to anyone.
import { describe, expect, it } from 'vitest';
import { createRegistry, requiredMetricsExposure, scrapeAllowed } from '../src/index';

describe('the distributed mode’s /metrics exposure', () => {
  it('demands METRICS_TOKEN, or METRICS_DISABLED=true, and refuses neither', () => {
    expect(() => requiredMetricsExposure({})).toThrow(
      /METRICS_TOKEN is required.*METRICS_DISABLED/,
    );
    expect(() => requiredMetricsExposure({ METRICS_TOKEN: '  ' })).toThrow(/required/);
    expect(() => requiredMetricsExposure({ METRICS_DISABLED: 'no' })).toThrow(/required/);
    expect(() => requiredMetricsExposure({ METRICS_TOKEN: 'short' })).toThrow(/16 characters/);
    expect(requiredMetricsExposure({ METRICS_TOKEN: 'a-token-of-16-chars' })).toEqual({
      token: 'a-token-of-16-chars',
    });
    expect(requiredMetricsExposure({ METRICS_DISABLED: 'TRUE' })).toEqual({ disabled: true });
  });

  it('a disabled registry refuses every scrape, even one with a token', () => {
    const registry = createRegistry({ defaultMetrics: false, scrapesDisabled: true });
    expect(scrapeAllowed(registry, undefined)).toBe(false);
    expect(scrapeAllowed(registry, 'Bearer anything-at-all-here')).toBe(false);
  });
});
