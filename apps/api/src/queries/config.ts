import { storeUrls } from '@taskomask/config';
import { z } from 'zod';
import { apiProcessVariables, type Env, portVariable, readConfig } from '../http/config';
import { defaultMinPositionWaitMs } from './read-position';

const waitReason = 'must be a number of milliseconds from 0 to 30000';

const queryConfigSchema = z.object({
  READ_STORE_URL: storeUrls.READ_STORE_URL,
  /**
   * The event store, read only to check personal API tokens (and list them at /me/tokens) as
   * the command side wrote them: a revocation holds on the next request. Unset: they are refused.
   */
  EVENT_STORE_URL: z
    .string()
    .regex(/^(rediss?:\/\/.+|sqlite:.+)$/, {
      error: 'must be redis://host:port[/db] or sqlite:<path>',
    })
    .optional(),
  /** The webhook delivery process's store (apps/webhooks): webhook lists and logs. Unset: none. */
  WEBHOOKS_STORE_URL: z
    .string()
    .regex(/^(mongodb(\+srv)?:\/\/|sqlite:)/, { error: 'must be mongodb://… or sqlite:<path>' })
    .optional(),
  QUERY_HOST: z.string().min(1).default('127.0.0.1'),
  QUERY_PORT: portVariable(3002),
  /** gRPC (BoardQueries, TaskQueries) for apps/web's server-side rendering; host: QUERY_HOST's. */
  GRPC_HOST: z.string().min(1).optional(),
  GRPC_PORT: portVariable(50051),
  /** How long a query with minPosition waits for the projector before answering stale. */
  QUERY_MIN_POSITION_WAIT_MS: z.coerce
    .number({ error: waitReason })
    .int({ error: waitReason })
    .min(0, { error: waitReason })
    .max(30_000, { error: waitReason })
    .default(defaultMinPositionWaitMs),
  /** Socket.IO on QUERY_PORT: the secret the web app signs socket tickets with. Unset: off. */
  REALTIME_SECRET: z.string().min(32, { error: 'must be at least 32 characters' }).optional(),
  /** Shares rooms between instances and carries the projector's notices (distributed mode). */
  REALTIME_REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, { error: 'must be redis://…' })
    .optional(),
  /** Origins browsers open sockets from (the web app), comma-separated. */
  REALTIME_CORS_ORIGINS: z
    .string()
    .default('http://localhost:3000')
    .transform((list) =>
      list
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    ),
  ...apiProcessVariables,
});

export type QueryConfig = Omit<z.infer<typeof queryConfigSchema>, 'GRPC_HOST'> & {
  GRPC_HOST: string;
};

/** The query side's configuration, read once; a ConfigError names every bad variable. */
export function readQueryConfig(env: Env): QueryConfig {
  const config = readConfig(queryConfigSchema, env);
  // In a container QUERY_HOST is 0.0.0.0, and gRPC must be reachable there too.
  return { ...config, GRPC_HOST: config.GRPC_HOST ?? config.QUERY_HOST };
}
