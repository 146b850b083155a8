/**
 * The MessageBus port: topic-routed, at-least-once delivery between services. It knows nothing of
 * events or the event store; a message is a JSON body with an id, a routing key and string headers.
 */

export type OutgoingMessage = {
  /** Unique per logical message; consumers use it (or a position in the body) to drop duplicates. */
  messageId: string;
  /** Dot-separated words (`board.TaskMoved`), at most 255 bytes. */
  routingKey: string;
  /** Anything `JSON.stringify` accepts (not `undefined`); it arrives as `JSON.parse` returns it. */
  body: unknown;
  /** Trace context and the like: `traceparent`, `correlation-id`, … */
  headers?: Record<string, string>;
};

export type IncomingMessage = {
  messageId: string;
  routingKey: string;
  body: unknown;
  headers: Record<string, string>;
  /** 1 on the first delivery, counting every earlier delivery that was not acked. */
  deliveryCount: number;
  /** True when this message was delivered before (to this or another consumer) without an ack. */
  redelivered: boolean;
};

/** A message that left its queue for the queue's dead-letter store, or that no queue took. */
export type DeadLetter = {
  messageId: string;
  /** The routing key it was published with. */
  routingKey: string;
  body: unknown;
  headers: Record<string, string>;
  /**
   * `delivery_limit`: its handler failed `maxDeliveries` times; `rejected`: its handler threw a
   * PoisonMessageError (or the body was not JSON); `unrouted`: no queue was bound to its key.
   */
  reason: 'delivery_limit' | 'rejected' | 'unrouted' | (string & {});
};

export type ConsumeOptions = {
  /** How many delivered, unacked messages the consumer may hold. Default 20. */
  prefetch?: number;
  /**
   * Deliveries (including the first) after which a failing message is dead-lettered. Fixed when the
   * queue is first declared: consuming the same queue with another value rejects. Default 10.
   */
  maxDeliveries?: number;
  /**
   * Handlers running at once. Default 1: strictly one at a time, in delivery order. Above 1,
   * messages with the same `orderingKey` still run one at a time, in delivery order.
   */
  concurrency?: number;
  /** Default: `body.streamName` when it is a string, else the routing key. */
  orderingKey?: (message: IncomingMessage) => string;
};

export type QueueStats = {
  exists: boolean;
  /** Messages waiting for a consumer (not counting delivered, unacked ones). */
  ready: number;
  consumers: number;
  /** Messages in the queue's dead-letter store. */
  deadLettered: number;
};

export type ReadOptions = {
  /** Take the messages out (ack them) instead of leaving them where they are. Default false. */
  remove?: boolean;
  /** At most this many, oldest first. Default 100. */
  limit?: number;
};

export interface MessageBus {
  /**
   * Resolves only once the broker has confirmed every message (stored persistently, routed to each
   * bound queue, or to the unrouted store when no queue is bound). Rejects when any message was
   * refused, when the connection dropped before its confirm, or on timeout; some messages of the
   * batch may then have been delivered all the same, so the caller republishes the whole batch.
   * A batch with an invalid message (no id, a body that is not JSON, …) rejects before any is sent.
   */
  publish(messages: OutgoingMessage[]): Promise<void>;
  /**
   * Declares the durable consumer group `queue` (created on its first declaration; bindings are
   * added, never removed) and delivers its messages to `handler`. The handler resolving acks the
   * message; rejecting requeues it, and after `maxDeliveries` deliveries it is dead-lettered;
   * rejecting with a PoisonMessageError dead-letters it at once.
   */
  consume(
    queue: string,
    bindings: string[],
    handler: (message: IncomingMessage) => Promise<void>,
    options?: ConsumeOptions,
  ): Promise<Consumer>;
  /** What sits in `queue`'s dead-letter store (for operators and tests); [] for an unknown queue. */
  deadLetters(queue: string, options?: ReadOptions): Promise<DeadLetter[]>;
  /** Messages that no queue was bound to receive when they were published. */
  unrouted(options?: ReadOptions): Promise<DeadLetter[]>;
  /** Counts for readiness checks and tests. */
  stats(queue: string): Promise<QueueStats>;
  /** Stops every consumer (as `Consumer.stop`) and disconnects. */
  close(): Promise<void>;
}

export interface Consumer {
  /**
   * Receives nothing more, lets the handlers finish every message already delivered to this
   * consumer (at most `prefetch`), settles them, then detaches.
   */
  stop(): Promise<void>;
  /**
   * Detaches at once, as a crash would: handlers still running are not waited for and their
   * outcome is ignored; every unacked message goes back to the queue and is delivered again.
   */
  abandon(): Promise<void>;
}
