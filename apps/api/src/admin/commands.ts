import {
  AddMemberBody,
  ChangeMemberRoleBody,
  CommandResult,
  MemberParams,
  type Scope,
  WorkspaceParams,
} from '@taskomask/contracts';
import {
  type AccountAdminMemberCommand,
  DomainError,
  decideMembersAsAccountAdmin,
  decideOwnerAccount,
  initialEmailReservation,
  type OwnerAccountCommand,
  ownerDecider,
  streamName,
  workspaceDecider,
} from '@taskomask/domain';
import type { FastifyInstance, RouteHandlerMethod } from 'fastify';
import type { z } from 'zod';
import type { Intent, StateCache } from '../commands/aggregates';
import type { CommandStore } from '../commands/execute';
import { executeCommand, type LoadDecision } from '../commands/execute';
import { etagOf, parseIdempotencyKey, parseIfMatch } from '../commands/headers';
import { fingerprintOf } from '../commands/idempotency';
import { type BearerAuth, principalOf } from '../http/auth';
import type { RouteDoc } from '../http/openapi';
import { parseOrThrow } from '../http/parse';
import { eventMetadataFor } from '../http/tracing';
import { requireAdminToken } from './access';
import { OwnerParams } from './schemas';

/** Every admin write needs this scope besides the admin role (no read-only token changes accounts). */
export const adminWriteScope: Scope = 'workspaces:write';

/** One admin command endpoint: what it parses and which decision it loads. */
export type AdminCommandRoute = Readonly<{
  method: 'POST' | 'PATCH' | 'DELETE';
  url: string;
  operationId: string;
  summary: string;
  params: z.ZodObject;
  body?: z.ZodType;
  /** 201 when it wrote something (a new membership), else 200. */
  creates?: true;
  decision: (params: never, body: never) => LoadDecision;
}>;

type AccountCommandType = Exclude<
  OwnerAccountCommand['type'],
  'UpdateOwnerProfile' | 'ChangeOwnerPassword'
>;

/**
 * `owner-<ownerId>` and, as the actor, `owner-<caller>`: decideOwnerAccount lets only an active
 * account admin act, and never on their own account (except granting, a no-op for an admin).
 */
function accountDecision(type: AccountCommandType, ownerId: string): LoadDecision {
  return async (reads, metadata) => {
    const command = { type, data: { ownerId }, metadata } as OwnerAccountCommand;
    const ownerStream = streamName.owner(ownerId);
    const owner = await reads.fold(ownerStream, ownerDecider);
    const actor =
      metadata.userId === ownerId
        ? owner
        : await reads.fold(streamName.owner(metadata.userId), ownerDecider);
    return {
      primary: ownerStream,
      target: ownerStream,
      decide() {
        const decided = decideOwnerAccount(command, {
          owner,
          actor,
          newEmail: initialEmailReservation(),
        });
        return new Map(decided.owner.length === 0 ? [] : [[ownerStream, decided.owner]]);
      },
    };
  };
}

/**
 * `workspace-<id>` and, as the actor, `owner-<caller>`: decideMembersAsAccountAdmin checks the
 * caller's account in its own stream, then the member rules with an owner's authority. Only the
 * workspace stream is written.
 */
function memberDecision(
  workspaceId: string,
  intent: Intent<AccountAdminMemberCommand>,
): LoadDecision {
  return async (reads, metadata) => {
    const command = { ...intent, metadata } as AccountAdminMemberCommand;
    const workspaceStream = streamName.workspace(workspaceId);
    const actor = await reads.fold(streamName.owner(metadata.userId), ownerDecider);
    const workspace = await reads.fold(workspaceStream, workspaceDecider);
    return {
      primary: workspaceStream,
      target: workspaceStream,
      decide() {
        const events = decideMembersAsAccountAdmin(command, { workspace, actor });
        return new Map(events.length === 0 ? [] : [[workspaceStream, events]]);
      },
    };
  };
}

function route<P extends z.ZodObject, B extends z.ZodType | undefined = undefined>(
  definition: Omit<AdminCommandRoute, 'params' | 'body' | 'decision'> & {
    params: P;
    body?: B;
    decision: (
      params: z.infer<P>,
      body: B extends z.ZodType ? z.infer<B> : undefined,
    ) => LoadDecision;
  },
): AdminCommandRoute {
  return definition as unknown as AdminCommandRoute;
}

export const adminCommandRoutes: readonly AdminCommandRoute[] = [
  route({
    method: 'POST',
    url: '/admin/owners/:ownerId/deactivate',
    operationId: 'adminDeactivateOwner',
    summary: 'Deactivate an account (not your own): it can no longer sign in or refresh tokens',
    params: OwnerParams,
    decision: ({ ownerId }) => accountDecision('DeactivateOwner', ownerId),
  }),
  route({
    method: 'POST',
    url: '/admin/owners/:ownerId/reactivate',
    operationId: 'adminReactivateOwner',
    summary: 'Reactivate a deactivated account',
    params: OwnerParams,
    decision: ({ ownerId }) => accountDecision('ReactivateOwner', ownerId),
  }),
  route({
    method: 'POST',
    url: '/admin/owners/:ownerId/admin',
    operationId: 'adminGrantAdmin',
    summary: 'Make an account an account admin',
    params: OwnerParams,
    decision: ({ ownerId }) => accountDecision('GrantAdmin', ownerId),
  }),
  route({
    method: 'DELETE',
    url: '/admin/owners/:ownerId/admin',
    operationId: 'adminRevokeAdmin',
    summary: 'Take the admin role from an account (not your own)',
    params: OwnerParams,
    decision: ({ ownerId }) => accountDecision('RevokeAdmin', ownerId),
  }),
  route({
    method: 'POST',
    url: '/admin/workspaces/:workspaceId/members',
    operationId: 'adminAddMember',
    summary: 'Add a member to any workspace, with any role (also owner)',
    params: WorkspaceParams,
    body: AddMemberBody,
    creates: true,
    decision: ({ workspaceId }, body) =>
      memberDecision(workspaceId, {
        type: 'AddMember',
        data: { workspaceId, ownerId: body.ownerId, role: body.role },
      }),
  }),
  route({
    method: 'PATCH',
    url: '/admin/workspaces/:workspaceId/members/:ownerId',
    operationId: 'adminChangeMemberRole',
    summary: 'Change the role of a member of any workspace; the last owner stays',
    params: MemberParams,
    body: ChangeMemberRoleBody,
    decision: ({ workspaceId, ownerId }, body) =>
      memberDecision(workspaceId, {
        type: 'ChangeMemberRole',
        data: { workspaceId, ownerId, role: body.role },
      }),
  }),
  route({
    method: 'DELETE',
    url: '/admin/workspaces/:workspaceId/members/:ownerId',
    operationId: 'adminRemoveMember',
    summary: 'Remove a member from any workspace; the last owner stays',
    params: MemberParams,
    decision: ({ workspaceId, ownerId }) =>
      memberDecision(workspaceId, { type: 'RemoveMember', data: { workspaceId, ownerId } }),
  }),
];

// Being no admin (403) or naming nothing (404) is the answer whatever version If-Match names.
const winsOverStale = (error: unknown) =>
  error instanceof DomainError && (error.code === 'forbidden' || error.code === 'not_found');

export type AdminCommandOptions = Readonly<{
  auth: BearerAuth;
  store: CommandStore;
  /** Re-decisions after a concurrent write before answering 409; 3 by default. */
  retries?: number;
  /** The command side's cache of folded states, shared so admin and member writes read less. */
  states?: StateCache;
}>;

function handlerFor(route: AdminCommandRoute, options: AdminCommandOptions): RouteHandlerMethod {
  return async (request, reply) => {
    const { userId } = principalOf(request);
    const params = parseOrThrow(route.params, request.params, 'path');
    const body = route.body === undefined ? undefined : parseOrThrow(route.body, request.body);
    const ifMatch = parseIfMatch(request.headers['if-match']);
    const key = parseIdempotencyKey(request.headers['idempotency-key']);
    const metadata = eventMetadataFor(request, userId);
    reply.header('x-correlation-id', metadata.correlationId);
    const answer = await executeCommand(
      options.store,
      {
        load: route.decision(params as never, body as never),
        metadata,
        now: new Date().toISOString(),
        writtenStatus: route.creates ? 201 : 200,
        hides: winsOverStale,
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
      },
      {
        ...(options.retries === undefined ? {} : { retries: options.retries }),
        ...(options.states === undefined ? {} : { states: options.states }),
      },
    );
    reply.code(answer.status).header('etag', etagOf(answer.version));
    if (answer.replayed) reply.header('idempotent-replayed', 'true');
    return { version: answer.version, position: answer.position };
  };
}

/**
 * Mounts the admin command routes on the command API: a token with `workspaces:write` and `role:
 * admin` (else 401/403), then the decision re-checks the caller's account in its event stream.
 */
export function registerAdminCommands(app: FastifyInstance, options: AdminCommandOptions): void {
  for (const route of adminCommandRoutes) {
    app.route({
      method: route.method,
      url: route.url,
      onRequest: [options.auth.require(adminWriteScope), requireAdminToken],
      handler: handlerFor(route, options),
    });
  }
}

const etagHeader = {
  ETag: { description: 'the version of the changed stream, e.g. "3"', schema: { type: 'string' } },
};

/** The admin command routes as the OpenAPI document lists them. */
export const adminCommandRouteDocs: readonly RouteDoc[] = adminCommandRoutes.map((route) => ({
  method: route.method,
  url: route.url,
  operationId: route.operationId,
  summary: route.summary,
  description:
    'Account admins only: the token must carry `role: admin`, and the account must be an active admin in its own event stream (a demoted admin’s token is refused).',
  tags: ['admin'],
  scope: adminWriteScope,
  params: route.params,
  ...(route.body === undefined ? {} : { body: route.body }),
  headers: ['IdempotencyKey', 'IfMatch', 'CorrelationId', 'Traceparent'],
  responses: Object.fromEntries([
    ...(route.creates
      ? [[201, { description: 'added', schema: CommandResult, headers: etagHeader }]]
      : []),
    [
      200,
      {
        description: route.creates ? 'nothing changed' : 'done (or nothing to change)',
        schema: CommandResult,
        headers: etagHeader,
      },
    ],
  ]),
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
}));
