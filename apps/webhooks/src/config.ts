import { loadConfig, storeUrls } from '@taskomask/config';
import { z } from 'zod';

const flag = z
  .enum(['true', 'false', '1', '0'])
  .default('false')
  .transform((v) => v === 'true' || v === '1');

/** The webhook process's environment (distributed mode), read once at start. */
export const webhooksConfigSchema = z.object({
  EVENT_STORE_URL: storeUrls.EVENT_STORE_URL,
  BUS_URL: storeUrls.BUS_URL,
  /** Its own store for queue and log: `sqlite:<path>` or `mongodb://…` (not the projector's). */
  WEBHOOKS_STORE_URL: z
    .string()
    .regex(/^(sqlite:|mongodb(\+srv)?:\/\/)/, 'must be sqlite:<path> or mongodb://…')
    .default('sqlite:./data/webhooks.db'),
  WEBHOOKS_QUEUE: z
    .string()
    .regex(/^[\w.-]{1,100}$/)
    .default('webhooks'),
  /** Let hooks reach private, loopback and link-local addresses (tests, closed networks). */
  WEBHOOKS_ALLOW_PRIVATE: flag,
  WEBHOOKS_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(5_000),
  WEBHOOKS_MAX_BODY_BYTES: z.coerce.number().int().min(1_024).max(10_485_760).default(262_144),
  /** First retry wait; doubles up to WEBHOOKS_RETRY_MAX_MS, for WEBHOOKS_RETRY_WINDOW_MS. */
  WEBHOOKS_RETRY_BASE_MS: z.coerce.number().int().min(1).default(10_000),
  WEBHOOKS_RETRY_MAX_MS: z.coerce.number().int().min(1).default(3_600_000),
  WEBHOOKS_RETRY_WINDOW_MS: z.coerce.number().int().min(1).default(86_400_000),
  WEBHOOKS_POLL_MS: z.coerce.number().int().min(10).default(1_000),
  /** Serves /health/live and /health/ready when set (containers). */
  HEALTH_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type WebhooksConfig = z.infer<typeof webhooksConfigSchema>;

export const readWebhooksConfig = (env: Record<string, string | undefined> = process.env) =>
  loadConfig(webhooksConfigSchema, env);

/** The options of startWebhooks that the environment sets. */
export function webhookSettings(config: WebhooksConfig) {
  return {
    queue: config.WEBHOOKS_QUEUE,
    pollMs: config.WEBHOOKS_POLL_MS,
    limits: {
      allowPrivate: config.WEBHOOKS_ALLOW_PRIVATE,
      timeoutMs: config.WEBHOOKS_TIMEOUT_MS,
      maxRequestBytes: config.WEBHOOKS_MAX_BODY_BYTES,
    },
    retry: {
      baseMs: config.WEBHOOKS_RETRY_BASE_MS,
      maxMs: config.WEBHOOKS_RETRY_MAX_MS,
      windowMs: config.WEBHOOKS_RETRY_WINDOW_MS,
    },
  };
}
