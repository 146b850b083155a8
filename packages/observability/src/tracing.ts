// Tracing: OpenTelemetry setup and the few helpers our adapters use to carry context across
// processes (event metadata, RabbitMQ headers, Redis notices, HTTP headers).
//
// Off unless OTEL_EXPORTER_OTLP_ENDPOINT (or a test's TASKOMASK_SPAN_DIR) is set: then no
// provider, propagator or context manager is registered, every helper below falls through to the
// OpenTelemetry API's no-ops, and nothing is patched — the cost is a few function calls.
import { appendFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import {
  type Attributes,
  type Context,
  type ContextManager,
  context,
  type Link,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  type TextMapGetter,
  type TextMapSetter,
  trace,
} from '@opentelemetry/api';
import { ExportResultCode, W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { MongoDBInstrumentation } from '@opentelemetry/instrumentation-mongodb';
import { SocketIoInstrumentation } from '@opentelemetry/instrumentation-socket.io';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
import {
  BatchSpanProcessor,
  ParentBasedSampler,
  type ReadableSpan,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
  TraceIdRatioBasedSampler,
} from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

export { type Context, context, type Span, SpanKind } from '@opentelemetry/api';

export type TracingSettings = Readonly<{
  serviceName: string;
  /** Export over OTLP/HTTP (the exporter reads OTEL_EXPORTER_OTLP_* itself). */
  otlp: boolean;
  /** Parent-based: a root span is kept with this probability, a child follows its parent. */
  sampleRatio: number;
  /**
   * True: the active span follows async calls (AsyncLocalStorage), so instrumentation spans (HTTP,
   * Redis commands) nest under ours. On Node 20 that costs about a third more CPU per command —
   * every promise pays for it, sampled or not — so by default it is off and our spans pass their
   * context explicitly (event metadata, message headers, notices); Next.js (apps/web) turns it on.
   */
  asyncContext?: boolean;
  /**
   * False: no HTTP server instrumentation, for an app whose handlers open their own SERVER spans
   * (the command side): a second span per request, its attributes computed whether sampled or
   * not, is most of what tracing costs there.
   */
  httpServerSpans?: boolean;
  /** Tests only: each process appends its finished spans as JSON lines to a file in here. */
  spanDir?: string;
  /** Extra processors (an in-memory exporter in a test). */
  spanProcessors?: readonly SpanProcessor[];
}>;

/**
 * Reads the standard variables: OTEL_EXPORTER_OTLP_ENDPOINT (or …_TRACES_ENDPOINT) turns
 * tracing on, OTEL_TRACES_SAMPLER_ARG is the ratio (default 1), OTEL_SERVICE_NAME overrides
 * the app's name, OTEL_SDK_DISABLED=true turns it all off. undefined: tracing stays off.
 */
export function tracingSettingsFrom(
  env: Readonly<Record<string, string | undefined>>,
  defaultServiceName: string,
): TracingSettings | undefined {
  const set = (name: string) => (env[name]?.trim() ?? '') !== '';
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return undefined;
  const otlp = set('OTEL_EXPORTER_OTLP_ENDPOINT') || set('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
  const spanDir = env.TASKOMASK_SPAN_DIR?.trim() || undefined;
  if (!otlp && spanDir === undefined) return undefined;
  const ratioText = env.OTEL_TRACES_SAMPLER_ARG?.trim() || '1';
  const sampleRatio = Number(ratioText);
  if (!Number.isFinite(sampleRatio) || sampleRatio < 0 || sampleRatio > 1) {
    throw new Error(`OTEL_TRACES_SAMPLER_ARG must be a ratio from 0 to 1, got ${ratioText}`);
  }
  return {
    serviceName: env.OTEL_SERVICE_NAME?.trim() || defaultServiceName,
    otlp,
    sampleRatio,
    ...(env.TASKOMASK_TRACE_ASYNC_CONTEXT?.trim().toLowerCase() === 'true'
      ? { asyncContext: true }
      : {}),
    ...(spanDir === undefined ? {} : { spanDir }),
  };
}

export type Tracing = Readonly<{
  /** Flushes what is buffered and unregisters everything. */
  shutdown(): Promise<void>;
}>;

let running: { sdk: NodeSDK; processors: SpanProcessor[]; shutdown(): Promise<void> } | undefined;

/**
 * Registers the SDK (NodeSDK): a parent-based ratio sampler, W3C trace context, explicit context
 * (or AsyncLocalStorage, see `asyncContext`), and the instrumentations for http (server side),
 * ioredis, mongodb and socket.io. There is no fastify instrumentation among our dependencies: the
 * http one makes the request spans of Fastify apps.
 *
 * The instrumentations patch a module when it is first required, so this must run before the
 * app imports them: each app's entry imports its `tracing-setup` module first. Under tsx/ESM,
 * CommonJS packages loaded through `import` are patched through their own internal `require`s
 * (fastify → http and socket.io, checked; mongodb's patched files likewise, unchecked here for
 * want of a MongoDB server); ioredis needs the preload below. The spans the
 * flow of a command needs (command, append, publish, process, projector write, socket emit) are
 * ours, made by hand with explicit parents, so the trace depends neither on patching nor on an
 * async context. amqplib's instrumentation is left out on purpose: our bus adapters make the
 * publish/process spans and put the context in the message headers themselves, across batching
 * and ordered dispatch.
 */
export function startTracing(settings: TracingSettings): Tracing {
  if (running) throw new Error('tracing is already started in this process');
  const processors: SpanProcessor[] = [...(settings.spanProcessors ?? [])];
  if (settings.otlp) processors.push(new BatchSpanProcessor(new OTLPTraceExporter()));
  if (settings.spanDir !== undefined) {
    processors.push(
      new SimpleSpanProcessor(jsonLinesExporter(settings.spanDir, settings.serviceName)),
    );
  }
  const sdk = new NodeSDK({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: settings.serviceName }),
    autoDetectResources: false,
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(settings.sampleRatio) }),
    spanProcessors: processors,
    textMapPropagator: new W3CTraceContextPropagator(),
    ...(settings.asyncContext === true ? {} : { contextManager: new ExplicitContextManager() }),
    // Traces only: metrics are Prometheus text at /metrics, logs are pino lines on stdout.
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: instrumentations(settings.httpServerSpans !== false),
  });
  sdk.start();
  preloadForPatching();
  const shutdown = async () => {
    if (running?.sdk !== sdk) return;
    running = undefined;
    await sdk.shutdown();
    trace.disable();
    propagation.disable();
    context.disable();
  };
  running = { sdk, processors, shutdown };
  return { shutdown };
}

/** startTracing when the environment asks for it; undefined (and nothing registered) else. */
export function startTracingFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  defaultServiceName: string,
  overrides: Pick<TracingSettings, 'asyncContext' | 'httpServerSpans'> = {},
): Tracing | undefined {
  const settings = tracingSettingsFrom(env, defaultServiceName);
  return settings === undefined ? undefined : startTracing({ ...settings, ...overrides });
}

/**
 * No active context beyond the call that set it: `context.with` just calls. Spans then have the
 * parent they are given, and instrumentations that look for an active span find none (their
 * spans are roots, or with requireParentSpan not made at all).
 */
class ExplicitContextManager implements ContextManager {
  active(): Context {
    return ROOT_CONTEXT;
  }
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    _context: Context,
    fn: F,
    thisArg?: ThisParameterType<F>,
    ...args: A
  ): ReturnType<F> {
    return fn.call(thisArg, ...args);
  }
  bind<T>(_context: Context, target: T): T {
    return target;
  }
  enable(): this {
    return this;
  }
  disable(): this {
    return this;
  }
}

/** Flushes and stops the tracing this process started, if any (on SIGTERM). */
export async function shutdownTracing(): Promise<void> {
  await running?.shutdown();
}

/** Hands every finished span to the exporters now (tests, before reading them). */
export async function flushSpans(): Promise<void> {
  await Promise.all((running?.processors ?? []).map((p) => p.forceFlush()));
}

export function tracingStarted(): boolean {
  return running !== undefined;
}

function instrumentations(httpServerSpans: boolean): Instrumentation[] {
  const http = httpServerSpans ? [httpInstrumentation()] : [];
  return [
    ...http,
    // Only inside a trace: the forwarder's polling and the leases would be thousands of roots.
    new IORedisInstrumentation({ requireParentSpan: true }),
    new MongoDBInstrumentation({ requireParentSpan: true }),
    new SocketIoInstrumentation(),
  ];
}

// No undici (fetch) instrumentation: it appends its own traceparent header beside the one our
// callers set (apps/web's forward), and two values make the API drop both. Callers inject.
function httpInstrumentation(): Instrumentation {
  return new HttpInstrumentation({
    // Outgoing requests go through fetch (see above); health probes and scrapes are noise.
    disableOutgoingRequestInstrumentation: true,
    ignoreIncomingRequestHook: (request) => /^\/(health|metrics)\b/.test(request.url ?? ''),
  });
}

/**
 * ioredis is patched on its main module, which an ESM `import` loads without going through
 * `require`, so the hook never sees it: requiring it once here patches the prototype that every
 * importer then shares (one copy, hoisted). Other instrumented packages are patched through
 * files they require themselves.
 */
function preloadForPatching(): void {
  const require = createRequire(import.meta.url);
  try {
    require('ioredis');
  } catch {
    // An app without ioredis has nothing to patch.
  }
}

const tracer = () => trace.getTracer('taskomask');

export type SpanOptions = Readonly<{
  kind?: SpanKind;
  attributes?: Attributes;
  /** The parent; the active context by default. */
  parent?: Context;
  links?: Link[];
}>;

/**
 * Runs `work` in a new active span and ends it when `work` settles, recording a failure. With
 * tracing off the API hands out a non-recording span and this is little more than a call.
 */
export function inSpan<T>(
  name: string,
  options: SpanOptions,
  work: (span: Span) => Promise<T> | T,
): Promise<T> {
  const parent = options.parent ?? context.active();
  const span = tracer().startSpan(
    name,
    {
      kind: options.kind ?? SpanKind.INTERNAL,
      ...(options.attributes === undefined ? {} : { attributes: options.attributes }),
      ...(options.links === undefined ? {} : { links: options.links }),
    },
    parent,
  );
  return context.with(trace.setSpan(parent, span), async () => {
    try {
      return await work(span);
    } catch (error) {
      failed(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

/** A span the caller ends (several spans over one batch). */
export function startSpan(name: string, options: SpanOptions): Span {
  return tracer().startSpan(
    name,
    {
      kind: options.kind ?? SpanKind.INTERNAL,
      ...(options.attributes === undefined ? {} : { attributes: options.attributes }),
      ...(options.links === undefined ? {} : { links: options.links }),
    },
    options.parent ?? context.active(),
  );
}

export function failed(span: Span, error: unknown): void {
  if (!span.isRecording()) return;
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({
    code: SpanStatusCode.ERROR,
    message: error instanceof Error ? error.message : String(error),
  });
}

const w3c = new W3CTraceContextPropagator();
const recordSetter: TextMapSetter<Record<string, string>> = {
  set: (carrier, key, value) => {
    carrier[key] = value;
  },
};
const recordGetter: TextMapGetter<Readonly<Record<string, string | undefined>>> = {
  get: (carrier, key) => carrier[key],
  keys: (carrier) => Object.keys(carrier),
};

/**
 * The `traceparent` of the span in `ctx` (the active one by default), or undefined when there is
 * none — always so with tracing off, where callers keep whatever traceparent they were given.
 */
export function currentTraceparent(ctx: Context = context.active()): string | undefined {
  if (!running) return undefined;
  const carrier: Record<string, string> = {};
  w3c.inject(ctx, carrier, recordSetter);
  return carrier.traceparent;
}

/** A context whose active span is `span`: the parent to give its children. */
export function contextOf(span: Span, base: Context = ROOT_CONTEXT): Context {
  return trace.setSpan(base, span);
}

/** The traceparent of one span (the context of a message it publishes). */
export function traceparentOfSpan(span: Span): string | undefined {
  return currentTraceparent(trace.setSpan(ROOT_CONTEXT, span));
}

/** A context whose remote parent is `traceparent`; `base` (the active one) when it is absent. */
export function contextFromTraceparent(
  traceparent: string | undefined,
  base: Context = context.active(),
): Context {
  if (!running || traceparent === undefined) return base;
  return w3c.extract(base, { traceparent }, recordGetter);
}

/** Adds `traceparent` (and `tracestate`) of the active span to outgoing headers. */
export function injectTraceHeaders(headers: Record<string, string>, ctx = context.active()): void {
  if (running) w3c.inject(ctx, headers, recordSetter);
}

/** The context carried by incoming headers (HTTP, message), or the active one. */
export function contextFromHeaders(
  headers: Readonly<Record<string, string | undefined>>,
  base: Context = context.active(),
): Context {
  if (!running) return base;
  return w3c.extract(base, headers, recordGetter);
}

/** True when `ctx` holds a span (one of ours, or one an instrumentation opened). */
export function hasSpan(ctx: Context = context.active()): boolean {
  return trace.getSpanContext(ctx) !== undefined;
}

/** Links to the spans of other contexts (the other traces one batch served). */
export function linksTo(contexts: readonly Context[]): Link[] {
  return contexts.flatMap((c) => {
    const linked = trace.getSpanContext(c);
    return linked === undefined ? [] : [{ context: linked }];
  });
}

/** Tests: one finished span as a JSON line. */
export type SpanRecord = {
  service: string;
  name: string;
  kind: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  links: { traceId: string; spanId: string }[];
  attributes: Attributes;
  status: number;
};

export function spanRecord(span: ReadableSpan, service: string): SpanRecord {
  const parentSpanId = span.parentSpanContext?.spanId;
  return {
    service,
    name: span.name,
    kind: SpanKind[span.kind],
    traceId: span.spanContext().traceId,
    spanId: span.spanContext().spanId,
    ...(parentSpanId === undefined ? {} : { parentSpanId }),
    links: span.links.map((l) => ({ traceId: l.context.traceId, spanId: l.context.spanId })),
    attributes: span.attributes,
    status: span.status.code,
  };
}

function jsonLinesExporter(dir: string, service: string): SpanExporter {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${service}-${process.pid}.jsonl`);
  return {
    export(spans, done) {
      try {
        // Synchronous, so a span is on disk once it ended: a test reads the file right after.
        appendFileSync(
          file,
          spans.map((s) => `${JSON.stringify(spanRecord(s, service))}\n`).join(''),
        );
        done({ code: ExportResultCode.SUCCESS });
      } catch (error) {
        done({ code: ExportResultCode.FAILED, error: error as Error });
      }
    },
    shutdown: async () => {},
    forceFlush: async () => {},
  };
}
