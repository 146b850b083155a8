import type {
  ConsumeOptions,
  DeadLetter,
  IncomingMessage,
  OutgoingMessage,
  ReadOptions,
} from './port';
import { assertRoutingKey } from './topic';

export type EncodedMessage = {
  messageId: string;
  routingKey: string;
  /** The body as JSON text. */
  json: string;
  headers: Record<string, string>;
};

/** Checks a whole batch before anything is sent, so an invalid batch publishes nothing. */
export function encodeBatch(messages: OutgoingMessage[]): EncodedMessage[] {
  if (!Array.isArray(messages)) throw new TypeError('publish takes an array of messages');
  return messages.map(encodeMessage);
}

function encodeMessage(message: OutgoingMessage, index: number): EncodedMessage {
  const where = `message ${index}`;
  if (typeof message?.messageId !== 'string' || message.messageId.length === 0) {
    throw new TypeError(`${where}: messageId must be a non-empty string`);
  }
  assertRoutingKey(message.routingKey);
  let json: string | undefined;
  try {
    json = JSON.stringify(message.body);
  } catch (error) {
    throw new TypeError(`${where} (${message.messageId}): body is not JSON: ${String(error)}`);
  }
  if (json === undefined) {
    throw new TypeError(`${where} (${message.messageId}): body is not JSON (undefined)`);
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (typeof value !== 'string') {
      throw new TypeError(`${where} (${message.messageId}): header "${name}" is not a string`);
    }
    headers[name] = value;
  }
  return { messageId: message.messageId, routingKey: message.routingKey, json, headers };
}

export type ResolvedConsumeOptions = {
  prefetch: number;
  maxDeliveries: number;
  concurrency: number;
  orderingKey: (message: IncomingMessage) => string;
};

export function resolveConsumeOptions(options: ConsumeOptions = {}): ResolvedConsumeOptions {
  const prefetch = positiveInteger('prefetch', options.prefetch ?? 20);
  const maxDeliveries = positiveInteger('maxDeliveries', options.maxDeliveries ?? 10);
  const concurrency = positiveInteger('concurrency', options.concurrency ?? 1);
  return { prefetch, maxDeliveries, concurrency, orderingKey: options.orderingKey ?? streamKey };
}

export function resolveReadOptions(options: ReadOptions = {}): Required<ReadOptions> {
  return { remove: options.remove ?? false, limit: positiveInteger('limit', options.limit ?? 100) };
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new TypeError(`${name} must be a positive integer, got ${value}`);
  }
  return value;
}

export function orderingKeyOf(options: ResolvedConsumeOptions, message: IncomingMessage): string {
  if (options.concurrency === 1) return '';
  try {
    return options.orderingKey(message);
  } catch {
    // A key function that throws must not lose the message; one shared key keeps it ordered.
    return '';
  }
}

/** The default ordering key: the event's stream when the body names one, else the routing key. */
export function streamKey(message: IncomingMessage): string {
  const body = message.body;
  if (typeof body === 'object' && body !== null && 'streamName' in body) {
    const streamName = (body as { streamName: unknown }).streamName;
    if (typeof streamName === 'string') return streamName;
  }
  return message.routingKey;
}

export function deadLetterOf(
  message: Pick<IncomingMessage, 'messageId' | 'routingKey' | 'body' | 'headers'>,
  reason: DeadLetter['reason'],
): DeadLetter {
  return {
    messageId: message.messageId,
    routingKey: message.routingKey,
    body: message.body,
    headers: message.headers,
    reason,
  };
}
