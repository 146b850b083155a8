import { fieldErrorsOf } from '@taskomask/contracts';
import {
  AlreadyExists,
  DomainError,
  ForbiddenError,
  NotFoundError,
  RuleViolation,
  ValidationError,
} from '@taskomask/domain';
import { InvalidAppendError, WrongExpectedVersionError } from '@taskomask/eventstore';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { invalidFields, Problem, problemKinds, problemType } from './problem';

// Fastify's own request errors, by code.
const fastifyProblems: Readonly<Record<string, () => Problem>> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () =>
    new Problem('unsupported-media-type', 'send the body as application/json'),
  FST_ERR_CTP_BODY_TOO_LARGE: () =>
    new Problem('payload-too-large', 'the request body is larger than this endpoint accepts'),
  FST_ERR_CTP_INVALID_JSON_BODY: () => new Problem('malformed-body', 'the body is not valid JSON'),
  FST_ERR_CTP_EMPTY_JSON_BODY: () =>
    new Problem('malformed-body', 'the body is empty but the content type says JSON'),
  // A path segment past maxParamLength: a bad id like any other, not the router's bare 414.
  FST_ERR_MAX_PARAM_LENGTH: () =>
    invalidFields([{ field: 'path', reason: 'a path segment is longer than 1000 characters' }]),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () =>
    new Problem('malformed-body', 'the body does not match its Content-Length'),
};

type FastifyLikeError = Error & { code?: unknown; statusCode?: unknown };

function domainProblem(error: DomainError): Problem {
  if (error instanceof ValidationError) {
    return invalidFields([{ field: error.field, reason: error.reason }]);
  }
  if (error instanceof RuleViolation) {
    return new Problem('rule-violation', error.message, { extensions: { rule: error.rule } });
  }
  if (error instanceof NotFoundError) return new Problem('not-found', error.message);
  if (error instanceof ForbiddenError) return new Problem('forbidden', error.message);
  if (error instanceof AlreadyExists) return new Problem('conflict', error.message);
  const kind = (
    {
      validation: 'validation',
      forbidden: 'forbidden',
      not_found: 'not-found',
      conflict: 'conflict',
      rule: 'rule-violation',
    } as const
  )[error.code];
  return new Problem(kind, error.message);
}

/** Every error, ours or not, as the problem to answer with. Unknown errors are 500s. */
export function problemOf(error: unknown): Problem {
  if (error instanceof Problem) return error;
  if (error instanceof DomainError) return domainProblem(error);
  if (error instanceof ZodError) return invalidFields(fieldErrorsOf(error));
  if (error instanceof WrongExpectedVersionError) {
    return new Problem('conflict', 'someone else changed this at the same time; reload and retry');
  }
  if (error instanceof InvalidAppendError) {
    return new Problem('internal', 'the server could not complete the request', { cause: error });
  }
  const candidate = error as FastifyLikeError;
  if (error instanceof Error && typeof candidate.code === 'string') {
    const known = fastifyProblems[candidate.code];
    if (known !== undefined) return known();
    const status = typeof candidate.statusCode === 'number' ? candidate.statusCode : 500;
    if (status === 404) return new Problem('not-found', candidate.message);
    if (status === 405) return new Problem('method-not-allowed', candidate.message);
    if (status >= 400 && status < 500) {
      return new Problem('validation', candidate.message, { status });
    }
  }
  return new Problem('internal', 'the server could not complete the request', { cause: error });
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: Problem) {
  const body: Record<string, unknown> = {
    type: problemType(problem.kind),
    title: problemKinds[problem.kind].title,
    status: problem.status,
    detail: problem.message,
    instance: request.url,
    ...(problem.errors === undefined ? {} : { errors: problem.errors }),
    ...problem.extensions,
    requestId: request.id,
  };
  return reply
    .code(problem.status)
    .headers(problem.headers)
    .type('application/problem+json')
    .send(body);
}

/**
 * The one place errors become HTTP answers: RFC 9457 problem+json, never a stack trace; 5xx are
 * logged with the request id (the logger's child carries it) so a quoted `requestId` finds them.
 */
export function registerProblemHandling(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const problem = problemOf(error);
    if (problem.status >= 500) {
      request.log.error({ err: problem.cause ?? error, reqId: request.id }, 'request failed');
    }
    return sendProblem(request, reply, problem);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      request,
      reply,
      new Problem('not-found', `there is no ${request.method} ${request.url.split('?')[0]}`),
    ),
  );
}
