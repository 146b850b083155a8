// What tests and benches leave on the shared servers, removed by name: their own key prefix,
// queues and exchanges, nothing else.
import { connect } from 'amqplib';
import { Redis } from 'ioredis';

/** Deletes every Redis key under `prefix` (SCAN, not KEYS: the shared server keeps serving). */
export async function deleteRedisKeys(url: string, prefix: string): Promise<void> {
  if (prefix.length < 8)
    throw new Error(`refusing to delete keys under the short prefix "${prefix}"`);
  const redis = new Redis(url);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(
        cursor,
        'MATCH',
        `${escapeGlob(prefix)}*`,
        'COUNT',
        1000,
      );
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
}

/**
 * Deletes a bus topology as `rabbitMqBus` declares it: each queue with its `<queue>.dlq`, the
 * exchange, and its alternate exchange `<exchange>.unrouted` with the queue of the same name.
 */
export async function deleteBusTopology(
  url: string,
  { exchange, queues }: { exchange: string; queues: readonly string[] },
): Promise<void> {
  const connection = await connect(url);
  try {
    const channel = await connection.createChannel();
    for (const queue of queues) {
      await channel.deleteQueue(queue);
      await channel.deleteQueue(`${queue}.dlq`);
    }
    await channel.deleteQueue(`${exchange}.unrouted`);
    await channel.deleteExchange(exchange);
    await channel.deleteExchange(`${exchange}.unrouted`);
    await channel.close();
  } finally {
    await connection.close();
  }
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}

/** `url` with one more query parameter, e.g. `?prefix=` or `?exchange=` for a child process. */
export function withQuery(url: string, name: string, value: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}${name}=${encodeURIComponent(value)}`;
}
