// The command side as its own process: `tsx apps/api/src/commands/main.ts`.
import './tracing-setup';
import { eventStoreFromUrl } from '@taskomask/eventstore';
import {
  createLogger,
  distributedRegistryOrExit,
  exitOnProcessFailures,
  shutdownTracing,
} from '@taskomask/observability';
import { authOptionsFrom, ConfigError } from '../http/config';
import { buildCommandApi } from './api';
import { type CommandConfig, readCommandConfig } from './config';

function configOrExit(): CommandConfig {
  try {
    return readCommandConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

const config = configOrExit();
const logger = createLogger({ level: config.LOG_LEVEL, name: 'api-commands' });
exitOnProcessFailures(logger);
const eventStore = await eventStoreFromUrl(config.EVENT_STORE_URL);
const app = buildCommandApi({
  eventStore,
  auth: authOptionsFrom(config),
  logger,
  metrics: distributedRegistryOrExit(process.env),
});

async function shutdown(signal: string): Promise<void> {
  logger.info({ signal }, 'shutting down');
  await app.close();
  await eventStore.close();
  await shutdownTracing();
  process.exit(0);
}
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));

await app.listen({ host: config.COMMAND_HOST, port: config.COMMAND_PORT });
