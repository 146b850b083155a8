import { randomUUID } from 'node:crypto';
import type { Scope } from '@taskomask/contracts';
import { invitationIdOf } from '../../src/commands/routes/invitations';
import type { Api, World } from './harness';

export type Call = Readonly<{ method: string; url: string; body?: unknown }>;

export type Prepared = Readonly<{
  call: Call;
  /** The stream If-Match is compared with; null when the URL names nothing that exists yet. */
  target: string | null;
  /** The stream whose version the answer reports, given the answer's id. */
  primary: (id: string) => string;
}>;

/** One command endpoint as the generic tests exercise it. */
export type EndpointCase = Readonly<{
  name: string;
  scope: Scope;
  status: 200 | 201;
  returnsId: boolean;
  /** Event types one call writes (the idempotency record aside), in any order. */
  events: readonly string[];
  /** A valid call by alice on resources made fresh for it in her team workspace. */
  prepare: (api: Api, w: World) => Promise<Prepared>;
  /** The same call on bob's workspace; absent for POST /workspaces. */
  foreign?: (api: Api, w: World) => Call;
  /** False where a viewer may do it (creating a workspace of their own). */
  viewerForbidden: boolean;
}>;

const ws = (id: string) => `workspace-${id}`;
const bd = (id: string) => `board-${id}`;
const tk = (id: string) => `task-${id}`;

async function freshWorkspace(api: Api): Promise<string> {
  const { alice, val } = api.users;
  const id = await api.ok('POST', '/workspaces', alice, { name: api.unique('Team') });
  await api.ok('POST', `/workspaces/${id}/members`, alice, { ownerId: val, role: 'viewer' });
  return id;
}

async function freshMember(api: Api, w: World): Promise<string> {
  const ownerId = randomUUID();
  await api.ok('POST', `/workspaces/${w.workspace}/members`, api.users.alice, {
    ownerId,
    role: 'member',
  });
  return ownerId;
}

const freshProject = (api: Api, w: World) =>
  api.ok('POST', `/workspaces/${w.workspace}/projects`, api.users.alice, {
    name: api.unique('Project'),
  });

const freshBoard = (api: Api, w: World) =>
  api.ok('POST', `/workspaces/${w.workspace}/projects/${w.project}/boards`, api.users.alice, {
    name: api.unique('Board'),
  });

const freshCard = (api: Api, board: string) =>
  api.ok('POST', `/boards/${board}/cards`, api.users.alice, {
    name: api.unique('Card'),
    type: 'ToDo',
  });

const freshTask = (api: Api, w: World) =>
  api.ok('POST', `/boards/${w.board}/tasks`, api.users.alice, {
    cardId: w.todo,
    title: api.unique('Task'),
  });

const same = (stream: string) => () => stream;

const wh = (id: string) => `webhooks-${id}`;
const webhookBody = (api: Api) => ({
  url: `https://hooks.example.com/${api.unique('hook')}`,
  secret: `whsec_${randomUUID()}`,
  eventKinds: ['TaskCreated', 'TaskMoved'],
});

/** A fresh workspace (a workspace keeps at most 10 webhooks) with one webhook. */
async function freshWebhook(api: Api): Promise<{ workspace: string; webhook: string }> {
  const workspace = await freshWorkspace(api);
  const webhook = await api.ok(
    'POST',
    `/workspaces/${workspace}/webhooks`,
    api.users.alice,
    webhookBody(api),
  );
  return { workspace, webhook };
}

/**
 * Routes whose caller acts on their own inbox or on an invitation addressed to their email: the
 * generic cases (alice acting in her workspace) do not fit them; their own suites cover them, and
 * the authorization matrix covers who may call them.
 */
export const coveredElsewhere: Readonly<Record<string, string>> = {
  'POST /invitations/:invitationId/accept': 'apps/embedded/test/api/invitations.int.test.ts',
  'POST /invitations/:invitationId/decline': 'apps/embedded/test/api/invitations.int.test.ts',
  'POST /me/inbox/read': 'apps/embedded/test/api/inbox.int.test.ts',
  // The answer carries the token besides id, version and position.
  'POST /me/tokens': 'apps/api/test/personal-tokens.int.test.ts',
  'DELETE /me/tokens/:tokenId': 'apps/api/test/personal-tokens.int.test.ts',
};

export const endpointCases: readonly EndpointCase[] = [
  {
    name: 'POST /workspaces',
    scope: 'workspaces:write',
    status: 201,
    returnsId: true,
    events: ['WorkspaceCreated', 'OwnerWorkspaceAdded'],
    viewerForbidden: false,
    prepare: async (api) => ({
      call: { method: 'POST', url: '/workspaces', body: { name: api.unique('Workspace') } },
      target: null,
      primary: ws,
    }),
  },
  {
    name: 'PATCH /workspaces/:workspaceId',
    scope: 'workspaces:write',
    status: 200,
    returnsId: false,
    events: ['WorkspaceRenamed', 'OwnerWorkspaceRenamed', 'WorkspaceDescribed'],
    viewerForbidden: true,
    prepare: async (api) => {
      const id = await freshWorkspace(api);
      return {
        call: {
          method: 'PATCH',
          url: `/workspaces/${id}`,
          body: { name: api.unique('Renamed'), description: 'What we do' },
        },
        target: ws(id),
        primary: same(ws(id)),
      };
    },
    foreign: (_, w) => ({
      method: 'PATCH',
      url: `/workspaces/${w.foreign.workspace}`,
      body: { name: 'Taken over' },
    }),
  },
  {
    name: 'DELETE /workspaces/:workspaceId',
    scope: 'workspaces:write',
    status: 200,
    returnsId: false,
    events: ['WorkspaceDeleted', 'OwnerWorkspaceRemoved'],
    viewerForbidden: true,
    prepare: async (api) => {
      const id = await freshWorkspace(api);
      return {
        call: { method: 'DELETE', url: `/workspaces/${id}` },
        target: ws(id),
        primary: same(ws(id)),
      };
    },
    foreign: (_, w) => ({ method: 'DELETE', url: `/workspaces/${w.foreign.workspace}` }),
  },
  {
    name: 'POST /workspaces/:workspaceId/members',
    scope: 'workspaces:write',
    status: 201,
    returnsId: false,
    events: ['MemberAdded'],
    viewerForbidden: true,
    prepare: async (_, w) => ({
      call: {
        method: 'POST',
        url: `/workspaces/${w.workspace}/members`,
        body: { ownerId: randomUUID(), role: 'member' },
      },
      target: ws(w.workspace),
      primary: same(ws(w.workspace)),
    }),
    foreign: (api, w) => ({
      method: 'POST',
      url: `/workspaces/${w.foreign.workspace}/members`,
      body: { ownerId: api.users.alice, role: 'owner' },
    }),
  },
  {
    name: 'PATCH /workspaces/:workspaceId/members/:ownerId',
    scope: 'workspaces:write',
    status: 200,
    returnsId: false,
    events: ['MemberRoleChanged'],
    viewerForbidden: true,
    prepare: async (api, w) => {
      const ownerId = await freshMember(api, w);
      return {
        call: {
          method: 'PATCH',
          url: `/workspaces/${w.workspace}/members/${ownerId}`,
          body: { role: 'admin' },
        },
        target: ws(w.workspace),
        primary: same(ws(w.workspace)),
      };
    },
    foreign: (api, w) => ({
      method: 'PATCH',
      url: `/workspaces/${w.foreign.workspace}/members/${api.users.bob}`,
      body: { role: 'viewer' },
    }),
  },
  {
    name: 'DELETE /workspaces/:workspaceId/members/:ownerId',
    scope: 'workspaces:write',
    status: 200,
    returnsId: false,
    events: ['MemberRemoved'],
    viewerForbidden: true,
    prepare: async (api, w) => {
      const ownerId = await freshMember(api, w);
      return {
        call: { method: 'DELETE', url: `/workspaces/${w.workspace}/members/${ownerId}` },
        target: ws(w.workspace),
        primary: same(ws(w.workspace)),
      };
    },
    foreign: (api, w) => ({
      method: 'DELETE',
      url: `/workspaces/${w.foreign.workspace}/members/${api.users.bob}`,
    }),
  },
  {
    name: 'POST /workspaces/:workspaceId/invitations',
    scope: 'workspaces:write',
    status: 201,
    returnsId: false,
    events: ['MemberInvited', 'EmailInvitedToWorkspace'],
    viewerForbidden: true,
    prepare: async (_, w) => ({
      call: {
        method: 'POST',
        url: `/workspaces/${w.workspace}/invitations`,
        body: { email: `guest-${randomUUID()}@example.com`, role: 'member' },
      },
      target: ws(w.workspace),
      primary: same(ws(w.workspace)),
    }),
    foreign: (_, w) => ({
      method: 'POST',
      url: `/workspaces/${w.foreign.workspace}/invitations`,
      body: { email: 'planted@example.com', role: 'owner' },
    }),
  },
  {
    name: 'DELETE /workspaces/:workspaceId/invitations/:invitationId',
    scope: 'workspaces:write',
    status: 200,
    returnsId: false,
    events: ['InvitationRevoked', 'EmailInvitationClosed'],
    viewerForbidden: true,
    prepare: async (api, w) => {
      const email = `guest-${randomUUID()}@example.com`;
      await api.ok('POST', `/workspaces/${w.workspace}/invitations`, api.users.alice, {
        email,
        role: 'member',
      });
      return {
        call: {
          method: 'DELETE',
          url: `/workspaces/${w.workspace}/invitations/${invitationIdOf(w.workspace, email)}`,
        },
        target: ws(w.workspace),
        primary: same(ws(w.workspace)),
      };
    },
    foreign: (_, w) => ({
      method: 'DELETE',
      url: `/workspaces/${w.foreign.workspace}/invitations/${randomUUID()}`,
    }),
  },
  {
    name: 'POST /workspaces/:workspaceId/projects',
    scope: 'workspaces:write',
    status: 201,
    returnsId: true,
    events: ['ProjectAdded'],
    viewerForbidden: true,
    prepare: async (api, w) => ({
      call: {
        method: 'POST',
        url: `/workspaces/${w.workspace}/projects`,
        body: { name: api.unique('Project'), description: 'The new site' },
      },
      target: ws(w.workspace),
      primary: same(ws(w.workspace)),
    }),
    foreign: (_, w) => ({
      method: 'POST',
      url: `/workspaces/${w.foreign.workspace}/projects`,
      body: { name: 'Planted' },
    }),
  },
  {
    name: 'PATCH /workspaces/:workspaceId/projects/:projectId',
    scope: 'workspaces:write',
    status: 200,
    returnsId: false,
    events: ['ProjectRenamed', 'ProjectDescribed'],
    viewerForbidden: true,
    prepare: async (api, w) => {
      const project = await freshProject(api, w);
      return {
        call: {
          method: 'PATCH',
          url: `/workspaces/${w.workspace}/projects/${project}`,
          body: { name: api.unique('Renamed project'), description: 'Now with a purpose' },
        },
        target: ws(w.workspace),
        primary: same(ws(w.workspace)),
      };
    },
    foreign: (_, w) => ({
      method: 'PATCH',
      url: `/workspaces/${w.foreign.workspace}/projects/${w.foreign.project}`,
      body: { name: 'Renamed by a stranger' },
    }),
  },
  {
    name: 'DELETE /workspaces/:workspaceId/projects/:projectId',
    scope: 'workspaces:write',
    status: 200,
    returnsId: false,
    events: ['ProjectDeleted'],
    viewerForbidden: true,
    prepare: async (api, w) => {
      const project = await freshProject(api, w);
      return {
        call: { method: 'DELETE', url: `/workspaces/${w.workspace}/projects/${project}` },
        target: ws(w.workspace),
        primary: same(ws(w.workspace)),
      };
    },
    foreign: (_, w) => ({
      method: 'DELETE',
      url: `/workspaces/${w.foreign.workspace}/projects/${w.foreign.project}`,
    }),
  },
  {
    name: 'POST /workspaces/:workspaceId/projects/:projectId/boards',
    scope: 'boards:write',
    status: 201,
    returnsId: true,
    events: ['BoardCreated', 'ProjectBoardAdded'],
    viewerForbidden: true,
    prepare: async (api, w) => ({
      call: {
        method: 'POST',
        url: `/workspaces/${w.workspace}/projects/${w.project}/boards`,
        body: { name: api.unique('Board'), description: 'Two weeks' },
      },
      target: ws(w.workspace),
      primary: bd,
    }),
    foreign: (_, w) => ({
      method: 'POST',
      url: `/workspaces/${w.foreign.workspace}/projects/${w.foreign.project}/boards`,
      body: { name: 'Planted board' },
    }),
  },
  {
    name: 'PATCH /boards/:boardId',
    scope: 'boards:write',
    status: 200,
    returnsId: false,
    events: ['BoardRenamed', 'ProjectBoardRenamed', 'BoardDescribed'],
    viewerForbidden: true,
    prepare: async (api, w) => {
      const board = await freshBoard(api, w);
      return {
        call: {
          method: 'PATCH',
          url: `/boards/${board}`,
          body: { name: api.unique('Renamed board'), description: 'Sprint goal' },
        },
        target: bd(board),
        primary: same(bd(board)),
      };
    },
    foreign: (_, w) => ({
      method: 'PATCH',
      url: `/boards/${w.foreign.board}`,
      body: { name: 'Renamed by a stranger' },
    }),
  },
  {
    name: 'DELETE /boards/:boardId',
    scope: 'boards:write',
    status: 200,
    returnsId: false,
    events: ['BoardDeleted', 'ProjectBoardRemoved'],
    viewerForbidden: true,
    prepare: async (api, w) => {
      const board = await freshBoard(api, w);
      return {
        call: { method: 'DELETE', url: `/boards/${board}` },
        target: bd(board),
        primary: same(bd(board)),
      };
    },
    foreign: (_, w) => ({ method: 'DELETE', url: `/boards/${w.foreign.board}` }),
  },
  {
    name: 'POST /boards/:boardId/cards',
    scope: 'boards:write',
    status: 201,
    returnsId: true,
    events: ['CardAdded'],
    viewerForbidden: true,
    prepare: async (api, w) => {
      const board = await freshBoard(api, w);
      return {
        call: {
          method: 'POST',
          url: `/boards/${board}/cards`,
          body: { name: api.unique('Review'), type: 'Doing' },
        },
        target: bd(board),
        primary: same(bd(board)),
      };
    },
    foreign: (_, w) => ({
      method: 'POST',
      url: `/boards/${w.foreign.board}/cards`,
      body: { name: 'Planted', type: 'Done' },
    }),
  },
  {
    name: 'PATCH /boards/:boardId/cards/:cardId',
    scope: 'boards:write',
    status: 200,
    returnsId: false,
    events: ['CardRenamed', 'CardTypeChanged'],
    viewerForbidden: true,
    prepare: async (api, w) => {
      const board = await freshBoard(api, w);
      const card = await freshCard(api, board);
      return {
        call: {
          method: 'PATCH',
          url: `/boards/${board}/cards/${card}`,
          body: { name: api.unique('Shipped'), type: 'Done' },
        },
        target: bd(board),
        primary: same(bd(board)),
      };
    },
    foreign: (_, w) => ({
      method: 'PATCH',
      url: `/boards/${w.foreign.board}/cards/${w.foreign.card}`,
      body: { name: 'Renamed' },
    }),
  },
  {
    name: 'POST /boards/:boardId/cards/:cardId/move',
    scope: 'boards:write',
    status: 200,
    returnsId: false,
    events: ['CardMoved'],
    viewerForbidden: true,
    prepare: async (api, w) => {
      const board = await freshBoard(api, w);
      const first = await freshCard(api, board);
      await freshCard(api, board);
      return {
        call: { method: 'POST', url: `/boards/${board}/cards/${first}/move`, body: {} },
        target: bd(board),
        primary: same(bd(board)),
      };
    },
    foreign: (_, w) => ({
      method: 'POST',
      url: `/boards/${w.foreign.board}/cards/${w.foreign.card}/move`,
      body: {},
    }),
  },
  {
    name: 'DELETE /boards/:boardId/cards/:cardId',
    scope: 'boards:write',
    status: 200,
    returnsId: false,
    events: ['CardDeleted'],
    viewerForbidden: true,
    prepare: async (api, w) => {
      const board = await freshBoard(api, w);
      const card = await freshCard(api, board);
      return {
        call: { method: 'DELETE', url: `/boards/${board}/cards/${card}` },
        target: bd(board),
        primary: same(bd(board)),
      };
    },
    foreign: (_, w) => ({
      method: 'DELETE',
      url: `/boards/${w.foreign.board}/cards/${w.foreign.card}`,
    }),
  },
  {
    name: 'POST /boards/:boardId/tasks',
    scope: 'tasks:write',
    status: 201,
    returnsId: true,
    events: ['TaskCreated'],
    viewerForbidden: true,
    prepare: async (api, w) => ({
      call: {
        method: 'POST',
        url: `/boards/${w.board}/tasks`,
        body: { cardId: w.todo, title: api.unique('Write tests'), description: '**soon**' },
      },
      target: bd(w.board),
      primary: tk,
    }),
    foreign: (_, w) => ({
      method: 'POST',
      url: `/boards/${w.foreign.board}/tasks`,
      body: { cardId: w.foreign.card, title: 'Planted task' },
    }),
  },
  {
    name: 'PATCH /tasks/:taskId',
    scope: 'tasks:write',
    status: 200,
    returnsId: false,
    events: ['TaskRenamed', 'TaskDescribed', 'TaskAssigned', 'TaskDueDateSet'],
    viewerForbidden: true,
    prepare: async (api, w) => {
      const task = await freshTask(api, w);
      return {
        call: {
          method: 'PATCH',
          url: `/tasks/${task}`,
          body: {
            title: api.unique('Retitled'),
            description: 'With *details*',
            assigneeId: api.users.mia,
            dueDate: '2025-03-01',
          },
        },
        target: tk(task),
        primary: same(tk(task)),
      };
    },
    foreign: (_, w) => ({
      method: 'PATCH',
      url: `/tasks/${w.foreign.task}`,
      body: { title: 'Renamed by a stranger' },
    }),
  },
  {
    name: 'POST /tasks/:taskId/move',
    scope: 'tasks:write',
    status: 200,
    returnsId: false,
    events: ['TaskMoved'],
    viewerForbidden: true,
    prepare: async (api, w) => {
      const task = await freshTask(api, w);
      return {
        call: { method: 'POST', url: `/tasks/${task}/move`, body: { toCardId: w.doing } },
        target: tk(task),
        primary: same(tk(task)),
      };
    },
    foreign: (_, w) => ({
      method: 'POST',
      url: `/tasks/${w.foreign.task}/move`,
      body: { toCardId: w.foreign.card, after: 'a5' },
    }),
  },
  {
    name: 'DELETE /tasks/:taskId',
    scope: 'tasks:write',
    status: 200,
    returnsId: false,
    events: ['TaskDeleted'],
    viewerForbidden: true,
    prepare: async (api, w) => {
      const task = await freshTask(api, w);
      return {
        call: { method: 'DELETE', url: `/tasks/${task}` },
        target: tk(task),
        primary: same(tk(task)),
      };
    },
    foreign: (_, w) => ({ method: 'DELETE', url: `/tasks/${w.foreign.task}` }),
  },
  {
    name: 'POST /tasks/:taskId/labels',
    scope: 'tasks:write',
    status: 201,
    returnsId: false,
    events: ['TaskLabelAdded'],
    viewerForbidden: true,
    prepare: async (api, w) => {
      const task = await freshTask(api, w);
      return {
        call: { method: 'POST', url: `/tasks/${task}/labels`, body: { label: 'urgent' } },
        target: tk(task),
        primary: same(tk(task)),
      };
    },
    foreign: (_, w) => ({
      method: 'POST',
      url: `/tasks/${w.foreign.task}/labels`,
      body: { label: 'planted' },
    }),
  },
  {
    name: 'DELETE /tasks/:taskId/labels/:label',
    scope: 'tasks:write',
    status: 200,
    returnsId: false,
    events: ['TaskLabelRemoved'],
    viewerForbidden: true,
    prepare: async (api, w) => {
      const task = await freshTask(api, w);
      await api.ok('POST', `/tasks/${task}/labels`, api.users.alice, { label: 'needs review' });
      return {
        call: {
          method: 'DELETE',
          url: `/tasks/${task}/labels/${encodeURIComponent('Needs Review')}`,
        },
        target: tk(task),
        primary: same(tk(task)),
      };
    },
    foreign: (_, w) => ({ method: 'DELETE', url: `/tasks/${w.foreign.task}/labels/secret` }),
  },
  {
    name: 'POST /tasks/:taskId/checklist',
    scope: 'tasks:write',
    status: 201,
    returnsId: true,
    events: ['ChecklistItemAdded'],
    viewerForbidden: true,
    prepare: async (api, w) => {
      const task = await freshTask(api, w);
      return {
        call: { method: 'POST', url: `/tasks/${task}/checklist`, body: { text: 'Draft it' } },
        target: tk(task),
        primary: same(tk(task)),
      };
    },
    foreign: (_, w) => ({
      method: 'POST',
      url: `/tasks/${w.foreign.task}/checklist`,
      body: { text: 'planted' },
    }),
  },
  {
    name: 'PATCH /tasks/:taskId/checklist/:itemId',
    scope: 'tasks:write',
    status: 200,
    returnsId: false,
    events: ['ChecklistItemChecked'],
    viewerForbidden: true,
    prepare: async (api, w) => {
      const task = await freshTask(api, w);
      const item = await api.ok('POST', `/tasks/${task}/checklist`, api.users.alice, {
        text: 'Draft it',
      });
      return {
        call: { method: 'PATCH', url: `/tasks/${task}/checklist/${item}`, body: { done: true } },
        target: tk(task),
        primary: same(tk(task)),
      };
    },
    foreign: (_, w) => ({
      method: 'PATCH',
      url: `/tasks/${w.foreign.task}/checklist/${w.foreign.item}`,
      body: { done: true },
    }),
  },
  {
    name: 'DELETE /tasks/:taskId/checklist/:itemId',
    scope: 'tasks:write',
    status: 200,
    returnsId: false,
    events: ['ChecklistItemRemoved'],
    viewerForbidden: true,
    prepare: async (api, w) => {
      const task = await freshTask(api, w);
      const item = await api.ok('POST', `/tasks/${task}/checklist`, api.users.alice, {
        text: 'Draft it',
      });
      return {
        call: { method: 'DELETE', url: `/tasks/${task}/checklist/${item}` },
        target: tk(task),
        primary: same(tk(task)),
      };
    },
    foreign: (_, w) => ({
      method: 'DELETE',
      url: `/tasks/${w.foreign.task}/checklist/${w.foreign.item}`,
    }),
  },
  {
    name: 'POST /tasks/:taskId/comments',
    scope: 'tasks:write',
    status: 201,
    returnsId: true,
    events: ['CommentAdded'],
    viewerForbidden: true,
    prepare: async (api, w) => {
      const task = await freshTask(api, w);
      return {
        call: { method: 'POST', url: `/tasks/${task}/comments`, body: { text: 'Looks good' } },
        target: tk(task),
        primary: same(tk(task)),
      };
    },
    foreign: (_, w) => ({
      method: 'POST',
      url: `/tasks/${w.foreign.task}/comments`,
      body: { text: 'hello' },
    }),
  },
  {
    name: 'PATCH /tasks/:taskId/comments/:commentId',
    scope: 'tasks:write',
    status: 200,
    returnsId: false,
    events: ['CommentEdited'],
    viewerForbidden: true,
    prepare: async (api, w) => {
      const task = await freshTask(api, w);
      const comment = await api.ok('POST', `/tasks/${task}/comments`, api.users.alice, {
        text: 'Looks good',
      });
      return {
        call: {
          method: 'PATCH',
          url: `/tasks/${task}/comments/${comment}`,
          body: { text: 'Looks great' },
        },
        target: tk(task),
        primary: same(tk(task)),
      };
    },
    foreign: (_, w) => ({
      method: 'PATCH',
      url: `/tasks/${w.foreign.task}/comments/${w.foreign.comment}`,
      body: { text: 'edited' },
    }),
  },
  {
    name: 'DELETE /tasks/:taskId/comments/:commentId',
    scope: 'tasks:write',
    status: 200,
    returnsId: false,
    events: ['CommentDeleted'],
    viewerForbidden: true,
    prepare: async (api, w) => {
      const task = await freshTask(api, w);
      const comment = await api.ok('POST', `/tasks/${task}/comments`, api.users.alice, {
        text: 'Looks good',
      });
      return {
        call: { method: 'DELETE', url: `/tasks/${task}/comments/${comment}` },
        target: tk(task),
        primary: same(tk(task)),
      };
    },
    foreign: (_, w) => ({
      method: 'DELETE',
      url: `/tasks/${w.foreign.task}/comments/${w.foreign.comment}`,
    }),
  },
  {
    name: 'POST /workspaces/:workspaceId/webhooks',
    scope: 'workspaces:write',
    status: 201,
    returnsId: true,
    events: ['WebhookCreated'],
    viewerForbidden: true,
    prepare: async (api) => {
      const id = await freshWorkspace(api);
      return {
        call: { method: 'POST', url: `/workspaces/${id}/webhooks`, body: webhookBody(api) },
        target: wh(id),
        primary: same(wh(id)),
      };
    },
    foreign: (api, w) => ({
      method: 'POST',
      url: `/workspaces/${w.foreign.workspace}/webhooks`,
      body: webhookBody(api),
    }),
  },
  {
    name: 'PATCH /workspaces/:workspaceId/webhooks/:webhookId',
    scope: 'workspaces:write',
    status: 200,
    returnsId: false,
    events: ['WebhookUpdated'],
    viewerForbidden: true,
    prepare: async (api) => {
      const { workspace, webhook } = await freshWebhook(api);
      return {
        call: {
          method: 'PATCH',
          url: `/workspaces/${workspace}/webhooks/${webhook}`,
          body: { eventKinds: ['CommentAdded'] },
        },
        target: wh(workspace),
        primary: same(wh(workspace)),
      };
    },
    foreign: (_, w) => ({
      method: 'PATCH',
      url: `/workspaces/${w.foreign.workspace}/webhooks/${randomUUID()}`,
      body: { eventKinds: ['CommentAdded'] },
    }),
  },
  {
    name: 'DELETE /workspaces/:workspaceId/webhooks/:webhookId',
    scope: 'workspaces:write',
    status: 200,
    returnsId: false,
    events: ['WebhookDeleted'],
    viewerForbidden: true,
    prepare: async (api) => {
      const { workspace, webhook } = await freshWebhook(api);
      return {
        call: { method: 'DELETE', url: `/workspaces/${workspace}/webhooks/${webhook}` },
        target: wh(workspace),
        primary: same(wh(workspace)),
      };
    },
    foreign: (_, w) => ({
      method: 'DELETE',
      url: `/workspaces/${w.foreign.workspace}/webhooks/${randomUUID()}`,
    }),
  },
  {
    name: 'POST /workspaces/:workspaceId/webhooks/:webhookId/deliveries/:deliveryId/redeliver',
    scope: 'workspaces:write',
    status: 200,
    returnsId: false,
    events: ['WebhookRedeliveryRequested'],
    viewerForbidden: true,
    prepare: async (api) => {
      const { workspace, webhook } = await freshWebhook(api);
      const delivery = randomUUID().replaceAll('-', '');
      return {
        call: {
          method: 'POST',
          url: `/workspaces/${workspace}/webhooks/${webhook}/deliveries/${delivery}/redeliver`,
        },
        target: wh(workspace),
        primary: same(wh(workspace)),
      };
    },
    foreign: (_, w) => ({
      method: 'POST',
      url: `/workspaces/${w.foreign.workspace}/webhooks/${randomUUID()}/deliveries/${'0'.repeat(32)}/redeliver`,
    }),
  },
];
/** The URL's root resource (`/tasks/<id>/…` → task, id): what a hiding 404 names. */
export function rootOf(url: string): { entity: string; id: string } {
  const [, collection, id] = url.split('/') as [string, string, string];
  return { entity: collection.replace(/s$/, ''), id };
}

/** The call with its root id replaced by one nobody has. */
export function withUnknownRoot(call: Call): Call {
  const parts = call.url.split('/');
  parts[2] = randomUUID();
  return { ...call, url: parts.join('/') };
}
