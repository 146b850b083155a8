// Trace context through the bus: a message that carries a `traceparent` header gets a producer
// span (child of that context) while it is published, and the header then names that span; the
// consumer continues it in a `process` span around the handler, whose `traceparent` header then
// names that span (the parent for the handler's own spans). Done here by hand rather than by
// the amqplib instrumentation, so the parent stays right across batching and ordered dispatch,
// and the in-process bus behaves the same. With tracing off the OpenTelemetry API is a no-op and
// the headers pass through unchanged.
import {
  type Context,
  context,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  type TextMapGetter,
  type TextMapSetter,
  trace,
} from '@opentelemetry/api';
import type { IncomingMessage } from './port';

type Headers = Record<string, string>;

const tracer = () => trace.getTracer('taskomask-messaging');
const setter: TextMapSetter<Headers> = {
  set: (carrier, key, value) => {
    carrier[key] = value;
  },
};
const getter: TextMapGetter<Readonly<Headers>> = {
  get: (carrier, key) => carrier[key],
  keys: (carrier) => Object.keys(carrier),
};

function parentOf(headers: Readonly<Headers>): Context | undefined {
  if (headers.traceparent === undefined) return undefined;
  const parent = propagation.extract(ROOT_CONTEXT, headers, getter);
  return trace.getSpanContext(parent) === undefined ? undefined : parent;
}

function fail(span: Span, error: unknown): void {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });
}

/**
 * Opens a producer span for every traced message of a batch and rewrites its headers to carry it
 * (the headers must be the bus's own copy). Returns what ends them once the broker answered.
 */
export function publishSpans(
  batch: readonly { messageId: string; routingKey: string; headers: Headers }[],
  destination: string,
): (error?: unknown) => void {
  const spans: Span[] = [];
  for (const message of batch) {
    const parent = parentOf(message.headers);
    if (parent === undefined) continue;
    const span = tracer().startSpan(
      `publish ${destination}`,
      {
        kind: SpanKind.PRODUCER,
        attributes: {
          'messaging.operation.type': 'publish',
          'messaging.destination.name': destination,
          'messaging.rabbitmq.destination.routing_key': message.routingKey,
          'messaging.message.id': message.messageId,
        },
      },
      parent,
    );
    propagation.inject(trace.setSpan(parent, span), message.headers, setter);
    spans.push(span);
  }
  return (error) => {
    for (const span of spans) {
      if (error !== undefined) fail(span, error);
      span.end();
    }
  };
}

/** Runs a handler in a consumer span continuing the message's trace (directly when it has none). */
export async function processInSpan(
  message: IncomingMessage,
  queue: string,
  handler: (message: IncomingMessage) => Promise<void>,
): Promise<void> {
  const parent = parentOf(message.headers);
  if (parent === undefined) return handler(message);
  const span = tracer().startSpan(
    `process ${queue}`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.operation.type': 'process',
        'messaging.destination.name': queue,
        'messaging.rabbitmq.destination.routing_key': message.routingKey,
        'messaging.message.id': message.messageId,
        'messaging.rabbitmq.message.delivery_count': message.deliveryCount,
      },
    },
    parent,
  );
  const active = trace.setSpan(parent, span);
  // The message is the bus's own copy for this delivery.
  propagation.inject(active, message.headers, setter);
  try {
    await context.with(active, () => handler(message));
  } catch (error) {
    fail(span, error);
    throw error;
  } finally {
    span.end();
  }
}
