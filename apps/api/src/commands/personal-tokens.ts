import { randomBytes, randomUUID } from 'node:crypto';
import {
  CreatedPersonalTokenDto,
  type CreatePersonalTokenBody,
  personalTokenText,
} from '@taskomask/contracts';
import { personalTokensOfCaller } from '@taskomask/domain';
import type { RouteHandlerMethod } from 'fastify';
import { principalOf } from '../http/auth';
import type { RouteDoc } from '../http/openapi';
import { parseOrThrow } from '../http/parse';
import { secretHashOf } from '../http/personal-tokens';
import { Problem } from '../http/problem';
import { eventMetadataFor, inCommandSpan } from '../http/tracing';
import { planOf, type StateCache } from './aggregates';
import { type CommandStore, executeCommand } from './execute';
import { commandRouteDoc } from './route-doc';
import type { CommandRoute } from './routes/route';

/**
 * POST /me/tokens: makes the token's id and 256-bit secret here, decides and appends the
 * creation with only the secret's SHA-256, and answers the token once. No Idempotency-Key: a
 * replay could not show the secret again, so a retry makes another token (revoke the spare).
 * A personal token cannot make tokens: a leaked one must not outlive its own revocation.
 */
export function createPersonalTokenHandler(
  route: CommandRoute,
  options: Readonly<{ store: CommandStore; retries?: number; states?: StateCache }>,
): RouteHandlerMethod {
  return (request, reply) =>
    inCommandSpan(request, route.operationId, async (span) => {
      const principal = principalOf(request);
      if (principal.via === 'personal-token') {
        throw new Problem(
          'forbidden',
          'a personal API token cannot make tokens; sign in to make one',
        );
      }
      const body = parseOrThrow(route.body!, request.body) as CreatePersonalTokenBody;
      const tokenId = randomUUID();
      const secret = randomBytes(32).toString('base64url');
      const metadata = eventMetadataFor(request, principal.userId, span);
      reply.header('x-correlation-id', metadata.correlationId);
      const answer = await executeCommand(
        options.store,
        {
          plan: planOf(personalTokensOfCaller, 'me', [
            {
              type: 'CreatePersonalToken',
              data: {
                tokenId,
                name: body.name,
                scopes: body.scopes,
                expiresAt: body.expiresAt ?? null,
                secretHash: secretHashOf(secret),
              },
            },
          ]),
          metadata,
          now: new Date().toISOString(),
          writtenStatus: 201,
          createdId: tokenId,
        },
        {
          ...(options.retries === undefined ? {} : { retries: options.retries }),
          ...(options.states === undefined ? {} : { states: options.states }),
        },
      );
      reply.code(201).header('cache-control', 'no-store');
      return {
        id: tokenId,
        token: personalTokenText(principal.userId, tokenId, secret),
        version: answer.version,
        position: answer.position,
      } satisfies CreatedPersonalTokenDto;
    });
}

export function createPersonalTokenDoc(route: CommandRoute): RouteDoc {
  const doc = commandRouteDoc(route, {
    summary: route.summary,
    description:
      'Answers the token this once (`Cache-Control: no-store`); only the SHA-256 of its secret is kept. Send it as `Authorization: Bearer tmpat_…` to both APIs and the Socket.IO handshake: `read` grants the `*:read` scopes, `write` the `*:write` scopes, with the person’s own permissions. Needs a sign-in: a personal token cannot make tokens (403). Idempotency-Key is not supported here (a replay could not show the token again).',
    tags: [route.tag],
    scope: route.scope,
    responses: {
      201: { description: 'made; the token is in the answer', schema: CreatedPersonalTokenDto },
    },
  });
  return { ...doc, headers: ['CorrelationId', 'Traceparent'], personalToken: false };
}
