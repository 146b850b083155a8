import { describe, expect, it } from 'vitest';
import { readWebhooksConfig, webhookSettings } from '../src/config';

describe('the webhook process’s configuration', () => {
  it('refuses private receivers, waits 5 s and retries for 24 h unless told otherwise', () => {
    const settings = webhookSettings(readWebhooksConfig({}));
    expect(settings.limits).toEqual({
      allowPrivate: false,
      timeoutMs: 5_000,
      maxRequestBytes: 262_144,
    });
    expect(settings.retry).toEqual({ baseMs: 10_000, maxMs: 3_600_000, windowMs: 86_400_000 });
    expect(settings.queue).toBe('webhooks');
  });

  it('allows private receivers only when WEBHOOKS_ALLOW_PRIVATE is true or 1', () => {
    for (const value of ['true', '1']) {
      expect(readWebhooksConfig({ WEBHOOKS_ALLOW_PRIVATE: value }).WEBHOOKS_ALLOW_PRIVATE).toBe(
        true,
      );
    }
    expect(readWebhooksConfig({ WEBHOOKS_ALLOW_PRIVATE: 'false' }).WEBHOOKS_ALLOW_PRIVATE).toBe(
      false,
    );
    expect(() => readWebhooksConfig({ WEBHOOKS_ALLOW_PRIVATE: 'yes' })).toThrow(
      /WEBHOOKS_ALLOW_PRIVATE/,
    );
    expect(() => readWebhooksConfig({ WEBHOOKS_STORE_URL: 'redis://x' })).toThrow(
      /WEBHOOKS_STORE_URL/,
    );
  });
});
