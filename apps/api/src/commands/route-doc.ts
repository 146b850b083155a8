import { CommandResult } from '@taskomask/contracts';
import type { ResponseDoc, RouteDoc } from '../http/openapi';
import type { PlannedCommand } from './routes/route';

const etagHeader = {
  ETag: { description: 'the version of the changed stream, e.g. "3"', schema: { type: 'string' } },
};

/** A command's success answer: the CommandResult, its stream version also as the ETag. */
export const commandAnswer = (description: string): ResponseDoc => ({
  description,
  schema: CommandResult,
  headers: etagHeader,
});

/**
 * The OpenAPI entry of a command endpoint: what every one declares alike (its contract's params
 * and body, the write headers, the problems a write may answer), with what `doc` says of it.
 */
export function commandRouteDoc(
  route: PlannedCommand,
  doc: Pick<RouteDoc, 'summary' | 'description' | 'tags' | 'scope' | 'responses'>,
): RouteDoc {
  return {
    method: route.method,
    url: route.url,
    operationId: route.operationId,
    ...doc,
    params: route.params,
    ...(route.body === undefined ? {} : { body: route.body }),
    headers: ['IdempotencyKey', 'IfMatch', 'CorrelationId', 'Traceparent'],
    problems: [
      400,
      401,
      403,
      404,
      409,
      412,
      ...(route.body === undefined ? [] : [413, 415]),
      422,
      503,
    ],
  };
}
