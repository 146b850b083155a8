// The identity service as its own process (distributed mode): `tsx apps/identity/src/main.ts`.
import './tracing-setup';
import {
  createLogger,
  distributedRegistryOrExit,
  exitOnProcessFailures,
  type LogLevel,
  shutdownTracing,
} from '@taskomask/observability';
import { ConfigError, readIdentityConfig } from './config';
import { openIdentity } from './open-identity';

let config: ReturnType<typeof readIdentityConfig>;
try {
  config = readIdentityConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(78); // EX_CONFIG
}

const levels: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const level = levels.find((l) => l === process.env.LOG_LEVEL) ?? 'info';
// METRICS_TOKEN (or METRICS_DISABLED=true) is required: without either this exits.
const metrics = distributedRegistryOrExit(process.env);
const logger = createLogger({ name: 'identity', level });
exitOnProcessFailures(logger);
const opened = await openIdentity(config, {
  logger,
  metrics,
});
await opened.identity.app.listen({ host: '0.0.0.0', port: config.port });
opened.identity.app.log.info(
  { issuer: config.issuer, audience: config.apiAudience },
  'identity service listening',
);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    opened
      .close()
      .then(shutdownTracing)
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
  });
}
