// `npm run start:distributed`: each app its own process, against Redis and RabbitMQ (and MongoDB
// when READ_STORE_URL names one). The servers must be running; docker-compose.yml has them.
import { loadConfig } from '@taskomask/config';
import { z } from 'zod';
import { startDistributed } from './start-distributed';

const config = loadConfig(
  z.object({
    EVENT_STORE_URL: z
      .string()
      .regex(/^rediss?:\/\//, 'must be redis://… in distributed mode')
      .default('redis://127.0.0.1:6379'),
    BUS_URL: z
      .string()
      .regex(/^amqps?:\/\//, 'must be amqp://… in distributed mode')
      .default('amqp://guest:guest@127.0.0.1:5672'),
    READ_STORE_URL: z
      .string()
      .regex(/^(mongodb(\+srv)?:\/\/|sqlite:)/, 'must be mongodb://… or sqlite:<path>')
      .default('sqlite:./data/distributed-read.db'),
    WEBHOOKS_STORE_URL: z
      .string()
      .regex(/^(mongodb(\+srv)?:\/\/|sqlite:)/, 'must be mongodb://… or sqlite:<path>')
      .default('sqlite:./data/distributed-webhooks.db'),
    IDENTITY_STORE_URL: z
      .string()
      .regex(/^(rediss?:\/\/|sqlite:)/, 'must be redis://… or sqlite:<path>')
      .default('redis://127.0.0.1:6379'),
  }),
);

const system = await startDistributed({
  eventStoreUrl: config.EVENT_STORE_URL,
  busUrl: config.BUS_URL,
  readStoreUrl: config.READ_STORE_URL,
  identityStoreUrl: config.IDENTITY_STORE_URL,
  webhookStoreUrl: config.WEBHOOKS_STORE_URL,
  env: process.env,
});
console.log(`TaskoMask (distributed) is running:
  ${system.apps.map((a) => a.name).join(', ')} — one process each
  identity ${system.urls.identity}   commands ${system.urls.commands}   queries ${system.urls.queries}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await system.stop();
    process.exit(0);
  });
}
