import { loadConfig, storeUrls } from '@taskomask/config';
import { metricsTokenReason } from '@taskomask/observability';
import { z } from 'zod';

/** The projector's environment (distributed mode), read once at start. */
export const projectorConfigSchema = z.object({
  ...storeUrls,
  PROJECTOR_QUEUE: z
    .string()
    .regex(/^[\w.-]{1,100}$/)
    .default('projector'),
  PROJECTOR_PREFETCH: z.coerce.number().int().min(1).max(5_000).default(500),
  /**
   * Serves /health/live, /health/ready and /metrics when set (containers); off by default. 0
   * picks a free port (logged at start).
   */
  HEALTH_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /**
   * Readiness bound: /health/ready answers 503 while the read store is more than this many
   * events behind the log's head (queries would answer stale), and 200 again once it caught up.
   */
  PROJECTOR_MAX_LAG_EVENTS: z.coerce.number().int().min(1).default(10_000),
  /** Where the query side listens for board notices (Socket.IO); none: notices are dropped. */
  REALTIME_REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be redis://…')
    .optional(),
  /** When set, /metrics demands it as a bearer token. */
  METRICS_TOKEN: z.string().min(16, metricsTokenReason).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type ProjectorConfig = z.infer<typeof projectorConfigSchema>;

export const readProjectorConfig = (env: Record<string, string | undefined> = process.env) =>
  loadConfig(projectorConfigSchema, env);
