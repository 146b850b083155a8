import { inProcessBus } from './in-process/in-process-bus';
import type { MessageBus } from './port';
import { type RabbitMqBusOptions, rabbitMqBus } from './rabbitmq/rabbit-mq-bus';

/** `amqp://…` / `amqps://…` for RabbitMQ, `memory:` for the in-process bus (BUS_URL). */
export async function busFromUrl(
  url: string,
  options: Omit<RabbitMqBusOptions, 'url'> = {},
): Promise<MessageBus> {
  if (url.startsWith('amqp://') || url.startsWith('amqps://'))
    return rabbitMqBus({ url, ...options });
  if (url === 'memory:') return inProcessBus();
  throw new Error(
    `BUS_URL must start with amqp:// or amqps://, or be memory:, got "${url.replace(/\/\/[^@/]*@/, '//***@')}"`,
  );
}
