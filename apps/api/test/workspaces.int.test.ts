// Workspace, member and project commands: validation, rules and conflicts, on SQLite and Redis.
import { randomUUID } from 'node:crypto';
import { unavailable } from '@taskomask/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectInvalid, expectProblem } from './support/expect';
import { buildWorld, type StoreKind, useApi, type World } from './support/harness';

function workspaceSuite(kind: StoreKind) {
  const api = useApi(kind);
  let w: World;
  beforeAll(async () => {
    w = await buildWorld(api());
  });
  const alice = () => api().users.alice;
  const post = (url: string, body?: unknown, as = alice()) => api().send('POST', url, { as, body });
  const patch = (url: string, body?: unknown, as = alice()) =>
    api().send('PATCH', url, { as, body });
  const del = (url: string, as = alice()) => api().send('DELETE', url, { as });

  describe('POST /workspaces validation', () => {
    it.each([
      [{}, [{ field: 'name', reason: 'is required' }]],
      [{ name: 'ab' }, [{ field: 'name', reason: 'must be at least 3 characters' }]],
      [{ name: '   ab   ' }, [{ field: 'name', reason: 'must be at least 3 characters' }]],
      [{ name: 'x'.repeat(51) }, [{ field: 'name', reason: 'must be at most 50 characters' }]],
      [{ name: 42 }, [{ field: 'name', reason: 'must be a string' }]],
      [
        { name: 'Fine name', description: 'd'.repeat(101) },
        [{ field: 'description', reason: 'must be at most 100 characters' }],
      ],
      [
        { name: 'Fine name', colour: 'red', ownerId: randomUUID() },
        [
          { field: 'colour', reason: 'is not a known field' },
          { field: 'ownerId', reason: 'is not a known field' },
        ],
      ],
      [[], [{ field: 'body', reason: 'must be a JSON object' }]],
      [
        { name: 'ab', description: 7 },
        [
          { field: 'name', reason: 'must be at least 3 characters' },
          { field: 'description', reason: 'must be a string' },
        ],
      ],
    ])('refuses %j', async (body, errors) => {
      await expectInvalid(api(), () => post('/workspaces', body), errors);
    });

    it('refuses a missing body', async () => {
      await expectInvalid(api(), () => post('/workspaces'), [
        { field: 'body', reason: 'must be a JSON object' },
      ]);
    });

    it('refuses a description that repeats the name (the domain’s rule, same shape)', async () => {
      await expectInvalid(
        api(),
        () => post('/workspaces', { name: 'Acme HQ', description: 'acme hq' }),
        [{ field: 'description', reason: 'must differ from the name' }],
      );
    });

    it('counts characters as people see them: 50 emoji are a valid name', async () => {
      const response = await post('/workspaces', { name: '🚀'.repeat(50) });
      expect(response.status).toBe(201);
    });
  });

  describe('workspace rules', () => {
    it('refuses a second workspace of the same name by the same owner (422 name_taken)', async () => {
      const name = api().unique('Unique Co');
      expect((await post('/workspaces', { name })).status).toBe(201);
      await expectProblem(api(), () => post('/workspaces', { name: name.toUpperCase() }), 422, {
        type: 'urn:taskomask:problem:rule-violation',
        rule: 'name_taken',
      });
      // Another owner may use it.
      expect((await post('/workspaces', { name }, api().users.bob)).status).toBe(201);
    });

    it('refuses renaming onto another of the owner’s workspace names', async () => {
      const taken = api().unique('Taken');
      await api().ok('POST', '/workspaces', alice(), { name: taken });
      const other = await api().ok('POST', '/workspaces', alice(), { name: api().unique('Other') });
      await expectProblem(api(), () => patch(`/workspaces/${other}`, { name: taken }), 422, {
        rule: 'name_taken',
      });
    });

    it('answers a change to nothing with 200, the current version, and writes nothing', async () => {
      const name = api().unique('Steady');
      const id = await api().ok('POST', '/workspaces', alice(), { name });
      const before = await api().head();
      const version = await api().store.streamVersion(`workspace-${id}`);
      const response = await patch(`/workspaces/${id}`, { name });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ version, position: before });
      expect(response.headers.etag).toBe(`"${version}"`);
      expect(await api().head()).toBe(before);
    });

    it('refuses an empty PATCH and a malformed id', async () => {
      await expectInvalid(api(), () => patch(`/workspaces/${w.workspace}`, {}), [
        { field: 'body', reason: 'must change at least one field' },
      ]);
      await expectInvalid(api(), () => patch('/workspaces/not-a-uuid', { name: 'Valid name' }), [
        { field: 'workspaceId', reason: 'must be a UUID' },
      ]);
    });

    it('answers 404 for a deleted workspace', async () => {
      const id = await api().ok('POST', '/workspaces', alice(), { name: api().unique('Doomed') });
      await api().ok('DELETE', `/workspaces/${id}`, alice());
      await expectProblem(api(), () => patch(`/workspaces/${id}`, { name: 'Revived' }), 404, {
        detail: `workspace ${id} not found`,
      });
    });

    it('lets only owners delete a workspace (admin 403)', async () => {
      await expectProblem(api(), () => del(`/workspaces/${w.workspace}`, api().users.adam), 403);
    });
  });

  describe('members', () => {
    it.each([
      [{ ownerId: 'nobody', role: 'member' }, [{ field: 'ownerId', reason: 'must be a UUID' }]],
      [
        { ownerId: randomUUID(), role: 'boss' },
        [{ field: 'role', reason: 'must be one of owner, admin, member, viewer' }],
      ],
      [{ ownerId: randomUUID() }, [{ field: 'role', reason: 'is required' }]],
    ])('POST members refuses %j', async (body, errors) => {
      await expectInvalid(api(), () => post(`/workspaces/${w.workspace}/members`, body), errors);
    });

    it('PATCH member refuses a missing role and a malformed owner id', async () => {
      await expectInvalid(
        api(),
        () => patch(`/workspaces/${w.workspace}/members/${api().users.mia}`, {}),
        [{ field: 'role', reason: 'is required' }],
      );
      await expectInvalid(
        api(),
        () => patch(`/workspaces/${w.workspace}/members/42`, { role: 'admin' }),
        [{ field: 'ownerId', reason: 'must be a UUID' }],
      );
    });

    it('answers 409 when adding someone who is already a member', async () => {
      await expectProblem(
        api(),
        () =>
          post(`/workspaces/${w.workspace}/members`, { ownerId: api().users.mia, role: 'admin' }),
        409,
        { type: 'urn:taskomask:problem:conflict' },
      );
    });

    it('answers 404 for a member that is not one', async () => {
      const stranger = randomUUID();
      await expectProblem(
        api(),
        () => patch(`/workspaces/${w.workspace}/members/${stranger}`, { role: 'admin' }),
        404,
        { detail: `member ${stranger} not found` },
      );
    });

    it('keeps the last owner (422 last_owner)', async () => {
      const id = await api().ok('POST', '/workspaces', alice(), { name: api().unique('Solo') });
      await expectProblem(api(), () => del(`/workspaces/${id}/members/${alice()}`), 422, {
        rule: 'last_owner',
      });
      await expectProblem(
        api(),
        () => patch(`/workspaces/${id}/members/${alice()}`, { role: 'admin' }),
        422,
        { rule: 'last_owner' },
      );
    });

    it('lets only owners grant the owner role (admin 403)', async () => {
      await expectProblem(
        api(),
        () =>
          post(
            `/workspaces/${w.workspace}/members`,
            { ownerId: randomUUID(), role: 'owner' },
            api().users.adam,
          ),
        403,
      );
    });

    it('lets a member leave with their own id', async () => {
      const leaver = randomUUID();
      await api().ok('POST', `/workspaces/${w.workspace}/members`, alice(), {
        ownerId: leaver,
        role: 'viewer',
      });
      const response = await del(`/workspaces/${w.workspace}/members/${leaver}`, leaver);
      expect(response.status).toBe(200);
    });
  });

  describe('projects', () => {
    it('POST projects refuses a short name and an unknown field', async () => {
      await expectInvalid(
        api(),
        () => post(`/workspaces/${w.workspace}/projects`, { name: 'no', id: randomUUID() }),
        [
          { field: 'name', reason: 'must be at least 3 characters' },
          { field: 'id', reason: 'is not a known field' },
        ],
      );
    });

    it('PATCH project refuses an empty body and a long description', async () => {
      const project = await api().ok('POST', `/workspaces/${w.workspace}/projects`, alice(), {
        name: api().unique('Proj'),
      });
      const url = `/workspaces/${w.workspace}/projects/${project}`;
      await expectInvalid(api(), () => patch(url, {}), [
        { field: 'body', reason: 'must change at least one field' },
      ]);
      await expectInvalid(api(), () => patch(url, { description: 'x'.repeat(101) }), [
        { field: 'description', reason: 'must be at most 100 characters' },
      ]);
    });

    it('refuses a duplicate project name (422) and deleting a project with boards (422)', async () => {
      const name = api().unique('Mobile');
      await api().ok('POST', `/workspaces/${w.workspace}/projects`, alice(), { name });
      await expectProblem(
        api(),
        () => post(`/workspaces/${w.workspace}/projects`, { name: name.toLowerCase() }),
        422,
        { rule: 'name_taken' },
      );
      await expectProblem(
        api(),
        () => del(`/workspaces/${w.workspace}/projects/${w.project}`),
        422,
        { rule: 'project_not_empty' },
      );
    });

    it('answers 404 naming an unknown project of my workspace', async () => {
      const project = randomUUID();
      await expectProblem(api(), () => del(`/workspaces/${w.workspace}/projects/${project}`), 404, {
        detail: `project ${project} not found`,
      });
    });

    it('lets a member not manage projects (403)', async () => {
      await expectProblem(
        api(),
        () => post(`/workspaces/${w.workspace}/projects`, { name: 'By a member' }, api().users.mia),
        403,
      );
    });
  });
}

describe('workspace commands on SQLite', () => workspaceSuite('sqlite'));
describe.skipIf(unavailable('redis'))('workspace commands on Redis', () => workspaceSuite('redis'));
