import { WorkspaceParams } from '@taskomask/contracts';
import { nameKey, type OwnerView, type Role, type WorkspaceView } from '@taskomask/domain';
import type { Membership } from '@taskomask/read-models';
import type { Doc, ReadStore } from '@taskomask/readstore';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { BearerAuth } from '../http/auth';
import type { RouteDoc } from '../http/openapi';
import { parseOrThrow } from '../http/parse';
import { Problem } from '../http/problem';
import { compareText, pageByName } from '../queries/cursor';
import { readAt } from '../queries/read-position';
import { guardReadStoreCall, type ScanningQueryStore } from '../queries/read-store-guard';
import { requireAdminToken } from './access';
import {
  type AdminMembersDto as AdminMembers,
  AdminMembersDto,
  type AdminOwnerDto as AdminOwner,
  type AdminOwnerDetailDto as AdminOwnerDetail,
  AdminOwnerDetailDto,
  AdminOwnerPageDto,
  AdminOwnersQuery,
  AdminReadQuery,
  type AdminWorkspaceDto as AdminWorkspace,
  AdminWorkspacePageDto,
  AdminWorkspacesQuery,
  OwnerParams,
  type Page,
} from './schemas';

export const adminReadScope = 'workspaces:read' as const;

export type AdminQueryOptions = Readonly<{
  /** The read store to answer from (the query side's current generation). */
  readStore: () => ReadStore | Promise<ReadStore>;
  auth: BearerAuth;
  /** Longest wait for the read store to reach a `minPosition`; 2 s by default. */
  minPositionWaitMs?: number;
}>;

type Reader = ScanningQueryStore;

/** A case-insensitive prefix of the whole text or of any of its words. */
function matchesPrefix(text: string, term: string): boolean {
  const key = nameKey(text);
  return key.startsWith(term) || key.split(/\s+/).some((word) => word.startsWith(term));
}

// ── answers ─────────────────────────────────────────────────────────────────────────────────

function registered(
  doc: Doc<OwnerView>,
): doc is Doc<OwnerView & { status: 'active' | 'deactivated' }> {
  return doc.value.status !== 'unregistered';
}

function ownerDto(doc: Doc<OwnerView & { status: 'active' | 'deactivated' }>): AdminOwner {
  const view = doc.value;
  return {
    ownerId: view.ownerId,
    displayName: view.displayName,
    email: view.email,
    role: view.role,
    status: view.status,
    registeredAt: view.registeredAt,
    updatedAt: view.updatedAt,
    globalPosition: doc.position,
  };
}

async function listOwners(
  store: Reader,
  query: z.infer<typeof AdminOwnersQuery>,
): Promise<Page<AdminOwner>> {
  const where = {
    ...(query.role === undefined ? {} : { role: query.role }),
    ...(query.status === undefined ? {} : { status: query.status }),
  };
  // The read store finds by equal keys only: a prefix search reads the accounts and filters
  // here. Fine for the thousands of accounts of a team installation; a text index would replace
  // it beyond that.
  const docs =
    Object.keys(where).length > 0
      ? await store.find<OwnerView>('owners', where)
      : await store.all<OwnerView>('owners');
  const term = query.search === undefined ? null : nameKey(query.search);
  const items = docs
    .filter(registered)
    .filter(
      (doc) =>
        term === null ||
        matchesPrefix(doc.value.displayName, term) ||
        doc.value.email.startsWith(term),
    )
    .map(ownerDto);
  return pageByName(items, (o) => [nameKey(o.displayName), o.ownerId], query);
}

const ownerNotFound = (ownerId: string) => new Problem('not-found', `owner ${ownerId} not found`);
const workspaceNotFound = (workspaceId: string) =>
  new Problem('not-found', `workspace ${workspaceId} not found`);

async function ownerDetail(store: Reader, ownerId: string): Promise<AdminOwnerDetail> {
  const doc = await store.get<OwnerView>('owners', ownerId);
  if (doc === undefined || !registered(doc)) throw ownerNotFound(ownerId);
  const memberships = await store.find<Membership>('memberships', { ownerId });
  const workspaces = await store.getMany<WorkspaceView>(
    'workspaces',
    memberships.map((m) => m.value.workspaceId),
  );
  const roles = new Map(memberships.map((m) => [m.value.workspaceId, m.value.role as Role]));
  return {
    ...ownerDto(doc),
    workspaces: workspaces
      .filter((w) => w.value.status === 'active' && roles.has(w.id))
      .map((w) => ({ workspaceId: w.id, name: w.value.name, role: roles.get(w.id)! }))
      .sort((a, b) => compareText(nameKey(a.name), nameKey(b.name))),
  };
}

async function listWorkspaces(
  store: Reader,
  query: z.infer<typeof AdminWorkspacesQuery>,
): Promise<Page<AdminWorkspace>> {
  // No key to find workspaces by: read them all, as for owners.
  const docs = await store.all<WorkspaceView>('workspaces');
  const term = query.search === undefined ? null : nameKey(query.search);
  const items = docs
    .filter((doc) => doc.value.status === 'active')
    .filter((doc) => term === null || matchesPrefix(doc.value.name, term))
    .map(
      (doc): AdminWorkspace => ({
        workspaceId: doc.id,
        name: doc.value.name,
        description: doc.value.description,
        createdBy: doc.value.createdBy,
        createdAt: doc.value.createdAt,
        ownerIds: doc.value.members.filter((m) => m.role === 'owner').map((m) => m.ownerId),
        memberCount: doc.value.members.length,
        projectCount: doc.value.projects.length,
        updatedAt: doc.value.updatedAt,
        globalPosition: doc.position,
      }),
    );
  return pageByName(items, (w) => [nameKey(w.name), w.workspaceId], query);
}

async function workspaceMembers(store: Reader, workspaceId: string): Promise<AdminMembers> {
  const doc = await store.get<WorkspaceView>('workspaces', workspaceId);
  if (doc === undefined || doc.value.status !== 'active') throw workspaceNotFound(workspaceId);
  const owners = new Map(
    (
      await store.getMany<OwnerView>(
        'owners',
        doc.value.members.map((m) => m.ownerId),
      )
    )
      .filter(registered)
      .map((o) => [o.id, o.value]),
  );
  return {
    workspaceId,
    name: doc.value.name,
    members: doc.value.members.map((m) => {
      const owner = owners.get(m.ownerId);
      return {
        ownerId: m.ownerId,
        role: m.role,
        displayName: owner?.displayName ?? null,
        email: owner?.email ?? null,
        status: owner?.status ?? null,
      };
    }),
    globalPosition: doc.position,
  };
}

// ── routes ──────────────────────────────────────────────────────────────────────────────────

type AdminQueryRoute = Readonly<{
  url: string;
  operationId: string;
  summary: string;
  params: z.ZodObject;
  query: z.ZodObject;
  response: z.ZodType;
  run: (store: Reader, params: never, query: never) => Promise<unknown>;
}>;

function route<P extends z.ZodObject, Q extends z.ZodObject>(
  definition: Omit<AdminQueryRoute, 'params' | 'query' | 'run'> & {
    params: P;
    query: Q;
    run: (store: Reader, params: z.infer<P>, query: z.infer<Q>) => Promise<unknown>;
  },
): AdminQueryRoute {
  return definition as unknown as AdminQueryRoute;
}

const NoParams = z.strictObject({});

export const adminQueryRoutes: readonly AdminQueryRoute[] = [
  route({
    url: '/admin/owners',
    operationId: 'adminListOwners',
    summary: 'Accounts, searched by name or email prefix and filtered by role or status',
    params: NoParams,
    query: AdminOwnersQuery,
    response: AdminOwnerPageDto,
    run: (store, _, query) => listOwners(store, query),
  }),
  route({
    url: '/admin/owners/:ownerId',
    operationId: 'adminGetOwner',
    summary: 'An account and the workspaces it is a member of',
    params: OwnerParams,
    query: AdminReadQuery,
    response: AdminOwnerDetailDto,
    run: (store, { ownerId }) => ownerDetail(store, ownerId),
  }),
  route({
    url: '/admin/workspaces',
    operationId: 'adminListWorkspaces',
    summary: 'Every live workspace, searched by name prefix',
    params: NoParams,
    query: AdminWorkspacesQuery,
    response: AdminWorkspacePageDto,
    run: (store, _, query) => listWorkspaces(store, query),
  }),
  route({
    url: '/admin/workspaces/:workspaceId/members',
    operationId: 'adminListMembers',
    summary: 'The members of any workspace, with their roles',
    params: WorkspaceParams,
    query: AdminReadQuery,
    response: AdminMembersDto,
    run: (store, { workspaceId }) => workspaceMembers(store, workspaceId),
  }),
];

function handlerFor(route: AdminQueryRoute, options: AdminQueryOptions) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const params = parseOrThrow(route.params, request.params ?? {}, 'path');
    const query = parseOrThrow(route.query, request.query ?? {}, 'query') as {
      minPosition?: number;
    };
    const { store, position, stale } = await readAt(
      // A failure to reach the store is a 503, as for any read of it.
      { store: guardReadStoreCall(async () => options.readStore()) },
      query.minPosition,
      options.minPositionWaitMs === undefined ? {} : { waitMs: options.minPositionWaitMs },
    );
    reply.header('x-read-position', String(position));
    if (stale) reply.header('x-stale', 'true');
    reply.header('cache-control', 'private, no-store');
    return route.run(store, params as never, query as never);
  };
}

/**
 * Mounts the admin queries on a query app (one made by createHttpServer, for its problem+json
 * handling): a token with `workspaces:read` and `role: admin`, else 401/403. Answers come from the
 * read models (`owners`, `workspaces`, `memberships`), with `minPosition` to read an admin
 * command's own write.
 */
export function registerAdminQueries(app: FastifyInstance, options: AdminQueryOptions): void {
  for (const route of adminQueryRoutes) {
    app.route({
      method: 'GET',
      url: route.url,
      onRequest: [options.auth.require(adminReadScope), requireAdminToken],
      handler: handlerFor(route, options),
    });
  }
}

const readHeaders = {
  'X-Read-Position': {
    description: 'The read store’s position the answer reflects (at least).',
    schema: { type: 'integer' },
  },
  'X-Stale': {
    description: '`true` when minPosition was not reached within the wait.',
    schema: { type: 'string', enum: ['true'] },
  },
};

/** The admin query routes as the OpenAPI document lists them. */
export const adminQueryRouteDocs: readonly RouteDoc[] = adminQueryRoutes.map((route) => ({
  method: 'GET',
  url: route.url,
  operationId: route.operationId,
  summary: route.summary,
  description: 'Account admins only: the token must carry `role: admin`.',
  tags: ['admin'],
  scope: adminReadScope,
  params: route.params,
  query: route.query,
  responses: { 200: { description: 'the answer', schema: route.response, headers: readHeaders } },
  problems: [400, 401, 403, 404, 503],
}));
