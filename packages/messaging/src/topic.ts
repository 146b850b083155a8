/**
 * Topic routing as RabbitMQ's topic exchange does it: keys and patterns are dot-separated words;
 * in a pattern `*` stands for exactly one word and `#` for zero or more.
 */
export function topicMatches(pattern: string, routingKey: string): boolean {
  return matchWords(pattern.split('.'), 0, routingKey.split('.'), 0);
}

function matchWords(pattern: string[], p: number, key: string[], k: number): boolean {
  for (;;) {
    if (p === pattern.length) return k === key.length;
    const word = pattern[p];
    if (word === '#') {
      // Collapse consecutive '#'; then try every split of the remaining key.
      while (pattern[p + 1] === '#') p++;
      if (p + 1 === pattern.length) return true;
      for (let rest = k; rest <= key.length; rest++) {
        if (matchWords(pattern, p + 1, key, rest)) return true;
      }
      return false;
    }
    if (k === key.length) return false;
    if (word !== '*' && word !== key[k]) return false;
    p++;
    k++;
  }
}

const MAX_SHORTSTR_BYTES = 255;

export function assertRoutingKey(routingKey: unknown): asserts routingKey is string {
  if (typeof routingKey !== 'string') throw new TypeError('routingKey must be a string');
  if (Buffer.byteLength(routingKey) > MAX_SHORTSTR_BYTES) {
    throw new TypeError(`routingKey is longer than ${MAX_SHORTSTR_BYTES} bytes: "${routingKey}"`);
  }
}

export function assertBindings(bindings: unknown): asserts bindings is string[] {
  if (!Array.isArray(bindings) || bindings.length === 0) {
    throw new TypeError('a consumer needs at least one binding pattern');
  }
  for (const pattern of bindings) assertRoutingKey(pattern);
}

/** Room is kept for the `.dlq` suffix of the queue's dead-letter queue. */
export function assertQueueName(queue: unknown): asserts queue is string {
  if (typeof queue !== 'string' || queue.length === 0) {
    throw new TypeError('queue must be a non-empty string');
  }
  if (queue.startsWith('amq.')) throw new TypeError(`queue names starting "amq." are reserved`);
  if (Buffer.byteLength(queue) > MAX_SHORTSTR_BYTES - 4) {
    throw new TypeError(`queue name is longer than ${MAX_SHORTSTR_BYTES - 4} bytes: "${queue}"`);
  }
}
