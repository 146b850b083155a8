// Every query endpoint × {shape, viewer, no token, bad token, wrong scope, foreign id, unknown id,
// bad parameter, If-None-Match}, over data written through the command API and projected by the
// real projector.
import { randomUUID } from 'node:crypto';
import {
  ActivityPageDto,
  BoardCsvDto,
  BoardDto,
  BoardHistoryDto,
  BoardSearchDto,
  InboxDto,
  MyTasksDto,
  MyWorkspacesDto,
  ProjectBoardsDto,
  type Scope,
  scopes,
  TaskDto,
  WorkspaceDto,
  WorkspaceExportDto,
} from '@taskomask/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { type Answer, newUsers, usePipeline } from './support/pipeline';
import { buildTeam, type Team } from './support/team';

type Ids = (t: Team) => string;

type EndpointCase = Readonly<{
  name: string;
  scope: Scope;
  schema: z.ZodType;
  url: Ids;
  /** The same endpoint on bob's workspace, and on ids nobody has; absent for /workspaces, /me. */
  foreign?: Ids;
  unknown?: (id: string) => string;
  /** Which entity the 404 names. */
  entity?: string;
  bad: Readonly<{ url: Ids; field: string }>;
  /** The answer's media type; JSON unless said. */
  contentType?: RegExp;
}>;

const cases: readonly EndpointCase[] = [
  {
    name: 'GET /workspaces',
    scope: 'workspaces:read',
    schema: MyWorkspacesDto,
    url: () => '/workspaces',
    bad: { url: () => '/workspaces?limit=0', field: 'limit' },
  },
  {
    name: 'GET /workspaces/:workspaceId',
    scope: 'workspaces:read',
    schema: WorkspaceDto,
    url: (t) => `/workspaces/${t.workspace}`,
    foreign: (t) => `/workspaces/${t.foreign.workspace}`,
    unknown: (id) => `/workspaces/${id}`,
    entity: 'workspace',
    bad: { url: () => '/workspaces/not-a-uuid', field: 'workspaceId' },
  },
  {
    name: 'GET /workspaces/:workspaceId/activity',
    scope: 'workspaces:read',
    schema: ActivityPageDto,
    url: (t) => `/workspaces/${t.workspace}/activity`,
    foreign: (t) => `/workspaces/${t.foreign.workspace}/activity`,
    unknown: (id) => `/workspaces/${id}/activity`,
    entity: 'workspace',
    bad: { url: (t) => `/workspaces/${t.workspace}/activity?cursor=bm9wZQ`, field: 'cursor' },
  },
  {
    name: 'GET /workspaces/:workspaceId/export',
    scope: 'workspaces:read',
    schema: WorkspaceExportDto,
    url: (t) => `/workspaces/${t.workspace}/export`,
    foreign: (t) => `/workspaces/${t.foreign.workspace}/export`,
    unknown: (id) => `/workspaces/${id}/export`,
    entity: 'workspace',
    bad: { url: (t) => `/workspaces/${t.workspace}/export?format=xml`, field: 'format' },
  },
  {
    name: 'GET /workspaces/:workspaceId/projects/:projectId/boards',
    scope: 'boards:read',
    schema: ProjectBoardsDto,
    url: (t) => `/workspaces/${t.workspace}/projects/${t.project}/boards`,
    foreign: (t) => `/workspaces/${t.foreign.workspace}/projects/${t.foreign.project}/boards`,
    unknown: (id) => `/workspaces/${id}/projects/${randomUUID()}/boards`,
    entity: 'workspace',
    bad: { url: (t) => `/workspaces/${t.workspace}/projects/x/boards`, field: 'projectId' },
  },
  {
    name: 'GET /boards/:boardId',
    scope: 'boards:read',
    schema: BoardDto,
    url: (t) => `/boards/${t.board}`,
    foreign: (t) => `/boards/${t.foreign.board}`,
    unknown: (id) => `/boards/${id}`,
    entity: 'board',
    bad: { url: (t) => `/boards/${t.board}?minPosition=-1`, field: 'minPosition' },
  },
  {
    name: 'GET /boards/:boardId/export.csv',
    scope: 'boards:read',
    schema: BoardCsvDto,
    url: (t) => `/boards/${t.board}/export.csv`,
    foreign: (t) => `/boards/${t.foreign.board}/export.csv`,
    unknown: (id) => `/boards/${id}/export.csv`,
    entity: 'board',
    bad: { url: (t) => `/boards/${t.board}/export.csv?minPosition=x`, field: 'minPosition' },
    contentType: /^text\/csv; charset=utf-8$/,
  },
  {
    name: 'GET /boards/:boardId/activity',
    scope: 'boards:read',
    schema: ActivityPageDto,
    url: (t) => `/boards/${t.board}/activity`,
    foreign: (t) => `/boards/${t.foreign.board}/activity`,
    unknown: (id) => `/boards/${id}/activity`,
    entity: 'board',
    bad: { url: (t) => `/boards/${t.board}/activity?limit=500`, field: 'limit' },
  },
  {
    name: 'GET /boards/:boardId/history',
    scope: 'boards:read',
    schema: BoardHistoryDto,
    url: (t) => `/boards/${t.board}/history`,
    foreign: (t) => `/boards/${t.foreign.board}/history`,
    unknown: (id) => `/boards/${id}/history`,
    entity: 'board',
    bad: { url: (t) => `/boards/${t.board}/history?before=x`, field: 'before' },
  },
  {
    name: 'GET /boards/:boardId/search',
    scope: 'boards:read',
    schema: BoardSearchDto,
    url: (t) => `/boards/${t.board}/search?text=login`,
    foreign: (t) => `/boards/${t.foreign.board}/search?text=hidden`,
    unknown: (id) => `/boards/${id}/search?text=login`,
    entity: 'board',
    bad: { url: (t) => `/boards/${t.board}/search?due=later`, field: 'due' },
  },
  {
    name: 'GET /tasks/:taskId',
    scope: 'tasks:read',
    schema: TaskDto,
    url: (t) => `/tasks/${t.tasks.login}`,
    foreign: (t) => `/tasks/${t.foreign.task}`,
    unknown: (id) => `/tasks/${id}`,
    entity: 'task',
    bad: { url: () => '/tasks/123', field: 'taskId' },
  },
  {
    name: 'GET /tasks/:taskId/activity',
    scope: 'tasks:read',
    schema: ActivityPageDto,
    url: (t) => `/tasks/${t.tasks.login}/activity`,
    foreign: (t) => `/tasks/${t.foreign.task}/activity`,
    unknown: (id) => `/tasks/${id}/activity`,
    entity: 'task',
    bad: { url: (t) => `/tasks/${t.tasks.login}/activity?limit=many`, field: 'limit' },
  },
  {
    name: 'GET /me/tasks',
    scope: 'tasks:read',
    schema: MyTasksDto,
    url: () => '/me/tasks',
    bad: { url: () => '/me/tasks?surprise=1', field: 'surprise' },
  },
  {
    name: 'GET /me/inbox',
    scope: 'tasks:read',
    schema: InboxDto,
    url: () => '/me/inbox',
    bad: { url: () => '/me/inbox?cursor=nonsense', field: 'cursor' },
  },
];

/** A problem body with the request's own parts (id, URL, the id asked for) taken out. */
function comparable(answer: Answer, id: string) {
  const { requestId: _, instance: __, ...rest } = answer.body;
  return { ...rest, detail: String(rest.detail).replace(id, '<id>') };
}

function expectProblem(answer: Answer, status: number) {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(answer.body).toMatchObject({ status });
  expect(answer.body).not.toHaveProperty('stack');
}

describe('query endpoints', () => {
  const p = usePipeline();
  const users = newUsers();
  let team: Team;

  beforeAll(async () => {
    team = await buildTeam(p(), users);
    await p().caughtUp();
  });

  describe.each(cases)('$name', (c) => {
    it('answers a member with the documented shape, an ETag and the read position', async () => {
      const answer = await p().query(c.url(team), { as: users.alice });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      expect(answer.headers['content-type']).toMatch(c.contentType ?? /^application\/json/);
      expect(() => c.schema.parse(answer.body)).not.toThrow();
      expect(answer.headers.etag).toMatch(/^"\d+(-[\w-]+)?"$/);
      expect(Number(answer.headers['x-read-position'])).toBe(team.position);
      expect(answer.headers['x-stale']).toBeUndefined();
      expect(answer.headers['cache-control']).toBe('private, no-cache');
    });

    it('lets a viewer read', async () => {
      const answer = await p().query(c.url(team), { as: users.val });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    });

    it('answers 401 without a token, and with a token the JWKS does not vouch for', async () => {
      const none = await p().query(c.url(team), { as: null });
      expectProblem(none, 401);
      expect(none.headers['www-authenticate']).toBe('Bearer realm="taskomask"');
      const forged = await p().query(c.url(team), {
        as: users.alice,
        tokenOptions: { key: 'other' },
      });
      expectProblem(forged, 401);
      expect(forged.body.type).toBe('urn:taskomask:problem:unauthorized');
    });

    it(`answers 403 to a token without ${c.scope}`, async () => {
      const answer = await p().query(c.url(team), {
        as: users.alice,
        tokenOptions: { scope: scopes.filter((s) => s !== c.scope).join(' ') },
      });
      expectProblem(answer, 403);
      expect(answer.body).toMatchObject({ type: 'urn:taskomask:problem:insufficient-scope' });
    });

    it('answers 400 naming the bad parameter', async () => {
      const answer = await p().query(c.bad.url(team), { as: users.alice });
      expectProblem(answer, 400);
      expect(answer.body.type).toBe('urn:taskomask:problem:validation');
      expect(answer.body.errors.map((e: { field: string }) => e.field)).toEqual([c.bad.field]);
    });

    it('answers 304 to If-None-Match with the current ETag', async () => {
      const first = await p().query(c.url(team), { as: users.alice });
      const again = await p().query(c.url(team), {
        as: users.alice,
        headers: { 'if-none-match': String(first.headers.etag) },
      });
      expect(again.status).toBe(304);
      expect(again.body).toBeUndefined();
      expect(again.headers.etag).toBe(first.headers.etag);
      expect(again.headers['x-read-position']).toBe(first.headers['x-read-position']);
    });

    if (c.foreign !== undefined && c.unknown !== undefined) {
      const { foreign, unknown } = c;
      it('answers another workspace’s ids exactly like unknown ones: 404', async () => {
        const theirs = await p().query(foreign(team), { as: users.alice });
        const unknownId = randomUUID();
        const nobodys = await p().query(unknown(unknownId), { as: users.alice });
        expectProblem(theirs, 404);
        expectProblem(nobodys, 404);
        const askedFor = /\/(?:workspaces|boards|tasks)\/([0-9a-f-]{36})/.exec(foreign(team))![1]!;
        expect(theirs.body.detail).toBe(`${c.entity} ${askedFor} not found`);
        expect(comparable(theirs, askedFor)).toEqual(comparable(nobodys, unknownId));
        expect(Object.keys(theirs.headers).sort()).toEqual(Object.keys(nobodys.headers).sort());
        // The owner of the other workspace does see it.
        expect((await p().query(foreign(team), { as: users.bob })).status).toBe(200);
      });
    }
  });
});
