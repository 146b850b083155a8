import { randomUUID } from 'node:crypto';
import type { Span } from '@taskomask/observability';
import type { FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';
import { principalOf } from '../http/auth';
import { parseOrThrow } from '../http/parse';
import { eventMetadataFor, inCommandSpan } from '../http/tracing';
import type { StateCache } from './aggregates';
import { type CommandStore, executeCommand } from './execute';
import { etagOf, parseIdempotencyKey, parseIfMatch } from './headers';
import { fingerprintOf } from './idempotency';
import type { PlannedCommand } from './routes/route';

export type CommandHandling = Readonly<{
  store: CommandStore;
  /** Re-decisions after a concurrent write before answering 409; 3 by default. */
  retries?: number;
  /** The command side's cache of folded states, shared by every route. */
  states?: StateCache;
  /**
   * True for an error that must win over a stale If-Match: a 404 that hides whether the
   * resource exists, so a 412 never confirms another workspace's ids.
   */
  hides: (error: unknown) => boolean;
  /** What a hiding error answers instead, given the parsed path (a 404 naming the URL's id). */
  rewrite?: (error: unknown, params: Record<string, string>) => unknown;
  /** Run in a `command <operationId>` span (the domain routes; the admin routes are not). */
  traced: boolean;
}>;

/**
 * The HTTP side of every command, domain and admin alike: parse path, body and headers, run
 * the one write loop on the route's plan, answer the version (also the ETag) and position.
 */
export function commandHandler(
  route: PlannedCommand,
  { store, retries, states, hides, rewrite, traced }: CommandHandling,
): RouteHandlerMethod {
  const writtenStatus = route.creates === undefined ? 200 : 201;
  const loopOptions = {
    ...(retries === undefined ? {} : { retries }),
    ...(states === undefined ? {} : { states }),
  };
  const handle = async (request: FastifyRequest, reply: FastifyReply, span?: Span) => {
    const { userId } = principalOf(request);
    const params = parseOrThrow(route.params, request.params, 'path') as Record<string, string>;
    const body = route.body === undefined ? undefined : parseOrThrow(route.body, request.body);
    const ifMatch = parseIfMatch(request.headers['if-match']);
    const key = parseIdempotencyKey(request.headers['idempotency-key']);
    const newId = randomUUID();
    const metadata = eventMetadataFor(request, userId, span);
    reply.header('x-correlation-id', metadata.correlationId);
    try {
      const answer = await executeCommand(
        store,
        {
          plan: route.plan(params, body, newId),
          metadata,
          now: new Date().toISOString(),
          writtenStatus,
          ...(route.creates === 'id' ? { createdId: newId } : {}),
          ...(ifMatch === undefined ? {} : { ifMatch }),
          ...(key === undefined
            ? {}
            : {
                idempotency: {
                  key,
                  fingerprint: fingerprintOf(
                    request.method,
                    request.url.split('?')[0]!,
                    // The validated body: a route without one ignores whatever was sent.
                    body,
                  ),
                },
              }),
          hides,
        },
        loopOptions,
      );
      reply.code(answer.status).header('etag', etagOf(answer.version));
      if (answer.replayed) reply.header('idempotent-replayed', 'true');
      return {
        ...(answer.id === undefined ? {} : { id: answer.id }),
        version: answer.version,
        position: answer.position,
      };
    } catch (error) {
      if (rewrite !== undefined && hides(error)) throw rewrite(error, params);
      throw error;
    }
  };
  return traced
    ? (request, reply) =>
        inCommandSpan(request, route.operationId, (span) => handle(request, reply, span))
    : (request, reply) => handle(request, reply);
}
