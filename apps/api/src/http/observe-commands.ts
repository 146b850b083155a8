import type { FastifyInstance, onResponseAsyncHookHandler, RouteHandlerMethod } from 'fastify';
import { inCommandSpan } from './tracing';

type Duration = Readonly<{
  observe(labels: { command: string; outcome: string }, seconds: number): void;
}>;

/**
 * For routes registered after this call whose `METHOD url` `operationOf` names: each request in
 * its command span and every answer (401s and 409s too) in the command-duration histogram, as
 * the member commands are. A hook on route registration, so the routes' own files stay as they are.
 */
export function observeCommandRoutes(
  app: FastifyInstance,
  {
    duration,
    outcomeOf,
    operationOf,
  }: {
    duration: Duration;
    outcomeOf: (status: number) => string;
    operationOf: (method: string, url: string) => string | undefined;
  },
): void {
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const operation = operationOf(String(methods[0]), route.url);
    if (operation === undefined) return;
    const handler = route.handler as RouteHandlerMethod;
    route.handler = function (this: FastifyInstance, request, reply) {
      return inCommandSpan(request, operation, async () => handler.call(this, request, reply));
    };
    const observed: onResponseAsyncHookHandler = async (_request, reply) => {
      duration.observe(
        { command: operation, outcome: outcomeOf(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
    };
    route.onResponse = [
      ...(route.onResponse === undefined
        ? []
        : Array.isArray(route.onResponse)
          ? route.onResponse
          : [route.onResponse]),
      observed,
    ];
  });
}
