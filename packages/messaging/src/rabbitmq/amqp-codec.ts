import type { Message, MessagePropertyHeaders, Options } from 'amqplib';
import type { EncodedMessage } from '../message-codec';
import type { DeadLetter, IncomingMessage } from '../port';

/** Headers the broker sets for its own bookkeeping; they are not the publisher's headers. */
const BROKER_HEADERS = new Set(['x-death', 'x-delivery-count', 'x-acquired-count']);
const BROKER_HEADER_PREFIXES = ['x-first-death-', 'x-last-death-'];

export function publishOptions(message: EncodedMessage): Options.Publish {
  return {
    messageId: message.messageId,
    headers: message.headers,
    contentType: 'application/json',
    contentEncoding: 'utf-8',
    correlationId: message.headers['correlation-id'],
    timestamp: Math.floor(Date.now() / 1000),
    persistent: true,
    // With the alternate exchange, a return means that not even the unrouted queue took it.
    mandatory: true,
  };
}

/** undefined for a message no handler could ever process: no id, or a body that is not JSON. */
export function decodeDelivery(raw: Message): IncomingMessage | undefined {
  const messageId: unknown = raw.properties.messageId;
  if (typeof messageId !== 'string' || messageId.length === 0) return undefined;
  const body = parseJson(raw.content);
  if (body === NOT_JSON) return undefined;
  const rawHeaders: MessagePropertyHeaders = raw.properties.headers ?? {};
  // RabbitMQ 3.x quorum queues count every earlier delivery in x-delivery-count; 4.x counts only
  // failed ones there and all of them in x-acquired-count.
  const previous = Math.max(
    countHeader(rawHeaders['x-delivery-count']),
    countHeader(rawHeaders['x-acquired-count']),
  );
  const deliveryCount = previous > 0 ? previous + 1 : raw.fields.redelivered ? 2 : 1;
  return {
    messageId,
    routingKey: raw.fields.routingKey,
    body,
    headers: userHeaders(rawHeaders),
    deliveryCount,
    redelivered: raw.fields.redelivered || deliveryCount > 1,
  };
}

export function decodeDeadLetter(raw: Message, defaultReason: DeadLetter['reason']): DeadLetter {
  const rawHeaders: MessagePropertyHeaders = raw.properties.headers ?? {};
  const deaths = Array.isArray(rawHeaders['x-death']) ? rawHeaders['x-death'] : [];
  // x-death lists the newest death first; the oldest one holds the key it was published with.
  const firstDeath = deaths[deaths.length - 1];
  const body = parseJson(raw.content);
  const reason: unknown = rawHeaders['x-first-death-reason'] ?? firstDeath?.reason;
  const messageId: unknown = raw.properties.messageId;
  return {
    messageId: typeof messageId === 'string' ? messageId : '',
    routingKey: firstDeath?.['routing-keys']?.[0] ?? raw.fields.routingKey,
    body: body === NOT_JSON ? raw.content.toString('utf8') : body,
    headers: userHeaders(rawHeaders),
    reason: typeof reason === 'string' ? reason : defaultReason,
  };
}

const NOT_JSON = Symbol('not JSON');

function parseJson(content: Buffer): unknown {
  try {
    return JSON.parse(content.toString('utf8'));
  } catch {
    return NOT_JSON;
  }
}

function countHeader(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  return 0;
}

function userHeaders(headers: MessagePropertyHeaders): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (BROKER_HEADERS.has(name) || BROKER_HEADER_PREFIXES.some((p) => name.startsWith(p))) {
      continue;
    }
    if (typeof value === 'string') result[name] = value;
    else if (Buffer.isBuffer(value)) result[name] = value.toString('utf8');
    else if (typeof value === 'number' || typeof value === 'boolean') result[name] = String(value);
  }
  return result;
}
