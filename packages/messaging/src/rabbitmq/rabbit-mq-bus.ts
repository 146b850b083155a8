import {
  type Channel,
  type ChannelModel,
  type ConfirmChannel,
  type ConsumeMessage,
  connect,
  IllegalOperationError,
  type Message,
  type RecoveringChannelModel,
} from 'amqplib';
import { PoisonMessageError, UnroutableMessageError } from '../errors';
import {
  type EncodedMessage,
  encodeBatch,
  orderingKeyOf,
  type ResolvedConsumeOptions,
  resolveConsumeOptions,
  resolveReadOptions,
} from '../message-codec';
import { OrderedDispatch } from '../ordered-dispatch';
import type {
  ConsumeOptions,
  Consumer,
  DeadLetter,
  IncomingMessage,
  MessageBus,
  OutgoingMessage,
  QueueStats,
  ReadOptions,
} from '../port';
import { assertBindings, assertQueueName } from '../topic';
import { processInSpan, publishSpans } from '../trace-context';
import { decodeDeadLetter, decodeDelivery, publishOptions } from './amqp-codec';

export type RabbitMqBusOptions = {
  /** `amqp://user:password@host:port/vhost` (add `?heartbeat=15` for faster detection of a dead peer). */
  url: string;
  /** The durable topic exchange every message goes through. Default `taskomask.events`. */
  exchange?: string;
  /** How long publish() waits for a channel and every confirm before it rejects. Default 30 s. */
  publishTimeoutMs?: number;
  /** Backoff between reconnect attempts; `initialRetries` bounds the very first connection. */
  reconnect?: { initialDelayMs?: number; maxDelayMs?: number; initialRetries?: number };
  /** The unrouted queue keeps the newest this many messages. Default 100 000. */
  unroutedMaxLength?: number;
  /** Shown in the broker's connection list. */
  connectionName?: string;
  /** Connection losses, channel errors, consumers that cannot re-subscribe. Default console.warn. */
  onError?: (error: Error, context: string) => void;
};

/**
 * The MessageBus on RabbitMQ. Connects (retrying `reconnect.initialRetries` times), declares the
 * exchange topology, and resolves once ready. See README.md for the guarantees.
 */
export async function rabbitMqBus(options: RabbitMqBusOptions): Promise<MessageBus> {
  const exchange = options.exchange ?? 'taskomask.events';
  const unroutedQueue = `${exchange}.unrouted`;
  const unroutedMaxLength = options.unroutedMaxLength ?? 100_000;
  const declareTopology = async (model: ChannelModel) => {
    const channel = await model.createChannel();
    channel.on('error', ignoreChannelError);
    try {
      await declareExchanges(channel, exchange, unroutedMaxLength);
    } finally {
      await closeQuietly(channel);
    }
  };
  const initialDelay = options.reconnect?.initialDelayMs ?? 200;
  const maxDelay = options.reconnect?.maxDelayMs ?? 10_000;
  const connection = await connect(options.url, {
    clientProperties: { connection_name: options.connectionName ?? 'taskomask-messaging' },
    recovery: {
      initialDelay,
      maxDelay,
      factor: 2,
      jitter: 0.2,
      maxRetries: Number.POSITIVE_INFINITY,
      initialMaxRetries: options.reconnect?.initialRetries ?? 5,
      setup: declareTopology,
    },
  });
  const report =
    options.onError ??
    ((error: Error, context: string) => console.warn(`[messaging] ${context}: ${error.message}`));
  connection.on('error', (error) => report(error, 'connection error'));
  connection.on('disconnect', (error) => report(error, 'connection lost, reconnecting'));
  connection.on('reconnect-failed', (error) => report(error, 'gave up reconnecting'));
  return new RabbitMqBus(connection, {
    exchange,
    unroutedQueue,
    unroutedMaxLength,
    publishTimeoutMs: options.publishTimeoutMs ?? 30_000,
    reopenDelay: { initialDelay, maxDelay },
    report,
  });
}

type BusSettings = {
  exchange: string;
  unroutedQueue: string;
  unroutedMaxLength: number;
  publishTimeoutMs: number;
  reopenDelay: { initialDelay: number; maxDelay: number };
  report: (error: Error, context: string) => void;
};

type Publisher = { channel: ConfirmChannel; open: boolean; returned: Map<string, number> };

/**
 * The topic exchange, and its alternate exchange with the unrouted queue: messages no queue is
 * bound for go there, so publishing never blocks on a missing consumer and nothing vanishes unseen.
 */
async function declareExchanges(channel: Channel, exchange: string, unroutedMaxLength: number) {
  const unrouted = `${exchange}.unrouted`;
  await channel.assertExchange(unrouted, 'fanout', { durable: true });
  // Classic, so that reading it (get, then requeue by closing) never counts toward a limit.
  await channel.assertQueue(unrouted, {
    durable: true,
    arguments: { 'x-max-length': unroutedMaxLength },
  });
  await channel.bindQueue(unrouted, unrouted, '');
  await channel.assertExchange(exchange, 'topic', { durable: true, alternateExchange: unrouted });
}

export function deadLetterQueueOf(queue: string): string {
  return `${queue}.dlq`;
}

class RabbitMqBus implements MessageBus {
  private publisher: Promise<Publisher> | null = null;
  private readonly consumers = new Set<RabbitConsumer>();
  private closed = false;

  constructor(
    readonly connection: RecoveringChannelModel,
    readonly settings: BusSettings,
  ) {}

  async publish(messages: OutgoingMessage[]): Promise<void> {
    this.assertOpen();
    const batch = encodeBatch(messages);
    if (batch.length === 0) return;
    const { publishTimeoutMs } = this.settings;
    const attempt = { expired: false };
    const endSpans = publishSpans(batch, this.settings.exchange);
    try {
      await withDeadline(this.publishBatch(batch, attempt), publishTimeoutMs, () => {
        attempt.expired = true;
        return new Error(`publish: not every message was confirmed within ${publishTimeoutMs} ms`);
      });
    } catch (error) {
      endSpans(error);
      throw error;
    }
    endSpans();
  }

  async consume(
    queue: string,
    bindings: string[],
    handler: (message: IncomingMessage) => Promise<void>,
    options?: ConsumeOptions,
  ): Promise<Consumer> {
    this.assertOpen();
    assertQueueName(queue);
    assertBindings(bindings);
    const consumer = new RabbitConsumer(
      this,
      queue,
      bindings,
      handler,
      resolveConsumeOptions(options),
    );
    await consumer.open();
    this.consumers.add(consumer);
    return consumer;
  }

  async deadLetters(queue: string, options?: ReadOptions): Promise<DeadLetter[]> {
    assertQueueName(queue);
    return this.read(deadLetterQueueOf(queue), 'delivery_limit', options);
  }

  async unrouted(options?: ReadOptions): Promise<DeadLetter[]> {
    return this.read(this.settings.unroutedQueue, 'unrouted', options);
  }

  async stats(queue: string): Promise<QueueStats> {
    assertQueueName(queue);
    const main = await this.checkQueue(queue);
    if (!main) return { exists: false, ready: 0, consumers: 0, deadLettered: 0 };
    const dlq = await this.checkQueue(deadLetterQueueOf(queue));
    return {
      exists: true,
      ready: main.messageCount,
      consumers: main.consumerCount,
      deadLettered: dlq?.messageCount ?? 0,
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.consumers].map((consumer) => consumer.stop()));
    await this.connection.close();
  }

  forget(consumer: RabbitConsumer): void {
    this.consumers.delete(consumer);
  }

  private async publishBatch(
    batch: EncodedMessage[],
    attempt: { expired: boolean },
  ): Promise<void> {
    const publisher = await this.publisherChannel();
    const confirms: Promise<void>[] = [];
    for (const message of batch) {
      // The caller was told this publish failed: send nothing more of it (it will retry).
      if (attempt.expired) break;
      let writable = true;
      const confirmed = new Promise<void>((resolve, reject) => {
        writable = publisher.channel.publish(
          this.settings.exchange,
          message.routingKey,
          Buffer.from(message.json, 'utf8'),
          publishOptions(message),
          (error: unknown) => {
            if (error) {
              reject(
                new Error(`message ${message.messageId} was not confirmed: ${errorText(error)}`),
              );
            } else if (takeReturned(publisher, message.messageId)) {
              reject(
                new UnroutableMessageError(
                  `message ${message.messageId} (${message.routingKey}) was routed nowhere, not even to ${this.settings.unroutedQueue}`,
                ),
              );
            } else {
              resolve();
            }
          },
        );
      });
      // Settled through Promise.all below; this only stops an early failure from being reported
      // as unhandled while later messages wait for the socket to drain.
      confirmed.catch(() => {});
      confirms.push(confirmed);
      if (!writable) await drained(publisher);
    }
    await Promise.all(confirms);
  }

  private publisherChannel(): Promise<Publisher> {
    if (this.publisher) return this.publisher;
    const slot: { opening?: Promise<Publisher> } = {};
    const release = () => {
      if (this.publisher === slot.opening) this.publisher = null;
    };
    slot.opening = this.openPublisher(release);
    slot.opening.catch(release);
    this.publisher = slot.opening;
    return slot.opening;
  }

  /** `onClose` runs when the channel closes, so that the next publish opens another. */
  private async openPublisher(onClose: () => void): Promise<Publisher> {
    const channel = await this.connection.createConfirmChannel();
    const publisher: Publisher = { channel, open: true, returned: new Map() };
    channel.on('return', (message: Message) => {
      const id = String(message.properties.messageId);
      publisher.returned.set(id, (publisher.returned.get(id) ?? 0) + 1);
    });
    channel.on('error', (error) => this.settings.report(error, 'publisher channel'));
    channel.on('close', () => {
      publisher.open = false;
      onClose();
    });
    try {
      // Again on every new channel: one that replaces a channel closed because the exchange had
      // been deleted (404 on publish) recreates it.
      await declareExchanges(channel, this.settings.exchange, this.settings.unroutedMaxLength);
    } catch (error) {
      await closeQuietly(channel);
      throw error;
    }
    return publisher;
  }

  /** Reads a queue with basic.get; without `remove` the messages are put back by closing the channel. */
  private async read(
    queue: string,
    defaultReason: DeadLetter['reason'],
    options?: ReadOptions,
  ): Promise<DeadLetter[]> {
    const { remove, limit } = resolveReadOptions(options);
    if (!(await this.checkQueue(queue))) return [];
    return this.withChannel(async (channel) => {
      const letters: DeadLetter[] = [];
      while (letters.length < limit) {
        const message = await channel.get(queue, { noAck: false });
        if (message === false) break;
        letters.push(decodeDeadLetter(message, defaultReason));
        if (remove) channel.ack(message);
      }
      return letters;
    });
  }

  /** undefined when the queue does not exist. */
  private checkQueue(
    queue: string,
  ): Promise<{ messageCount: number; consumerCount: number } | undefined> {
    return this.withChannel(async (channel) => {
      try {
        return await channel.checkQueue(queue);
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    });
  }

  /** A short-lived channel: a failed check (404) closes its channel, never a long-lived one. */
  private async withChannel<T>(work: (channel: Channel) => Promise<T>): Promise<T> {
    this.assertOpen();
    const channel = await this.connection.createChannel();
    channel.on('error', ignoreChannelError);
    try {
      return await work(channel);
    } finally {
      await closeQuietly(channel);
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the message bus is closed');
  }
}

/** One channel's life: deliveries remember theirs, so nothing is acked on a successor. */
type Session = { channel: Channel; open: boolean; consumerTag?: string };
type Delivery = { session: Session; raw: ConsumeMessage; incoming: IncomingMessage; key: string };

class RabbitConsumer implements Consumer {
  private session: Session | null = null;
  private state: 'running' | 'stopping' | 'stopped' = 'running';
  private reopenTimer: NodeJS.Timeout | undefined;
  private reopenAttempts = 0;
  private stopping: Promise<void> | undefined;
  private readonly dispatch: OrderedDispatch<Delivery>;

  constructor(
    private readonly bus: RabbitMqBus,
    private readonly queue: string,
    private readonly bindings: string[],
    private readonly handler: (message: IncomingMessage) => Promise<void>,
    private readonly options: ResolvedConsumeOptions,
  ) {
    this.dispatch = new OrderedDispatch(
      options.concurrency,
      (delivery) => delivery.key,
      (delivery) => this.handle(delivery),
    );
  }

  /** Opens a channel, declares the queue pair and its bindings, and subscribes. */
  async open(): Promise<void> {
    const channel = await this.bus.connection.createChannel();
    const session: Session = { channel, open: true };
    channel.on('error', (error) => this.bus.settings.report(error, `consumer of ${this.queue}`));
    channel.on('close', () => this.channelClosed(session));
    try {
      await channel.prefetch(this.options.prefetch);
      await this.declare(channel);
      const { consumerTag } = await channel.consume(
        this.queue,
        (raw) => this.received(session, raw),
        { noAck: false },
      );
      session.consumerTag = consumerTag;
    } catch (error) {
      session.open = false;
      await closeQuietly(channel);
      throw error;
    }
    if (this.state !== 'running') {
      // stop() or abandon() came while this (re)subscription was under way.
      session.open = false;
      await closeQuietly(channel);
      return;
    }
    this.session = session;
  }

  stop(): Promise<void> {
    this.stopping ??= this.drainAndDetach();
    return this.stopping;
  }

  async abandon(): Promise<void> {
    this.state = 'stopped';
    clearTimeout(this.reopenTimer);
    this.dispatch.drop(() => true);
    const session = this.session;
    if (session?.open) {
      // Handlers still running will find their session closed and settle nothing.
      session.open = false;
      await closeQuietly(session.channel);
    }
    this.bus.forget(this);
  }

  private async drainAndDetach(): Promise<void> {
    if (this.state === 'stopped') return;
    this.state = 'stopping';
    clearTimeout(this.reopenTimer);
    const session = this.session;
    if (session?.open && session.consumerTag) {
      try {
        await session.channel.cancel(session.consumerTag);
      } catch (error) {
        // The channel closed meanwhile: the broker took back whatever was unacked on it.
        if (session.open) throw error;
      }
    }
    await this.dispatch.idle();
    this.state = 'stopped';
    if (session?.open) {
      session.open = false;
      await closeQuietly(session.channel);
    }
    this.bus.forget(this);
  }

  private async declare(channel: Channel): Promise<void> {
    const dlq = deadLetterQueueOf(this.queue);
    // Classic, so that reading it (get, then requeue by closing) never counts toward a limit.
    await channel.assertQueue(dlq, { durable: true });
    await channel.assertQueue(this.queue, {
      durable: true,
      arguments: {
        'x-queue-type': 'quorum',
        // RabbitMQ dead-letters once the count of earlier deliveries exceeds the limit.
        'x-delivery-limit': this.options.maxDeliveries - 1,
        'x-dead-letter-exchange': '',
        'x-dead-letter-routing-key': dlq,
        'x-dead-letter-strategy': 'at-least-once',
        'x-overflow': 'reject-publish', // at-least-once dead-lettering requires it
      },
    });
    for (const pattern of this.bindings) {
      await channel.bindQueue(this.queue, this.bus.settings.exchange, pattern);
    }
  }

  private received(session: Session, raw: ConsumeMessage | null): void {
    if (raw === null) {
      // Cancelled by the broker (the queue was deleted): resubscribing declares it again.
      this.bus.settings.report(new Error('consumer cancelled by the broker'), this.queue);
      void closeQuietly(session.channel);
      return;
    }
    const incoming = decodeDelivery(raw);
    if (!incoming) {
      // No id or a body that is not JSON: no retry can help, so straight to the dead-letter queue.
      settle(session, raw, 'reject');
      return;
    }
    const key = orderingKeyOf(this.options, incoming);
    this.dispatch.push({ session, raw, incoming, key });
  }

  private async handle(delivery: Delivery): Promise<void> {
    if (!delivery.session.open) return; // the broker has taken it back and will deliver it again
    let outcome: Outcome = 'ack';
    try {
      await processInSpan(delivery.incoming, this.queue, this.handler);
    } catch (error) {
      outcome = error instanceof PoisonMessageError ? 'reject' : 'requeue';
    }
    settle(delivery.session, delivery.raw, outcome);
  }

  private channelClosed(session: Session): void {
    const wasOpen = session.open;
    session.open = false;
    this.dispatch.drop((delivery) => delivery.session === session);
    if (wasOpen && session === this.session && this.state === 'running') this.scheduleReopen();
  }

  private scheduleReopen(): void {
    if (this.state !== 'running' || this.reopenTimer) return;
    const { initialDelay, maxDelay } = this.bus.settings.reopenDelay;
    const delay = Math.min(maxDelay, initialDelay * 2 ** this.reopenAttempts++);
    this.reopenTimer = setTimeout(async () => {
      this.reopenTimer = undefined;
      if (this.state !== 'running') return;
      try {
        await this.open();
        this.reopenAttempts = 0;
      } catch (error) {
        if (this.state !== 'running') return; // stopped, or the bus closed, while retrying
        this.bus.settings.report(asError(error), `resubscribing to ${this.queue}`);
        this.scheduleReopen();
      }
    }, delay);
  }
}

type Outcome = 'ack' | 'requeue' | 'reject';

function settle(session: Session, raw: ConsumeMessage, outcome: Outcome): void {
  if (!session.open) return;
  try {
    if (outcome === 'ack') session.channel.ack(raw);
    else session.channel.nack(raw, false, outcome === 'requeue');
  } catch (error) {
    // The channel closed between the check and the call; the broker requeued the message.
    if (error instanceof IllegalOperationError) return;
    throw error;
  }
}

function takeReturned(publisher: Publisher, messageId: string): boolean {
  const count = publisher.returned.get(messageId);
  if (!count) return false;
  if (count === 1) publisher.returned.delete(messageId);
  else publisher.returned.set(messageId, count - 1);
  return true;
}

function drained(publisher: Publisher): Promise<void> {
  if (!publisher.open) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      publisher.channel.off('drain', done);
      publisher.channel.off('close', done);
      resolve();
    };
    publisher.channel.on('drain', done);
    publisher.channel.on('close', done);
  });
}

function withDeadline<T>(work: Promise<T>, ms: number, timeoutError: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timeoutError()), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** Closing a channel the broker already closed (after an error) fails; that is not a new error. */
async function closeQuietly(channel: Channel): Promise<void> {
  try {
    await channel.close();
  } catch (error) {
    if (error instanceof IllegalOperationError) return;
    if (error instanceof Error && /closed|closing/i.test(error.message)) return;
    throw error;
  }
}

/** A short-lived channel's error also rejects the call that caused it, which reports it. */
function ignoreChannelError(): void {}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 404;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
