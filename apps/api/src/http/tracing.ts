import { randomUUID } from 'node:crypto';
import type { EventMetadata } from '@taskomask/domain';
import {
  type Context,
  context,
  contextFromTraceparent,
  currentTraceparent,
  hasSpan,
  inSpan,
  type Span,
  SpanKind,
  traceparentOfSpan,
} from '@taskomask/observability';
import type { FastifyRequest } from 'fastify';

// W3C Trace Context: version-traceid-parentid-flags, lowercase hex. An invalid header is dropped,
// as the spec says, rather than refused.
const traceparentPattern = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;
const correlationPattern = /^[\x21-\x7e]{1,200}$/;

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value.trim() : undefined;
}

// Made once per request: the log line, the reply header and the events must name the same one.
const correlationIds = new WeakMap<FastifyRequest, string>();

/** The caller's correlation id when it is sane, else a new one (the same for the whole request). */
export function correlationIdOf(request: FastifyRequest): string {
  const known = correlationIds.get(request);
  if (known !== undefined) return known;
  const given = header(request, 'x-correlation-id');
  const id = given !== undefined && correlationPattern.test(given) ? given : randomUUID();
  correlationIds.set(request, id);
  return id;
}

export function traceparentOf(request: FastifyRequest): string | undefined {
  const given = header(request, 'traceparent');
  return given !== undefined && traceparentPattern.test(given) ? given : undefined;
}

/**
 * What every event written for this request carries: who, which conversation, which request —
 * and the trace: the command's span (or the active one) when tracing is on, so the forwarder
 * continues it; else the caller's traceparent passed through unchanged.
 */
export function eventMetadataFor(
  request: FastifyRequest,
  userId: string,
  span?: Span,
): EventMetadata {
  const traceparent =
    (span && traceparentOfSpan(span)) ?? currentTraceparent() ?? traceparentOf(request);
  return {
    userId,
    correlationId: correlationIdOf(request),
    causationId: request.id,
    ...(traceparent === undefined ? {} : { traceparent }),
  };
}

/** Where a request's own spans hang: the HTTP server span when the instrumentation opened one. */
function requestContext(request: FastifyRequest): Context {
  return hasSpan() ? context.active() : contextFromTraceparent(traceparentOf(request));
}

/** Runs a command's handling in its span (a no-op span with tracing off). */
export function inCommandSpan<T>(
  request: FastifyRequest,
  operation: string,
  work: (span: Span) => Promise<T>,
): Promise<T> {
  return inSpan(
    `command ${operation}`,
    {
      // The server span itself when nothing opened one for this request.
      kind: hasSpan() ? SpanKind.INTERNAL : SpanKind.SERVER,
      parent: requestContext(request),
      attributes: { 'taskomask.command': operation, 'http.request.method': request.method },
    },
    work,
  );
}
