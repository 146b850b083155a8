import { redact, takeQueryParam } from '@taskomask/config';
import type { MessageBus } from './port';
import type { RabbitMqBusOptions } from './rabbitmq/index';

/**
 * `amqp://…[?exchange=<name>]` / `amqps://…` for RabbitMQ, `memory:` for the in-process bus
 * (BUS_URL). `exchange` names the topic exchange, so a process can be pointed at its own through
 * its environment alone (tests do); an explicit `exchange` option wins over it. Only the chosen
 * adapter is loaded: a process on the in-process bus never loads amqplib.
 */
export async function busFromUrl(
  url: string,
  options: Omit<RabbitMqBusOptions, 'url'> = {},
): Promise<MessageBus> {
  if (url.startsWith('amqp://') || url.startsWith('amqps://')) {
    const parsed = amqpUrlOptions(url);
    const { rabbitMqBus } = await import('./rabbitmq/index');
    return rabbitMqBus({
      ...options,
      url: parsed.url,
      exchange: options.exchange ?? parsed.exchange,
    });
  }
  if (url === 'memory:') {
    const { inProcessBus } = await import('./in-process/index');
    return inProcessBus();
  }
  throw new Error(
    `BUS_URL must start with amqp:// or amqps://, or be memory:, got "${redact(url)}"`,
  );
}

// What RabbitMQ accepts as an exchange name (AMQP 0-9-1 shortstr, restricted characters).
const EXCHANGE_NAME = /^[\w.:-]{1,255}$/;

/** Splits our own `exchange` query parameter off an AMQP URL; the rest goes to amqplib as is. */
export function amqpUrlOptions(url: string): { url: string; exchange?: string } {
  const { rest, values } = takeQueryParam(url, 'exchange');
  if (values.length > 1) throw new Error(`BUS_URL names exchange twice: "${redact(url)}"`);
  const [exchange] = values;
  if (exchange === undefined) return { url: rest };
  if (!EXCHANGE_NAME.test(exchange)) {
    throw new Error(
      `BUS_URL exchange must be 1–255 letters, digits, ".", "_", ":" or "-": "${redact(url)}"`,
    );
  }
  return { url: rest, exchange };
}
