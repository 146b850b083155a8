// The authorization matrix as data: every command endpoint and every admin endpoint × every kind
// of caller → the status it must answer, asserted against the real command API on a SQLite event
// store (and the admin queries on a read store the projector's code keeps). A refusal writes
// nothing; a 404 reads exactly like an unknown id, whatever the verb. Then scopes: a token that
// lacks a route's scope is refused (403) even for the caller who may otherwise do it.
import { randomUUID } from 'node:crypto';
import { scopes } from '@taskomask/contracts';
import { describe, expect, it } from 'vitest';
import { adminCommandRoutes } from '../../src/admin/commands';
import { adminQueryRoutes } from '../../src/admin/queries';
import { commandRoutes } from '../../src/commands/routes';
import { invitationIdOf } from '../../src/commands/routes/invitations';
import { workspaceEventsRoute } from '../../src/commands/workspace-events';
import { trelloImportRoute } from '../../src/imports';
import { personalTokenQueryRouteDocs } from '../../src/queries/personal-tokens';
import {
  type Actor,
  type AdminWorld,
  actors,
  type Call,
  useAdminWorld,
} from './support/admin-world';

/** Expected statuses in the order of `actors`: owner, admin, member, viewer, outsider, accountAdmin, none. */
type Expect = readonly [number, number, number, number, number, number, number];

type Row = Readonly<{
  /** `METHOD /route/:pattern`, as the route tables name it. */
  route: string;
  /** Where it is served; the command API unless said. */
  side?: 'queries';
  expect: Expect;
  /**
   * The call one cell makes. Rows whose success would change what the next cell sees (a delete,
   * a role change) make fresh resources here, so the cells of a row do not depend on each other.
   */
  call: (w: AdminWorld) => Call | Promise<Call>;
}>;

// ── what a cell may make fresh, as alice (or mia, or the account admin) ─────────────────────────
const freshTeamWorkspace = async (w: AdminWorld) => {
  const { alice, adam, mia, val } = w.people;
  const id = await w.ok(alice, 'POST', '/workspaces', { name: w.unique('Team') });
  for (const [ownerId, role] of [
    [adam, 'admin'],
    [mia, 'member'],
    [val, 'viewer'],
  ] as const) {
    await w.ok(alice, 'POST', `/workspaces/${id}/members`, { ownerId, role });
  }
  return id;
};
const freshMember = async (w: AdminWorld) => {
  const ownerId = randomUUID();
  await w.ok(w.people.alice, 'POST', `/workspaces/${w.workspace}/members`, {
    ownerId,
    role: 'member',
  });
  return ownerId;
};
const freshInvitation = async (w: AdminWorld) => {
  const email = `invitee-${randomUUID()}@matrix.test`;
  await w.ok(w.people.alice, 'POST', `/workspaces/${w.workspace}/invitations`, {
    email,
    role: 'member',
  });
  return invitationIdOf(w.workspace, email);
};
/** An invitation of olga (an outsider of every shared workspace) into a workspace of her own. */
const invitationOfOlga = async (w: AdminWorld) => {
  const workspace = await freshTeamWorkspace(w);
  const email = `${w.people.olga.slice(0, 8)}@example.com`;
  await w.ok(w.people.alice, 'POST', `/workspaces/${workspace}/invitations`, {
    email,
    role: 'member',
  });
  return invitationIdOf(workspace, email);
};
const webhookBody = () => ({
  url: 'https://hooks.example.com/matrix',
  secret: randomUUID().replaceAll('-', ''),
  eventKinds: ['TaskCreated'],
});
/** A hook of alice's in a team workspace of its own (a workspace holds at most 10). */
const freshWebhook = async (w: AdminWorld) => {
  const workspace = await freshTeamWorkspace(w);
  const webhook = await w.ok(
    w.people.alice,
    'POST',
    `/workspaces/${workspace}/webhooks`,
    webhookBody(),
  );
  return { workspace, webhook };
};
const freshProject = (w: AdminWorld) =>
  w.ok(w.people.alice, 'POST', `/workspaces/${w.workspace}/projects`, {
    name: w.unique('Project'),
  });
const freshBoard = (w: AdminWorld) =>
  w.ok(w.people.alice, 'POST', `/workspaces/${w.workspace}/projects/${w.project}/boards`, {
    name: w.unique('Board'),
  });
const freshCard = (w: AdminWorld, board: string) =>
  w.ok(w.people.alice, 'POST', `/boards/${board}/cards`, { name: w.unique('Card'), type: 'ToDo' });
const freshTask = (w: AdminWorld) =>
  w.ok(w.people.alice, 'POST', `/boards/${w.board}/tasks`, {
    cardId: w.todo,
    title: w.unique('Task'),
  });
/** A token of alice's, made fresh (revoking one changes what the next cell sees). */
const aliceToken = (w: AdminWorld) =>
  w.ok(w.people.alice, 'POST', '/me/tokens', { name: w.unique('Token'), scopes: ['read'] });
const deactivatedAccount = async (w: AdminWorld) => {
  const ownerId = await w.account('user');
  await w.ok(w.people.root, 'POST', `/admin/owners/${ownerId}/deactivate`);
  return ownerId;
};

const C = 200;
const N = 201;
const forbidden = 403;
const hidden = 404;
const noToken = 401;
// Short rows of the matrix: who may manage (owner/admin), who may work (owner/admin/member),
// account admins only. Non-members — outsiders and account admins alike — get 404 on a
// workspace's ordinary endpoints.
const manage = (ok: number): Expect => [ok, ok, forbidden, forbidden, hidden, hidden, noToken];
const work = (ok: number): Expect => [ok, ok, ok, forbidden, hidden, hidden, noToken];
const adminOnly = (ok: number): Expect => [
  forbidden,
  forbidden,
  forbidden,
  forbidden,
  forbidden,
  ok,
  noToken,
];

const matrix: readonly Row[] = [
  // ── workspaces ──
  {
    route: 'POST /workspaces',
    expect: [N, N, N, N, N, N, noToken],
    call: (w) => ({ method: 'POST', url: '/workspaces', body: { name: w.unique('Mine') } }),
  },
  {
    route: 'PATCH /workspaces/:workspaceId',
    expect: manage(C),
    call: (w) => ({
      method: 'PATCH',
      url: `/workspaces/${w.workspace}`,
      body: { name: w.unique('Acme') },
    }),
  },
  {
    route: 'DELETE /workspaces/:workspaceId',
    expect: [C, forbidden, forbidden, forbidden, hidden, hidden, noToken],
    call: async (w) => ({ method: 'DELETE', url: `/workspaces/${await freshTeamWorkspace(w)}` }),
  },
  {
    // A read, on the command API (it needs the event store): any member, viewers too.
    route: 'GET /workspaces/:workspaceId/events.ndjson',
    expect: [C, C, C, C, hidden, hidden, noToken],
    call: (w) => ({ method: 'GET', url: `/workspaces/${w.workspace}/events.ndjson` }),
  },
  {
    // Without a project it makes one ("Imported from Trello"): owners and admins.
    route: 'POST /workspaces/:workspaceId/imports/trello',
    expect: manage(N),
    call: (w) => {
      const list = randomUUID();
      return {
        method: 'POST',
        url: `/workspaces/${w.workspace}/imports/trello?fix=true`,
        body: {
          id: randomUUID(),
          name: w.unique('Trello'),
          lists: [{ id: list, name: 'To do', pos: 1 }],
          cards: [{ id: randomUUID(), name: 'First card', idList: list, pos: 1 }],
        },
      };
    },
  },
  // ── members ──
  {
    route: 'POST /workspaces/:workspaceId/members',
    expect: manage(N),
    call: (w) => ({
      method: 'POST',
      url: `/workspaces/${w.workspace}/members`,
      body: { ownerId: randomUUID(), role: 'member' },
    }),
  },
  {
    route: 'PATCH /workspaces/:workspaceId/members/:ownerId',
    expect: manage(C),
    call: async (w) => ({
      method: 'PATCH',
      url: `/workspaces/${w.workspace}/members/${await freshMember(w)}`,
      body: { role: 'viewer' },
    }),
  },
  {
    route: 'DELETE /workspaces/:workspaceId/members/:ownerId',
    expect: manage(C),
    call: async (w) => ({
      method: 'DELETE',
      url: `/workspaces/${w.workspace}/members/${await freshMember(w)}`,
    }),
  },
  // ── invitations by email: managers invite and revoke; only the invitee accepts or declines ──
  {
    route: 'POST /workspaces/:workspaceId/invitations',
    expect: manage(N),
    call: (w) => ({
      method: 'POST',
      url: `/workspaces/${w.workspace}/invitations`,
      body: { email: `guest-${randomUUID()}@matrix.test`, role: 'member' },
    }),
  },
  {
    route: 'DELETE /workspaces/:workspaceId/invitations/:invitationId',
    expect: manage(C),
    call: async (w) => ({
      method: 'DELETE',
      url: `/workspaces/${w.workspace}/invitations/${await freshInvitation(w)}`,
    }),
  },
  // Addressed to olga: to every other caller it reads like an id nobody has.
  {
    route: 'POST /invitations/:invitationId/accept',
    expect: [hidden, hidden, hidden, hidden, C, hidden, noToken],
    call: async (w) => ({
      method: 'POST',
      url: `/invitations/${await invitationOfOlga(w)}/accept`,
      body: {},
    }),
  },
  {
    route: 'POST /invitations/:invitationId/decline',
    expect: [hidden, hidden, hidden, hidden, C, hidden, noToken],
    call: async (w) => ({
      method: 'POST',
      url: `/invitations/${await invitationOfOlga(w)}/decline`,
      body: {},
    }),
  },
  // ── webhooks: owners and admins of the workspace ──
  {
    route: 'POST /workspaces/:workspaceId/webhooks',
    expect: manage(N),
    // A workspace of its own per cell: a workspace holds at most 10 hooks.
    call: async (w) => ({
      method: 'POST',
      url: `/workspaces/${await freshTeamWorkspace(w)}/webhooks`,
      body: webhookBody(),
    }),
  },
  {
    route: 'PATCH /workspaces/:workspaceId/webhooks/:webhookId',
    expect: manage(C),
    call: async (w) => {
      const { workspace, webhook } = await freshWebhook(w);
      return {
        method: 'PATCH',
        url: `/workspaces/${workspace}/webhooks/${webhook}`,
        body: { eventKinds: ['TaskMoved'] },
      };
    },
  },
  {
    route: 'DELETE /workspaces/:workspaceId/webhooks/:webhookId',
    expect: manage(C),
    call: async (w) => {
      const { workspace, webhook } = await freshWebhook(w);
      return { method: 'DELETE', url: `/workspaces/${workspace}/webhooks/${webhook}` };
    },
  },
  {
    route: 'POST /workspaces/:workspaceId/webhooks/:webhookId/deliveries/:deliveryId/redeliver',
    expect: manage(C),
    call: async (w) => {
      const { workspace, webhook } = await freshWebhook(w);
      return {
        method: 'POST',
        url: `/workspaces/${workspace}/webhooks/${webhook}/deliveries/${randomUUID().replaceAll('-', '')}/redeliver`,
        body: {},
      };
    },
  },
  // ── projects ──
  {
    route: 'POST /workspaces/:workspaceId/projects',
    expect: manage(N),
    call: (w) => ({
      method: 'POST',
      url: `/workspaces/${w.workspace}/projects`,
      body: { name: w.unique('Project') },
    }),
  },
  {
    route: 'PATCH /workspaces/:workspaceId/projects/:projectId',
    expect: manage(C),
    call: (w) => ({
      method: 'PATCH',
      url: `/workspaces/${w.workspace}/projects/${w.project}`,
      body: { name: w.unique('Website') },
    }),
  },
  {
    route: 'DELETE /workspaces/:workspaceId/projects/:projectId',
    expect: manage(C),
    call: async (w) => ({
      method: 'DELETE',
      url: `/workspaces/${w.workspace}/projects/${await freshProject(w)}`,
    }),
  },
  // ── boards and cards ──
  {
    route: 'POST /workspaces/:workspaceId/projects/:projectId/boards',
    expect: work(N),
    call: (w) => ({
      method: 'POST',
      url: `/workspaces/${w.workspace}/projects/${w.project}/boards`,
      body: { name: w.unique('Board') },
    }),
  },
  {
    route: 'PATCH /boards/:boardId',
    expect: work(C),
    call: (w) => ({
      method: 'PATCH',
      url: `/boards/${w.board}`,
      body: { description: w.unique('Goal') },
    }),
  },
  {
    route: 'DELETE /boards/:boardId',
    expect: work(C),
    call: async (w) => ({ method: 'DELETE', url: `/boards/${await freshBoard(w)}` }),
  },
  {
    route: 'POST /boards/:boardId/cards',
    expect: work(N),
    call: async (w) => ({
      method: 'POST',
      url: `/boards/${await freshBoard(w)}/cards`,
      body: { name: 'Review', type: 'Doing' },
    }),
  },
  {
    route: 'PATCH /boards/:boardId/cards/:cardId',
    expect: work(C),
    call: (w) => ({
      method: 'PATCH',
      url: `/boards/${w.board}/cards/${w.doing}`,
      body: { name: w.unique('Doing') },
    }),
  },
  {
    route: 'POST /boards/:boardId/cards/:cardId/move',
    expect: work(C),
    call: (w) => ({ method: 'POST', url: `/boards/${w.board}/cards/${w.todo}/move`, body: {} }),
  },
  {
    route: 'DELETE /boards/:boardId/cards/:cardId',
    expect: work(C),
    call: async (w) => {
      const board = await freshBoard(w);
      return { method: 'DELETE', url: `/boards/${board}/cards/${await freshCard(w, board)}` };
    },
  },
  // ── tasks ──
  {
    route: 'POST /boards/:boardId/tasks',
    expect: work(N),
    call: (w) => ({
      method: 'POST',
      url: `/boards/${w.board}/tasks`,
      body: { cardId: w.todo, title: w.unique('Task') },
    }),
  },
  {
    route: 'PATCH /tasks/:taskId',
    expect: work(C),
    call: (w) => ({ method: 'PATCH', url: `/tasks/${w.task}`, body: { title: w.unique('Copy') } }),
  },
  {
    route: 'POST /tasks/:taskId/move',
    expect: work(C),
    call: async (w) => ({
      method: 'POST',
      url: `/tasks/${await freshTask(w)}/move`,
      body: { toCardId: w.doing },
    }),
  },
  {
    route: 'DELETE /tasks/:taskId',
    expect: work(C),
    call: async (w) => ({ method: 'DELETE', url: `/tasks/${await freshTask(w)}` }),
  },
  {
    route: 'POST /tasks/:taskId/labels',
    expect: work(N),
    call: async (w) => ({
      method: 'POST',
      url: `/tasks/${await freshTask(w)}/labels`,
      body: { label: 'urgent' },
    }),
  },
  {
    route: 'DELETE /tasks/:taskId/labels/:label',
    expect: work(C),
    call: async (w) => {
      const task = await freshTask(w);
      await w.ok(w.people.alice, 'POST', `/tasks/${task}/labels`, { label: 'urgent' });
      return { method: 'DELETE', url: `/tasks/${task}/labels/urgent` };
    },
  },
  {
    route: 'POST /tasks/:taskId/checklist',
    expect: work(N),
    call: async (w) => ({
      method: 'POST',
      url: `/tasks/${await freshTask(w)}/checklist`,
      body: { text: 'Draft' },
    }),
  },
  {
    route: 'PATCH /tasks/:taskId/checklist/:itemId',
    expect: work(C),
    call: (w) => ({
      method: 'PATCH',
      url: `/tasks/${w.task}/checklist/${w.item}`,
      body: { done: true },
    }),
  },
  {
    route: 'DELETE /tasks/:taskId/checklist/:itemId',
    expect: work(C),
    call: async (w) => {
      const task = await freshTask(w);
      const item = await w.ok(w.people.alice, 'POST', `/tasks/${task}/checklist`, { text: 'x' });
      return { method: 'DELETE', url: `/tasks/${task}/checklist/${item}` };
    },
  },
  // ── comments: only the author edits; the author or an owner/admin deletes ──
  // ── inbox: everyone's own; no id names another's ──
  {
    route: 'POST /me/inbox/read',
    expect: [C, C, C, C, C, C, noToken],
    call: () => ({ method: 'POST', url: '/me/inbox/read', body: { all: true } }),
  },
  {
    route: 'POST /tasks/:taskId/comments',
    expect: work(N),
    call: (w) => ({
      method: 'POST',
      url: `/tasks/${w.task}/comments`,
      body: { text: w.unique('Note') },
    }),
  },
  {
    route: 'PATCH /tasks/:taskId/comments/:commentId',
    expect: [forbidden, forbidden, C, forbidden, hidden, hidden, noToken],
    call: (w) => ({
      method: 'PATCH',
      url: `/tasks/${w.task}/comments/${w.comment}`,
      body: { text: w.unique('On it') },
    }),
  },
  {
    route: 'DELETE /tasks/:taskId/comments/:commentId',
    expect: work(C),
    call: async (w) => {
      const comment = await w.ok(w.people.mia, 'POST', `/tasks/${w.task}/comments`, {
        text: w.unique('Mine'),
      });
      return { method: 'DELETE', url: `/tasks/${w.task}/comments/${comment}` };
    },
  },
  // ── personal API tokens: everyone's own; another's token id reads like an unknown one ──
  {
    route: 'POST /me/tokens',
    expect: [N, N, N, N, N, N, noToken],
    call: (w) => ({
      method: 'POST',
      url: '/me/tokens',
      body: { name: w.unique('Token'), scopes: ['read', 'write'] },
    }),
  },
  {
    route: 'DELETE /me/tokens/:tokenId',
    expect: [C, hidden, hidden, hidden, hidden, hidden, noToken],
    call: async (w) => ({ method: 'DELETE', url: `/me/tokens/${await aliceToken(w)}` }),
  },
  {
    route: 'GET /me/tokens',
    side: 'queries',
    expect: [C, C, C, C, C, C, noToken],
    call: () => ({ method: 'GET', url: '/me/tokens' }),
  },
  // ── account admins: commands ──
  {
    route: 'DELETE /admin/owners/:ownerId/tokens/:tokenId',
    expect: adminOnly(C),
    call: async (w) => ({
      method: 'DELETE',
      url: `/admin/owners/${w.people.alice}/tokens/${await aliceToken(w)}`,
    }),
  },
  {
    route: 'POST /admin/owners/:ownerId/deactivate',
    expect: adminOnly(C),
    call: async (w) => ({
      method: 'POST',
      url: `/admin/owners/${await w.account()}/deactivate`,
    }),
  },
  {
    route: 'POST /admin/owners/:ownerId/reactivate',
    expect: adminOnly(C),
    call: async (w) => ({
      method: 'POST',
      url: `/admin/owners/${await deactivatedAccount(w)}/reactivate`,
    }),
  },
  {
    route: 'POST /admin/owners/:ownerId/admin',
    expect: adminOnly(C),
    call: async (w) => ({ method: 'POST', url: `/admin/owners/${await w.account()}/admin` }),
  },
  {
    route: 'DELETE /admin/owners/:ownerId/admin',
    expect: adminOnly(C),
    call: async (w) => ({
      method: 'DELETE',
      url: `/admin/owners/${await w.account('admin')}/admin`,
    }),
  },
  {
    route: 'POST /admin/workspaces/:workspaceId/members',
    expect: adminOnly(N),
    call: (w) => ({
      method: 'POST',
      url: `/admin/workspaces/${w.workspace}/members`,
      body: { ownerId: randomUUID(), role: 'member' },
    }),
  },
  {
    route: 'PATCH /admin/workspaces/:workspaceId/members/:ownerId',
    expect: adminOnly(C),
    call: async (w) => ({
      method: 'PATCH',
      url: `/admin/workspaces/${w.workspace}/members/${await freshMember(w)}`,
      body: { role: 'admin' },
    }),
  },
  {
    route: 'DELETE /admin/workspaces/:workspaceId/members/:ownerId',
    expect: adminOnly(C),
    call: async (w) => ({
      method: 'DELETE',
      url: `/admin/workspaces/${w.workspace}/members/${await freshMember(w)}`,
    }),
  },
  // ── account admins: queries ──
  {
    route: 'GET /admin/owners',
    side: 'queries',
    expect: adminOnly(C),
    call: () => ({ method: 'GET', url: '/admin/owners?search=a' }),
  },
  {
    route: 'GET /admin/owners/:ownerId',
    side: 'queries',
    expect: adminOnly(C),
    call: (w) => ({ method: 'GET', url: `/admin/owners/${w.people.alice}` }),
  },
  {
    route: 'GET /admin/owners/:ownerId/tokens',
    side: 'queries',
    expect: adminOnly(C),
    call: (w) => ({ method: 'GET', url: `/admin/owners/${w.people.alice}/tokens` }),
  },
  {
    route: 'GET /admin/workspaces',
    side: 'queries',
    expect: adminOnly(C),
    call: () => ({ method: 'GET', url: '/admin/workspaces' }),
  },
  {
    route: 'GET /admin/workspaces/:workspaceId/members',
    side: 'queries',
    expect: adminOnly(C),
    call: (w) => ({ method: 'GET', url: `/admin/workspaces/${w.workspace}/members` }),
  },
];

const routeNames = (routes: readonly { method?: string; url: string }[]) =>
  routes.map((r) => `${r.method ?? 'GET'} ${r.url}`).sort();

const ownTokenUrl = /^\/me\/tokens\/([^/]+)$/;

/** `/tasks/<id>/…` → `task <id>`: how a 404 for a workspace's resource reads, known or not. */
function hiddenDetail(url: string): string {
  const own = ownTokenUrl.exec(url);
  if (own !== null) return `personal token ${own[1]} not found`;
  const [, collection, id] = url.split('/') as [string, string, string];
  return `${collection.replace(/s$/, '')} ${id} not found`;
}

const cells = matrix.flatMap((row) =>
  actors.map((actor, i) => ({ row, actor, status: row.expect[i]! })),
);

describe('authorization matrix', () => {
  const world = useAdminWorld();

  it('has a row for every command route, every admin command and every admin query', () => {
    const commandSide = matrix.filter((r) => r.side === undefined).map((r) => r.route);
    const querySide = matrix.filter((r) => r.side === 'queries').map((r) => r.route);
    expect([...commandSide].sort()).toEqual(
      routeNames([
        ...commandRoutes,
        ...adminCommandRoutes,
        workspaceEventsRoute,
        trelloImportRoute,
      ]),
    );
    expect([...querySide].sort()).toEqual(
      routeNames([...adminQueryRoutes, ...personalTokenQueryRouteDocs]),
    );
    expect(cells).toHaveLength(matrix.length * actors.length);
  });

  it.each(cells)('$row.route × $actor → $status', async ({ row, actor, status }) => {
    const w = world();
    const call = await row.call(w);
    const before = await w.head();
    const response = await w.send(
      w.userOf(actor),
      call,
      row.side === 'queries' ? { app: w.queries } : {},
    );
    expect(response.status, `${call.method} ${call.url}: ${JSON.stringify(response.body)}`).toBe(
      status,
    );
    if (status >= 400) {
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(await w.head(), 'a refused request writes nothing').toBe(before);
    }
    if (status === 404) {
      // Another workspace's ids read exactly like ids nobody has.
      expect(response.body.detail).toBe(hiddenDetail(call.url));
      const unknown = ownTokenUrl.test(call.url)
        ? `/me/tokens/${randomUUID()}`
        : call.url.replace(/^(\/[a-z]+\/)[^/]+/, `$1${randomUUID()}`);
      const answer = await w.send(w.userOf(actor), { ...call, url: unknown });
      expect(answer.status).toBe(404);
      expect(answer.body.detail).toBe(hiddenDetail(unknown));
    }
    if (status === 403) {
      // Every token here has every scope: a 403 is about who the caller is.
      expect(response.body.type).toBe('urn:taskomask:problem:forbidden');
    }
  });
});

// ── scopes ──────────────────────────────────────────────────────────────────────────────────────

/** Who may do each route when the token is complete: the caller the scope check is tried with. */
function allowedActor(row: Row): Actor {
  const at = row.expect.findIndex((status) => status < 300);
  return actors[at]!;
}

const scopeOf = new Map<string, string>([
  ...commandRoutes.map((r) => [`${r.method} ${r.url}`, r.scope] as const),
  ...adminCommandRoutes.map((r) => [`${r.method} ${r.url}`, 'workspaces:write'] as const),
  ...adminQueryRoutes.map((r) => [`GET ${r.url}`, 'workspaces:read'] as const),
  ...personalTokenQueryRouteDocs.map((r) => [`GET ${r.url}`, r.scope!] as const),
  [`GET ${workspaceEventsRoute.url}`, workspaceEventsRoute.scope],
  [`POST ${trelloImportRoute.url}`, trelloImportRoute.scope],
]);

describe('scopes', () => {
  const world = useAdminWorld();

  it.each(matrix.map((row) => ({ row, scope: scopeOf.get(row.route)! })))(
    '$row.route needs $scope, even from a caller who may otherwise',
    async ({ row, scope }) => {
      const w = world();
      const actor = allowedActor(row);
      const call = await row.call(w);
      const before = await w.head();
      const app = row.side === 'queries' ? { app: w.queries } : {};
      const without = scopes.filter((s) => s !== scope).join(' ');
      const refused = await w.send(w.userOf(actor), call, { scope: without, ...app });
      expect(refused.status, JSON.stringify(refused.body)).toBe(403);
      expect(refused.body.type).toBe('urn:taskomask:problem:insufficient-scope');
      expect(await w.head()).toBe(before);
      // The same call with the scope goes through: the scope was the only thing missing.
      const allowed = await w.send(w.userOf(actor), call, app);
      expect(allowed.status, JSON.stringify(allowed.body)).toBeLessThan(300);
    },
  );

  it('a token without tasks:write changes no task, whatever the caller’s role', async () => {
    const w = world();
    const taskRoutes = matrix.filter((row) => scopeOf.get(row.route) === 'tasks:write');
    expect(taskRoutes.length).toBeGreaterThanOrEqual(12);
    const readOnly = scopes.filter((s) => s !== 'tasks:write').join(' ');
    for (const row of taskRoutes) {
      for (const actor of ['owner', 'admin', 'member'] as const) {
        const call = await row.call(w);
        const before = await w.head();
        const response = await w.send(w.userOf(actor), call, { scope: readOnly });
        expect(response.status, `${row.route} as ${actor}`).toBe(403);
        expect(await w.head()).toBe(before);
      }
    }
  });
});
