// The command side as its own process: `tsx apps/api/src/commands/main.ts`.
import './tracing-setup';
import { eventStoreFromUrl } from '@taskomask/eventstore';
import { distributedRegistryOrExit } from '@taskomask/observability';
import { authOptionsFrom } from '../http/config';
import { closeOnSignals, startApiProcess } from '../http/process';
import { buildCommandApi } from './api';
import { readCommandConfig } from './config';

const { config, logger } = startApiProcess('api-commands', readCommandConfig);
const eventStore = await eventStoreFromUrl(config.EVENT_STORE_URL);
const app = buildCommandApi({
  eventStore,
  auth: authOptionsFrom(config),
  logger,
  metrics: distributedRegistryOrExit(process.env),
});

closeOnSignals(logger, async () => {
  await app.close();
  await eventStore.close();
});

await app.listen({ host: config.COMMAND_HOST, port: config.COMMAND_PORT });
