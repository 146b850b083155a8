import { PoisonMessageError } from '../errors';
import {
  deadLetterOf,
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
  QueueStats,
  ReadOptions,
} from '../port';
import { assertBindings, assertQueueName, topicMatches } from '../topic';
import { processInSpan, publishSpans } from '../trace-context';

export type InProcessBusOptions = {
  /** The unrouted store keeps the newest this many messages. Default 10 000. */
  unroutedMaxLength?: number;
};

/** A message as a queue holds it: the body stays JSON text, so each delivery gets a fresh copy. */
type Stored = {
  messageId: string;
  routingKey: string;
  json: string;
  headers: Record<string, string>;
  deliveries: number;
};

type Queue = {
  name: string;
  bindings: Set<string>;
  maxDeliveries: number;
  ready: Stored[];
  deadLetters: DeadLetter[];
  consumers: InProcessConsumer[];
  nextConsumer: number;
};

/**
 * The embedded MessageBus: the RabbitMQ adapter's semantics in one process, without durability.
 * Everything published but not yet acked is gone when the process exits.
 */
export function inProcessBus(options: InProcessBusOptions = {}): MessageBus {
  return new InProcessBus(options.unroutedMaxLength ?? 10_000);
}

class InProcessBus implements MessageBus {
  private readonly queues = new Map<string, Queue>();
  private readonly unroutedStore: DeadLetter[] = [];
  private closed = false;
  private readonly scheduled = new Set<Queue>();

  constructor(private readonly unroutedMaxLength: number) {}

  async publish(messages: Parameters<MessageBus['publish']>[0]): Promise<void> {
    this.assertOpen();
    const batch = encodeBatch(messages);
    // Queued at once (nothing to confirm): the producer spans end as they start.
    publishSpans(batch, 'in-process')();
    for (const message of batch) {
      let routed = false;
      for (const queue of this.queues.values()) {
        if (![...queue.bindings].some((pattern) => topicMatches(pattern, message.routingKey))) {
          continue;
        }
        routed = true;
        queue.ready.push({ ...message, headers: { ...message.headers }, deliveries: 0 });
        this.scheduleDelivery(queue);
      }
      if (!routed) {
        this.unroutedStore.push(
          deadLetterOf({ ...message, body: JSON.parse(message.json) }, 'unrouted'),
        );
        if (this.unroutedStore.length > this.unroutedMaxLength) this.unroutedStore.shift();
      }
    }
  }

  async consume(
    queueName: string,
    bindings: string[],
    handler: (message: IncomingMessage) => Promise<void>,
    options?: ConsumeOptions,
  ): Promise<Consumer> {
    this.assertOpen();
    assertQueueName(queueName);
    assertBindings(bindings);
    const resolved = resolveConsumeOptions(options);
    let queue = this.queues.get(queueName);
    if (!queue) {
      queue = {
        name: queueName,
        bindings: new Set(),
        maxDeliveries: resolved.maxDeliveries,
        ready: [],
        deadLetters: [],
        consumers: [],
        nextConsumer: 0,
      };
      this.queues.set(queueName, queue);
    } else if (queue.maxDeliveries !== resolved.maxDeliveries) {
      // RabbitMQ refuses to redeclare a queue with other arguments (PRECONDITION_FAILED).
      throw new Error(
        `queue "${queueName}" was declared with maxDeliveries ${queue.maxDeliveries}, not ${resolved.maxDeliveries}`,
      );
    }
    for (const pattern of bindings) queue.bindings.add(pattern);
    const consumer = new InProcessConsumer(this, queue, handler, resolved);
    queue.consumers.push(consumer);
    this.scheduleDelivery(queue);
    return consumer;
  }

  async deadLetters(queueName: string, options?: ReadOptions): Promise<DeadLetter[]> {
    const queue = this.queues.get(queueName);
    return queue ? take(queue.deadLetters, resolveReadOptions(options)) : [];
  }

  async unrouted(options?: ReadOptions): Promise<DeadLetter[]> {
    return take(this.unroutedStore, resolveReadOptions(options));
  }

  async stats(queueName: string): Promise<QueueStats> {
    const queue = this.queues.get(queueName);
    if (!queue) return { exists: false, ready: 0, consumers: 0, deadLettered: 0 };
    return {
      exists: true,
      ready: queue.ready.length,
      consumers: queue.consumers.length,
      deadLettered: queue.deadLetters.length,
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const consumers = [...this.queues.values()].flatMap((queue) => queue.consumers);
    await Promise.all(consumers.map((consumer) => consumer.stop()));
  }

  /** Hands ready messages to consumers with room, round-robin, like a broker's queue process. */
  deliver(queue: Queue): void {
    while (queue.ready.length > 0) {
      const consumer = this.nextWithRoom(queue);
      if (!consumer) return;
      const message = queue.ready.shift() as Stored;
      message.deliveries++;
      consumer.receive(message);
    }
  }

  scheduleDelivery(queue: Queue): void {
    // Deliver from a fresh task, as a broker would: publish() never runs a handler itself.
    if (this.scheduled.has(queue)) return;
    this.scheduled.add(queue);
    setImmediate(() => {
      this.scheduled.delete(queue);
      this.deliver(queue);
    });
  }

  /** A failed or abandoned delivery: back to the head of the queue, or dead-lettered. */
  giveBack(queue: Queue, messages: Stored[], poison: boolean): void {
    const requeue: Stored[] = [];
    for (const message of messages) {
      if (poison || message.deliveries >= queue.maxDeliveries) {
        const body = JSON.parse(message.json) as unknown;
        queue.deadLetters.push(
          deadLetterOf({ ...message, body }, poison ? 'rejected' : 'delivery_limit'),
        );
      } else {
        requeue.push(message);
      }
    }
    queue.ready.unshift(...requeue);
    this.scheduleDelivery(queue);
  }

  private nextWithRoom(queue: Queue): InProcessConsumer | undefined {
    const count = queue.consumers.length;
    for (let i = 0; i < count; i++) {
      const index = (queue.nextConsumer + i) % count;
      const consumer = queue.consumers[index] as InProcessConsumer;
      if (consumer.hasRoom()) {
        queue.nextConsumer = (index + 1) % count;
        return consumer;
      }
    }
    return undefined;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the message bus is closed');
  }
}

type Delivery = { message: Stored; incoming: IncomingMessage; key: string; generation: number };

class InProcessConsumer implements Consumer {
  /** Delivered and not yet settled, in delivery order. */
  private readonly unacked = new Set<Stored>();
  private readonly dispatch: OrderedDispatch<Delivery>;
  private receiving = true;
  /** Bumped by abandon(): outcomes of deliveries from an older generation are ignored. */
  private generation = 0;

  constructor(
    private readonly bus: InProcessBus,
    private readonly queue: Queue,
    private readonly handler: (message: IncomingMessage) => Promise<void>,
    private readonly options: ResolvedConsumeOptions,
  ) {
    this.dispatch = new OrderedDispatch(
      options.concurrency,
      (delivery) => delivery.key,
      (delivery) => this.handle(delivery),
    );
  }

  hasRoom(): boolean {
    return this.receiving && this.unacked.size < this.options.prefetch;
  }

  receive(message: Stored): void {
    this.unacked.add(message);
    const incoming: IncomingMessage = {
      messageId: message.messageId,
      routingKey: message.routingKey,
      body: JSON.parse(message.json),
      headers: { ...message.headers },
      deliveryCount: message.deliveries,
      redelivered: message.deliveries > 1,
    };
    const key = orderingKeyOf(this.options, incoming);
    this.dispatch.push({ message, incoming, key, generation: this.generation });
  }

  async stop(): Promise<void> {
    this.receiving = false;
    await this.dispatch.idle();
    this.detach();
  }

  async abandon(): Promise<void> {
    this.receiving = false;
    this.generation++;
    this.dispatch.drop(() => true);
    const unacked = [...this.unacked];
    this.unacked.clear();
    this.detach();
    this.bus.giveBack(this.queue, unacked, false);
  }

  private async handle(delivery: Delivery): Promise<void> {
    let failure: unknown;
    let failed = false;
    try {
      await processInSpan(delivery.incoming, this.queue.name, this.handler);
    } catch (error) {
      failed = true;
      failure = error;
    }
    if (delivery.generation !== this.generation) return; // abandoned: already given back
    this.unacked.delete(delivery.message);
    if (failed) {
      this.bus.giveBack(this.queue, [delivery.message], failure instanceof PoisonMessageError);
    }
    this.bus.scheduleDelivery(this.queue);
  }

  private detach(): void {
    const index = this.queue.consumers.indexOf(this);
    if (index >= 0) this.queue.consumers.splice(index, 1);
    this.queue.nextConsumer = 0;
  }
}

function take(store: DeadLetter[], options: Required<ReadOptions>): DeadLetter[] {
  const taken = options.remove ? store.splice(0, options.limit) : store.slice(0, options.limit);
  return taken.map((letter) => structuredClone(letter));
}
