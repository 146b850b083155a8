import type { CommandName, Scope } from '@taskomask/contracts';
import {
  DomainError,
  membersByAccountAdmin,
  ownerAccountByAdmin,
  personalTokensByAdmin,
} from '@taskomask/domain';
import type { FastifyInstance } from 'fastify';
import { planOf, type StateCache } from '../commands/aggregates';
import type { CommandStore } from '../commands/execute';
import { commandHandler } from '../commands/handler';
import { commandAnswer, commandRouteDoc } from '../commands/route-doc';
import { type PlannedCommand, planned } from '../commands/routes/route';
import type { BearerAuth } from '../http/auth';
import type { RouteDoc } from '../http/openapi';
import { requireAdminToken } from './access';

/** Every admin write needs this scope besides the admin role (no read-only token changes accounts). */
export const adminWriteScope: Scope = 'workspaces:write';

export type AdminCommandRoute = PlannedCommand & Readonly<{ summary: string }>;

const adminCommand = <N extends CommandName>(
  name: N,
  summary: string,
  definition: Parameters<typeof planned<N>>[1],
): AdminCommandRoute => ({ ...planned(name, definition), summary });

export const adminCommandRoutes: readonly AdminCommandRoute[] = [
  adminCommand(
    'adminDeactivateOwner',
    'Deactivate an account (not your own): it can no longer sign in or refresh tokens',
    {
      plan: ({ ownerId }) =>
        planOf(ownerAccountByAdmin, ownerId, [{ type: 'DeactivateOwner', data: { ownerId } }]),
    },
  ),
  adminCommand('adminReactivateOwner', 'Reactivate a deactivated account', {
    plan: ({ ownerId }) =>
      planOf(ownerAccountByAdmin, ownerId, [{ type: 'ReactivateOwner', data: { ownerId } }]),
  }),
  adminCommand('adminGrantAdmin', 'Make an account an account admin', {
    plan: ({ ownerId }) =>
      planOf(ownerAccountByAdmin, ownerId, [{ type: 'GrantAdmin', data: { ownerId } }]),
  }),
  adminCommand('adminRevokeAdmin', 'Take the admin role from an account (not your own)', {
    plan: ({ ownerId }) =>
      planOf(ownerAccountByAdmin, ownerId, [{ type: 'RevokeAdmin', data: { ownerId } }]),
  }),
  adminCommand('adminAddMember', 'Add a member to any workspace, with any role (also owner)', {
    creates: 'entry',
    plan: ({ workspaceId }, body) =>
      planOf(membersByAccountAdmin, workspaceId, [
        { type: 'AddMember', data: { workspaceId, ownerId: body.ownerId, role: body.role } },
      ]),
  }),
  adminCommand(
    'adminChangeMemberRole',
    'Change the role of a member of any workspace; the last owner stays',
    {
      plan: ({ workspaceId, ownerId }, body) =>
        planOf(membersByAccountAdmin, workspaceId, [
          { type: 'ChangeMemberRole', data: { workspaceId, ownerId, role: body.role } },
        ]),
    },
  ),
  adminCommand(
    'adminRevokePersonalToken',
    'Revoke anyone’s personal API token: refused from the next request on',
    {
      plan: ({ ownerId, tokenId }) =>
        planOf(personalTokensByAdmin, ownerId, [
          { type: 'RevokePersonalToken', data: { ownerId, tokenId } },
        ]),
    },
  ),
  adminCommand('adminRemoveMember', 'Remove a member from any workspace; the last owner stays', {
    plan: ({ workspaceId, ownerId }) =>
      planOf(membersByAccountAdmin, workspaceId, [
        { type: 'RemoveMember', data: { workspaceId, ownerId } },
      ]),
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
      handler: commandHandler(route, {
        store: options.store,
        ...(options.retries === undefined ? {} : { retries: options.retries }),
        ...(options.states === undefined ? {} : { states: options.states }),
        hides: winsOverStale,
        traced: false,
      }),
    });
  }
}

/** The admin command routes as the OpenAPI document lists them. */
export const adminCommandRouteDocs: readonly RouteDoc[] = adminCommandRoutes.map((route) =>
  commandRouteDoc(route, {
    summary: route.summary,
    description:
      'Account admins only: the token must carry `role: admin`, and the account must be an active admin in its own event stream (a demoted admin’s token is refused).',
    tags: ['admin'],
    scope: adminWriteScope,
    responses:
      route.creates === undefined
        ? { 200: commandAnswer('done (or nothing to change)') }
        : { 201: commandAnswer('added'), 200: commandAnswer('nothing changed') },
  }),
);
