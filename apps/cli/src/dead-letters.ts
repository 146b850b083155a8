// `npm run taskomask -- dlq list|show|redrive`: the dead-letter queues of the bus's consumers.
import {
  type Channel,
  type ChannelModel,
  type ConfirmChannel,
  connect,
  type GetMessage,
} from 'amqplib';

/** `<queue>.dlq`, as packages/messaging names the dead-letter queue of a consumer's queue. */
export const deadLetterQueueOf = (queue: string) => `${queue}.dlq`;

export type DeadLetterQueue = Readonly<{
  queue: string;
  ready: number;
  consumers: number;
  dead: number;
}>;

export type Letter = Readonly<{
  messageId: string;
  /** The key it was first published with (the oldest x-death), where redrive sends it again. */
  routingKey: string;
  reason: string;
  deaths: number;
  body: string;
}>;

type Death = { reason?: unknown; count?: unknown; 'routing-keys'?: unknown[]; exchange?: unknown };

function deathsOf(message: GetMessage): Death[] {
  const deaths = message.properties.headers?.['x-death'];
  return Array.isArray(deaths) ? (deaths as Death[]) : [];
}

export function letterOf(message: GetMessage): Letter {
  const deaths = deathsOf(message);
  // The newest death comes first; the oldest holds the key it was published with.
  const first = deaths.at(-1);
  const key = first?.['routing-keys']?.[0];
  const reason = message.properties.headers?.['x-first-death-reason'] ?? first?.reason;
  return {
    messageId: typeof message.properties.messageId === 'string' ? message.properties.messageId : '',
    routingKey: typeof key === 'string' ? key : message.fields.routingKey,
    reason: typeof reason === 'string' ? reason : 'unknown',
    deaths: deaths.reduce((n, d) => n + (typeof d.count === 'number' ? d.count : 1), 0),
    body: message.content.toString('utf8'),
  };
}

/** The AMQP URL without our `exchange` parameter, and that exchange (the bus's default). */
export function busTarget(busUrl: string): { url: string; exchange: string } {
  const url = new URL(busUrl);
  const exchange = url.searchParams.get('exchange') ?? 'taskomask.events';
  url.searchParams.delete('exchange');
  return { url: url.toString(), exchange };
}

export type DeadLetters = Readonly<{
  list(queues: readonly string[]): Promise<DeadLetterQueue[]>;
  /** The letters of a queue's DLQ (all, or the one with `messageId`), left where they are. */
  show(queue: string, messageId?: string): Promise<Letter[]>;
  /**
   * Publishes the letters (all, or the one with `messageId`) to the exchange with their first
   * routing key, each removed from the DLQ once the broker confirmed it; the others stay.
   */
  redrive(
    queue: string,
    which: { all: true } | { messageId: string },
    onProgress?: (done: number, total: number) => void,
  ): Promise<number>;
  close(): Promise<void>;
}>;

export async function openDeadLetters(busUrl: string): Promise<DeadLetters> {
  const { url, exchange } = busTarget(busUrl);
  const connection: ChannelModel = await connect(url);
  const channel = async <T>(work: (c: Channel) => Promise<T>): Promise<T> => {
    const c = await connection.createChannel();
    c.on('error', () => undefined);
    try {
      return await work(c);
    } finally {
      await c.close().catch(() => undefined);
    }
  };
  /** checkQueue closes its channel on a missing queue: one channel per check. */
  const check = (queue: string) =>
    channel(async (c) => {
      try {
        return await c.checkQueue(queue);
      } catch {
        return undefined;
      }
    });
  /** Takes every letter off the DLQ unacked, gives them to `each`, requeues the ones it keeps. */
  // At most the letters there at the start: a redriven letter its consumer refuses again comes
  // back to the DLQ, and must not be taken round again in the same run.
  const walk = async (
    queue: string,
    each: (letter: Letter, message: GetMessage, c: Channel) => Promise<'keep' | 'done'>,
  ) => {
    const atStart = (await check(deadLetterQueueOf(queue)))?.messageCount ?? 0;
    return channel(async (c) => {
      const kept: GetMessage[] = [];
      try {
        for (let taken = 0; taken < atStart; taken++) {
          const message = await c.get(deadLetterQueueOf(queue), { noAck: false });
          if (message === false) break;
          if ((await each(letterOf(message), message, c)) === 'keep') kept.push(message);
        }
      } finally {
        // Back where they were, in their order (nothing else takes from a DLQ).
        for (const message of kept) c.nack(message, false, true);
      }
    });
  };

  return {
    async list(queues) {
      const rows: DeadLetterQueue[] = [];
      for (const queue of queues) {
        const [main, dlq] = [await check(queue), await check(deadLetterQueueOf(queue))];
        rows.push({
          queue,
          ready: main?.messageCount ?? 0,
          consumers: main?.consumerCount ?? 0,
          dead: dlq?.messageCount ?? 0,
        });
      }
      return rows;
    },
    async show(queue, messageId) {
      const letters: Letter[] = [];
      await walk(queue, async (letter) => {
        if (messageId === undefined || letter.messageId === messageId) letters.push(letter);
        return 'keep';
      });
      return letters;
    },
    async redrive(queue, which, onProgress) {
      const total = (await check(deadLetterQueueOf(queue)))?.messageCount ?? 0;
      const publisher: ConfirmChannel = await connection.createConfirmChannel();
      publisher.on('error', () => undefined);
      let moved = 0;
      let seen = 0;
      try {
        await walk(queue, async (letter, message, c) => {
          seen++;
          const wanted = 'all' in which || letter.messageId === which.messageId;
          if (wanted) {
            const {
              'x-death': _d,
              'x-first-death-exchange': _e,
              'x-first-death-queue': _q,
              'x-first-death-reason': _r,
              'x-last-death-exchange': _le,
              'x-last-death-queue': _lq,
              'x-last-death-reason': _lr,
              ...headers
            } = message.properties.headers ?? {};
            publisher.publish(exchange, letter.routingKey, message.content, {
              ...message.properties,
              headers,
              persistent: true,
            });
            await publisher.waitForConfirms();
            c.ack(message);
            moved++;
          }
          onProgress?.(seen, Math.max(total, seen));
          return wanted ? 'done' : 'keep';
        });
      } finally {
        await publisher.close().catch(() => undefined);
      }
      return moved;
    },
    close: () => connection.close(),
  };
}
