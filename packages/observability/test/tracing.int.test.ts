import { randomUUID } from 'node:crypto';
import { SpanStatusCode } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { IncomingMessage } from '@taskomask/messaging';
import { inProcessBus } from '@taskomask/messaging/in-process';
import { waitFor } from '@taskomask/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import {
  contextFromTraceparent,
  contextOf,
  currentTraceparent,
  inSpan,
  startTracing,
  type Tracing,
  traceparentOfSpan,
} from '../src/tracing';

// The SDK as the apps start it, with an in-memory exporter instead of OTLP. Each test starts its
// own (the API's globals are process-wide) and shuts it down after.
const sampledParent = `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01`;
const unsampledParent = `00-${'c'.repeat(32)}-${'d'.repeat(16)}-00`;

let tracing: Tracing | undefined;
// A new exporter each time: shutting the SDK down stops the old one.
let memory = new InMemorySpanExporter();
const start = (sampleRatio: number, asyncContext = false) => {
  memory = new InMemorySpanExporter();
  tracing = startTracing({
    serviceName: 'test',
    otlp: false,
    sampleRatio,
    asyncContext,
    spanProcessors: [new SimpleSpanProcessor(memory)],
  });
};
afterEach(async () => {
  await tracing?.shutdown();
  tracing = undefined;
});
const finished = (name: string) => memory.getFinishedSpans().filter((s) => s.name === name);

describe('tracing on', () => {
  it('nests spans, carries a traceparent out and back in, and records failures', async () => {
    start(1, true);
    let outgoing: string | undefined;
    await inSpan('command createTask', { parent: contextFromTraceparent(sampledParent) }, () =>
      inSpan('eventstore append', {}, async () => {
        outgoing = currentTraceparent();
      }),
    );
    const [command] = finished('command createTask');
    const [append] = finished('eventstore append');
    // The caller's trace continues: same trace id, the caller's span as parent.
    expect(command!.spanContext().traceId).toBe('a'.repeat(32));
    expect(command!.parentSpanContext?.spanId).toBe('b'.repeat(16));
    expect(append!.parentSpanContext?.spanId).toBe(command!.spanContext().spanId);
    expect(outgoing).toBe(`00-${'a'.repeat(32)}-${append!.spanContext().spanId}-01`);

    await expect(
      inSpan('eventstore append', {}, async () => {
        throw new Error('connection refused');
      }),
    ).rejects.toThrow('connection refused');
    const failedSpan = finished('eventstore append')[1]!;
    expect(failedSpan.status).toEqual({
      code: SpanStatusCode.ERROR,
      message: 'connection refused',
    });
  });

  it('by default follows only the parents it is given (no async context)', async () => {
    start(1);
    await inSpan('command createTask', {}, async (command) => {
      await inSpan('not nested', {}, async () => {});
      await inSpan('eventstore append', { parent: contextOf(command) }, async () => {});
    });
    const [command] = finished('command createTask');
    expect(finished('not nested')[0]!.parentSpanContext).toBeUndefined();
    expect(finished('eventstore append')[0]!.parentSpanContext?.spanId).toBe(
      command!.spanContext().spanId,
    );
  });

  it('samples roots by ratio and follows the parent’s decision', async () => {
    start(0);
    await inSpan('root', {}, async () => {});
    await inSpan('under a sampled parent', { parent: contextFromTraceparent(sampledParent) }, () =>
      Promise.resolve(),
    );
    let unsampledOut: string | undefined;
    await inSpan(
      'under an unsampled parent',
      { parent: contextFromTraceparent(unsampledParent) },
      async (span) => {
        unsampledOut = traceparentOfSpan(span);
      },
    );
    expect(memory.getFinishedSpans().map((s) => s.name)).toEqual(['under a sampled parent']);
    // Not recorded, but the decision travels on so the next process does not record it either.
    expect(unsampledOut).toMatch(new RegExp(`^00-${'c'.repeat(32)}-[0-9a-f]{16}-00$`));
  });

  it('carries the context through the bus in the message headers', async () => {
    start(1);
    const bus = inProcessBus();
    const queue = `tracing.${randomUUID()}`;
    const seen: IncomingMessage[] = [];
    const consumer = await bus.consume(queue, ['board.#'], async (message) => {
      seen.push(message);
    });
    try {
      await bus.publish([
        {
          messageId: 'board-1@1',
          routingKey: 'board.TaskCreated',
          body: { n: 1 },
          headers: { traceparent: sampledParent },
        },
        { messageId: 'board-1@2', routingKey: 'board.TaskMoved', body: { n: 2 } },
      ]);
      await waitFor(() => seen.length === 2, { what: 'both deliveries' });
    } finally {
      await consumer.stop();
      await bus.close();
    }
    const [publish] = finished('publish in-process');
    const [processSpan] = finished(`process ${queue}`);
    expect(publish!.kind).toBe(3); // PRODUCER
    expect(publish!.parentSpanContext?.spanId).toBe('b'.repeat(16));
    expect(processSpan!.kind).toBe(4); // CONSUMER
    expect(processSpan!.parentSpanContext?.spanId).toBe(publish!.spanContext().spanId);
    // The handler gets the process span's context in the header: the parent of its own spans.
    const traced = seen.find((m) => m.messageId === 'board-1@1')!;
    expect(traced.headers.traceparent).toBe(
      `00-${'a'.repeat(32)}-${processSpan!.spanContext().spanId}-01`,
    );
    // A message outside any trace gets no spans and no header.
    const plain = seen.find((m) => m.messageId === 'board-1@2')!;
    expect(plain.headers.traceparent).toBeUndefined();
    expect(memory.getFinishedSpans()).toHaveLength(2);
  });
});
