// The life of an API side run as its own process (commands/main.ts, queries/main.ts): read the
// configuration or exit, log, and close everything once on SIGTERM/SIGINT.
import {
  createLogger,
  exitOnProcessFailures,
  type Logger,
  type LogLevel,
  shutdownTracing,
} from '@taskomask/observability';
import { ConfigError, type Env } from './config';

/**
 * Reads the configuration — a bad one prints every problem and exits 1, without a stack — then
 * makes the process's logger, which also logs a fatal unhandled failure before exiting.
 */
export function startApiProcess<C extends { LOG_LEVEL: LogLevel }>(
  name: string,
  readConfig: (env: Env) => C,
): { config: C; logger: Logger } {
  const config = configOrExit(readConfig);
  const logger = createLogger({ level: config.LOG_LEVEL, name });
  exitOnProcessFailures(logger);
  return { config, logger };
}

function configOrExit<C>(readConfig: (env: Env) => C): C {
  try {
    return readConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

/** On the first SIGTERM or SIGINT: `close` (servers, then stores), flush traces, exit 0. */
export function closeOnSignals(logger: Logger, close: () => Promise<void>): void {
  async function shutdown(signal: string): Promise<void> {
    logger.info({ signal }, 'shutting down');
    await close();
    await shutdownTracing();
    process.exit(0);
  }
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}
