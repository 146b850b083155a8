// minPosition (read your own write), ETag/If-None-Match, following a rebuild, docs and health —
// against the real pipeline, with the forwarder paused to hold the projector back on purpose.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { buildQueryApi } from '@taskomask/api/queries';
import { readSchema, rebuildReadModels } from '@taskomask/read-models';
import { sqliteReadStoreCatalog } from '@taskomask/readstore/sqlite';
import { beforeAll, describe, expect, it } from 'vitest';
import { newUsers, usePipeline } from './support/pipeline';
import { buildTeam, type Team } from './support/team';

const taskIds = (board: { cards: { tasks: { taskId: string }[] }[] }) =>
  board.cards.flatMap((c) => c.tasks.map((t) => t.taskId));

describe('read your writes', () => {
  const p = usePipeline();
  const users = newUsers();
  let team: Team;

  beforeAll(async () => {
    team = await buildTeam(p(), users);
    await p().caughtUp();
  });

  const newTask = (title: string) =>
    p().command('POST', `/boards/${team.board}/tasks`, users.alice, {
      cardId: team.cards.done,
      title,
    });

  it('waits for the projector to reach minPosition, then answers with the write', async () => {
    await p().pauseForwarding();
    const written = await newTask(`Held back ${randomUUID().slice(0, 8)}`);
    const storeAt = await p().projector.readStore().position();
    expect(storeAt).toBeLessThan(written.position);
    const pending = p().query(`/boards/${team.board}?minPosition=${written.position}`, {
      as: users.mia,
    });
    p().resumeForwarding();
    const answer = await pending;
    expect(answer.status).toBe(200);
    expect(answer.headers['x-stale']).toBeUndefined();
    expect(Number(answer.headers['x-read-position'])).toBeGreaterThanOrEqual(written.position);
    expect(taskIds(answer.body)).toContain(written.id);
  });

  it('takes minPosition from the X-Min-Position header too', async () => {
    await p().pauseForwarding();
    const written = await newTask(`Header ${randomUUID().slice(0, 8)}`);
    expect(await p().projector.readStore().position()).toBeLessThan(written.position);
    const pending = p().query(`/tasks/${written.id}`, {
      as: users.val,
      headers: { 'x-min-position': String(written.position) },
    });
    p().resumeForwarding();
    const answer = await pending;
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.taskId).toBe(written.id);
  });

  it('answers 200 with X-Stale when the projector does not get there in time', async () => {
    const impatient = await p().queryApi({ minPositionWaitMs: 30 });
    await p().pauseForwarding();
    try {
      const written = await newTask(`Late ${randomUUID().slice(0, 8)}`);
      const before = await p().projector.readStore().position();
      const answer = await p().send(
        impatient,
        `/boards/${team.board}?minPosition=${written.position}`,
        {
          as: users.alice,
        },
      );
      expect(answer.status).toBe(200);
      expect(answer.headers['x-stale']).toBe('true');
      expect(Number(answer.headers['x-read-position'])).toBe(before);
      expect(taskIds(answer.body)).not.toContain(written.id);
      // A task the store has not seen yet is a 404 that says it is stale, so the client retries.
      const task = await p().send(
        impatient,
        `/tasks/${written.id}?minPosition=${written.position}`,
        {
          as: users.alice,
        },
      );
      expect(task.status).toBe(404);
      expect(task.headers['x-stale']).toBe('true');
    } finally {
      p().resumeForwarding();
    }
    await p().caughtUp();
  });

  it('refuses a minPosition that is not a non-negative integer, in either place', async () => {
    const query = await p().query(`/boards/${team.board}?minPosition=abc`, { as: users.alice });
    expect(query.status).toBe(400);
    expect(query.body.errors).toEqual([
      { field: 'minPosition', reason: 'must be a non-negative integer' },
    ]);
    const header = await p().query(`/boards/${team.board}`, {
      as: users.alice,
      headers: { 'x-min-position': '-3' },
    });
    expect(header.status).toBe(400);
    expect(header.body.errors).toEqual([
      { field: 'X-Min-Position', reason: 'must be a non-negative integer' },
    ]);
  });

  it('answers 304 while the board is unchanged and 200 with a new ETag once it changed', async () => {
    const first = await p().query(`/boards/${team.board}`, { as: users.alice });
    const etag = String(first.headers.etag);
    expect(etag).toBe(`"${first.body.globalPosition}"`);
    for (const ifNoneMatch of [etag, `W/${etag}`, `"1", ${etag}`, '*']) {
      const again = await p().query(`/boards/${team.board}`, {
        as: users.alice,
        headers: { 'if-none-match': ifNoneMatch },
      });
      expect(again.status, ifNoneMatch).toBe(304);
    }
    const changed = await p().command('PATCH', `/boards/${team.board}`, users.alice, {
      description: `Changed ${randomUUID().slice(0, 8)}`,
    });
    const after = await p().query(`/boards/${team.board}?minPosition=${changed.position}`, {
      as: users.alice,
      headers: { 'if-none-match': etag },
    });
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
    expect(after.body.globalPosition).toBe(changed.position);
  });

  it('changes a list’s ETag when its items change, not when unrelated documents do', async () => {
    const before = await p().query('/me/tasks', { as: users.adam });
    await p().command('PATCH', `/workspaces/${team.left.workspace}`, users.alice, {
      description: 'Nothing to do with adam',
    });
    const unrelated = await p().query(`/me/tasks?minPosition=${await p().caughtUp()}`, {
      as: users.adam,
    });
    expect(unrelated.headers.etag).toBe(before.headers.etag);
    const assigned = await p().command('PATCH', `/tasks/${team.tasks.docs}`, users.alice, {
      assigneeId: users.adam,
    });
    const after = await p().query(`/me/tasks?minPosition=${assigned.position}`, {
      as: users.adam,
      headers: { 'if-none-match': String(before.headers.etag) },
    });
    expect(after.status).toBe(200);
    expect(after.body.items.map((t: { taskId: string }) => t.taskId)).toContain(team.tasks.docs);
  });
});

describe('docs and health', () => {
  const p = usePipeline();

  it('serves the OpenAPI 3.1 document, generated from the contracts, and a browsable UI', async () => {
    const answer = await p().query('/openapi.json');
    expect(answer.status).toBe(200);
    expect(answer.body.openapi).toBe('3.1.0');
    expect(Object.keys(answer.body.paths).sort()).toEqual([
      '/admin/owners',
      '/admin/owners/{ownerId}',
      '/admin/owners/{ownerId}/tokens',
      '/admin/workspaces',
      '/admin/workspaces/{workspaceId}/members',
      '/boards/{boardId}',
      '/boards/{boardId}/activity',
      '/boards/{boardId}/export.csv',
      '/boards/{boardId}/history',
      '/boards/{boardId}/insights/aging',
      '/boards/{boardId}/insights/cfd',
      '/boards/{boardId}/insights/cycle-times',
      '/boards/{boardId}/insights/throughput',
      '/boards/{boardId}/search',
      '/health/live',
      '/health/ready',
      '/me/inbox',
      '/me/invitations',
      '/me/tasks',
      '/me/tokens',
      '/tasks/{taskId}',
      '/tasks/{taskId}/activity',
      '/workspaces',
      '/workspaces/{workspaceId}',
      '/workspaces/{workspaceId}/activity',
      '/workspaces/{workspaceId}/export',
      '/workspaces/{workspaceId}/projects/{projectId}/boards',
      '/workspaces/{workspaceId}/webhooks',
      '/workspaces/{workspaceId}/webhooks/{webhookId}/deliveries',
    ]);
    const csv = answer.body.paths['/boards/{boardId}/export.csv'].get;
    expect(Object.keys(csv.responses['200'].content)).toEqual(['text/csv']);
    expect(csv.responses['200'].headers['Content-Disposition']).toBeDefined();
    expect(
      answer.body.paths['/workspaces/{workspaceId}/export'].get.responses['200'].content[
        'application/json'
      ].schema,
    ).toEqual({ $ref: '#/components/schemas/WorkspaceExport' });
    const search = answer.body.paths['/boards/{boardId}/search'].get;
    expect(search.security).toEqual([{ bearerAuth: ['boards:read'] }, { personalToken: ['read'] }]);
    expect(answer.body.components.securitySchemes.personalToken.scheme).toBe('bearer');
    expect(
      search.parameters.map((x: { name?: string; $ref?: string }) => x.name ?? x.$ref),
    ).toEqual([
      'boardId',
      'text',
      'label',
      'assigneeId',
      'due',
      'minPosition',
      'cursor',
      'limit',
      '#/components/parameters/MinPosition',
      '#/components/parameters/IfNoneMatch',
    ]);
    expect(search.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/BoardSearch',
    });
    expect(Object.keys(answer.body.components.schemas)).toEqual(
      expect.arrayContaining(['Board', 'Task', 'MyTasks', 'ActivityPage', 'ProblemDetails']),
    );
    expect(answer.body.components.schemas).not.toHaveProperty('CreateTaskBody');
    const docs = await p().query('/docs/');
    expect(docs.status).toBe(200);
    expect(String(docs.body)).toContain('swagger');
  });

  it('is live, and ready while the read store answers', async () => {
    expect((await p().query('/health/live')).body).toEqual({ status: 'ok' });
    const ready = await p().query('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ok', checks: { readStore: 'up' } });
  });

  it('is not ready, naming the read store, when the store is gone', async () => {
    const catalog = sqliteReadStoreCatalog({
      path: join(p().dir, 'other', 'read.db'),
      schema: readSchema,
    });
    const app = buildQueryApi({ catalog, auth: p().auth });
    try {
      expect((await p().send(app, '/health/ready')).status).toBe(200);
      await catalog.close();
      const ready = await p().send(app, '/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body).toEqual({
        status: 'unavailable',
        checks: { readStore: 'down' },
        down: ['readStore'],
      });
      // And queries say so too: 503 with Retry-After, not a 500.
      const query = await p().send(app, '/workspaces', { as: randomUUID() });
      expect(query.status).toBe(503);
      expect(query.headers['retry-after']).toBe('5');
      expect(query.body).toMatchObject({ dependency: 'read store' });
    } finally {
      await app.close();
    }
  });
});

describe('a rebuild of the read models', () => {
  const p = usePipeline();
  const users = newUsers();

  it('is followed: queries keep answering, from the new generation', async () => {
    const team = await buildTeam(p(), users);
    await p().caughtUp();
    const before = await p().query(`/boards/${team.board}`, { as: users.alice });
    expect(before.status).toBe(200);
    const { catalog, eventStore } = p();
    const previous = await catalog.current();

    const result = await rebuildReadModels({ eventStore, catalog });
    expect(await catalog.current()).toBe(result.generation);
    expect(result.generation).not.toBe(previous);

    // Same answers right after the switch…
    const same = await p().query(`/boards/${team.board}`, { as: users.alice });
    expect(same.body).toEqual(before.body);
    // …and writes after it, which only the new generation receives, are read back in time.
    const written = await p().command('POST', `/boards/${team.board}/tasks`, users.mia, {
      cardId: team.cards.todo,
      title: 'After the rebuild',
    });
    const after = await p().query(`/boards/${team.board}?minPosition=${written.position}`, {
      as: users.mia,
    });
    expect(after.status).toBe(200);
    expect(after.headers['x-stale']).toBeUndefined();
    expect(taskIds(after.body)).toContain(written.id);
    // The generation the rebuild replaced stops at the rebuild: only the new one has the task.
    const old = await catalog.open(previous);
    expect(await old.get('tasks', written.id)).toBeUndefined();
  });
});
