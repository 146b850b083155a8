import {
  OwnerParams,
  type PersonalTokenDto,
  PersonalTokenListDto as PersonalTokenList,
  type PersonalTokenListDto,
} from '@taskomask/contracts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { requireAdminToken } from '../admin/access';
import { adminReadScope } from '../admin/queries';
import { type BearerAuth, principalOf } from '../http/auth';
import type { RouteDoc } from '../http/openapi';
import { parseOrThrow } from '../http/parse';
import { type PersonalTokenStore, statusOf } from '../http/personal-tokens';
import { Problem } from '../http/problem';

/** A person's tokens, newest first, from their `tokens-<ownerId>` stream and last-use keys. */
export async function personalTokenList(
  tokens: PersonalTokenStore,
  ownerId: string,
  now: number,
): Promise<PersonalTokenListDto> {
  const state = await tokens.tokensOf(ownerId);
  const items = await Promise.all(
    [...state.tokens.values()].map(async (token): Promise<PersonalTokenDto> => {
      const used = await tokens.lastUsed(token.tokenId);
      return {
        tokenId: token.tokenId,
        name: token.name,
        scopes: [...token.scopes],
        createdAt: token.createdAt,
        expiresAt: token.expiresAt,
        lastUsedAt: used === null ? null : new Date(used).toISOString(),
        revokedAt: token.revokedAt,
        status: statusOf(token, now),
      };
    }),
  );
  items.sort((a, b) =>
    a.createdAt === b.createdAt
      ? a.tokenId < b.tokenId
        ? -1
        : 1
      : a.createdAt < b.createdAt
        ? 1
        : -1,
  );
  return { ownerId, items };
}

const NoQuery = z.strictObject({});
const NoParams = z.strictObject({});

export type PersonalTokenQueryOptions = Readonly<{
  auth: BearerAuth;
  tokens: PersonalTokenStore;
  now?: () => number;
}>;

function answer(reply: FastifyReply, list: PersonalTokenListDto) {
  // Read from the event store, not the read store: exact right after a create or revoke.
  reply.header('cache-control', 'private, no-store');
  return list;
}

/**
 * GET /me/tokens (your own) and GET /admin/owners/:ownerId/tokens (an account admin's view of
 * anyone's). Straight from the event store, like token checks, so a list made right after a
 * revocation shows it.
 */
export function registerPersonalTokenQueries(
  app: FastifyInstance,
  options: PersonalTokenQueryOptions,
): void {
  const now = options.now ?? Date.now;
  app.get(
    '/me/tokens',
    { onRequest: options.auth.require('workspaces:read') },
    async (request, reply) => {
      parseOrThrow(NoQuery, request.query ?? {}, 'query');
      return answer(
        reply,
        await personalTokenList(options.tokens, principalOf(request).userId, now()),
      );
    },
  );
  app.get(
    '/admin/owners/:ownerId/tokens',
    { onRequest: [options.auth.require(adminReadScope), requireAdminToken] },
    async (request, reply) => {
      const { ownerId } = parseOrThrow(OwnerParams, request.params ?? {}, 'path');
      parseOrThrow(NoQuery, request.query ?? {}, 'query');
      const accounts = options.auth.accounts;
      const list = await personalTokenList(options.tokens, ownerId, now());
      // An id no account and no token stream knows is not found, as elsewhere under /admin.
      if (list.items.length === 0 && accounts !== undefined && (await accounts(ownerId)) === null) {
        throw new Problem('not-found', `owner ${ownerId} not found`);
      }
      return answer(reply, list);
    },
  );
}

const noStore = {
  'Cache-Control': { description: '`private, no-store`', schema: { type: 'string' } },
};

export const personalTokenQueryRouteDocs: readonly RouteDoc[] = [
  {
    method: 'GET',
    url: '/me/tokens',
    operationId: 'listPersonalTokens',
    summary: 'Your personal API tokens: name, scopes, created, expires, last used, revoked',
    description:
      'Never the secret or its hash. Read from the event store, so it shows a token made or revoked by the command just answered.',
    tags: ['tokens'],
    scope: 'workspaces:read',
    params: NoParams,
    query: NoQuery,
    responses: { 200: { description: 'the tokens', schema: PersonalTokenList, headers: noStore } },
    problems: [400, 401, 403, 503],
  },
  {
    method: 'GET',
    url: '/admin/owners/:ownerId/tokens',
    operationId: 'adminListPersonalTokens',
    summary: 'Anyone’s personal API tokens (account admins only)',
    description: 'Account admins only: the token must carry `role: admin`. Never a secret or hash.',
    tags: ['admin'],
    scope: adminReadScope,
    params: OwnerParams,
    query: NoQuery,
    responses: { 200: { description: 'the tokens', schema: PersonalTokenList, headers: noStore } },
    problems: [400, 401, 403, 404, 503],
  },
];
