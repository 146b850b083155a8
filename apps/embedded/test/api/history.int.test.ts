// Time travel on the query side: a board and a task as they were at a position or a time, and the
// board's change points — written through the command API, projected by the real projector.
import { beforeAll, describe, expect, it } from 'vitest';
import { newUsers, usePipeline } from './support/pipeline';

type Change = {
  position: number;
  time: string;
  kind: string;
  summary: string;
  actorId: string;
  commandId: string;
};

describe('board history and time travel', () => {
  const p = usePipeline();
  const users = newUsers();
  const s = {} as {
    board: string;
    task: string;
    created: number;
    edited: number;
    deleted: number;
    // biome-ignore lint/suspicious/noExplicitAny: the live answer, compared as a whole.
    liveAtCreated: any;
    // biome-ignore lint/suspicious/noExplicitAny: the live answer, compared as a whole.
    taskAtEdited: any;
  };

  const get = (url: string, as = users.alice) => p().query(url, { as });

  beforeAll(async () => {
    const { alice, mia } = users;
    const c = p().command;
    const { id: workspace } = await c('POST', '/workspaces', alice, { name: 'Acme' });
    await c('POST', `/workspaces/${workspace}/members`, alice, { ownerId: mia, role: 'member' });
    const { id: project } = await c('POST', `/workspaces/${workspace}/projects`, alice, {
      name: 'Web',
    });
    s.board = (
      await c('POST', `/workspaces/${workspace}/projects/${project}/boards`, alice, {
        name: 'Plan',
      })
    ).id;
    const { id: todo } = await c('POST', `/boards/${s.board}/cards`, alice, {
      name: 'To do',
      type: 'ToDo',
    });
    const { id: doing } = await c('POST', `/boards/${s.board}/cards`, alice, {
      name: 'Doing',
      type: 'Doing',
    });
    const created = await c('POST', `/boards/${s.board}/tasks`, alice, {
      cardId: todo,
      title: 'Draft',
    });
    s.task = created.id;
    s.created = created.position;
    s.liveAtCreated = (await get(`/boards/${s.board}?minPosition=${s.created}`)).body;
    await c('PATCH', `/tasks/${s.task}`, mia, { title: 'Draft v2', assigneeId: mia });
    await c('POST', `/tasks/${s.task}/comments`, mia, { text: 'On it' });
    await c('POST', `/tasks/${s.task}/checklist`, mia, { text: 'Outline' });
    s.edited = (await c('POST', `/tasks/${s.task}/move`, mia, { toCardId: doing })).position;
    s.taskAtEdited = (await get(`/tasks/${s.task}?minPosition=${s.edited}`)).body;
    await c('PATCH', `/boards/${s.board}`, alice, { name: 'Plan B' });
    await c('DELETE', `/boards/${s.board}`, alice);
    await p().caughtUp();
    // The command also removes the board from its project's stream: BoardDeleted comes first.
    const history = (await get(`/boards/${s.board}/history?limit=1`)).body.items as Change[];
    expect(history[0]!.kind).toBe('BoardDeleted');
    s.deleted = history[0]!.position;
  });

  it('answers the board exactly as it was at a position, with asOf', async () => {
    const { status, body } = await get(`/boards/${s.board}?at=${s.created}`);
    expect(status, JSON.stringify(body)).toBe(200);
    const { asOf, ...board } = body;
    expect(board).toEqual(s.liveAtCreated);
    expect(asOf).toEqual({ position: s.created, time: s.liveAtCreated.updatedAt });
    expect(board.cards[0].tasks.map((t: { title: string }) => t.title)).toEqual(['Draft']);
    // Between two changes: the earlier one.
    const later = await get(`/boards/${s.board}?at=${s.edited}`);
    expect(later.body.cards[1].tasks).toMatchObject([
      { title: 'Draft v2', commentCount: 1, checklist: { done: 0, total: 1 } },
    ]);
    expect(later.body.asOf.position).toBe(s.edited);
    expect(later.body.name).toBe('Plan');
  });

  it('answers a deleted board at a moment it was live, and 404 after or before it', async () => {
    expect((await get(`/boards/${s.board}`)).status).toBe(404);
    expect((await get(`/boards/${s.board}?at=${s.deleted - 1}`)).body.name).toBe('Plan B');
    expect((await get(`/boards/${s.board}?at=${s.deleted}`)).status).toBe(404);
    expect((await get(`/boards/${s.board}?at=1`)).status).toBe(404);
    expect((await get(`/boards/${s.board}?at=2000-01-01T00:00:00Z`)).status).toBe(404);
  });

  it('takes an ISO time: the last change at or before it', async () => {
    const time = s.liveAtCreated.updatedAt as string;
    const { status, body } = await get(`/boards/${s.board}?at=${encodeURIComponent(time)}`);
    expect(status).toBe(200);
    expect(body.asOf.time <= time).toBe(true);
    expect(body.asOf.position).toBeGreaterThanOrEqual(s.created);
    const history = (await get(`/boards/${s.board}/history?limit=200`)).body.items as Change[];
    const next = history.filter((c) => c.position > body.asOf.position).at(-1);
    if (next !== undefined) expect(next.time > time).toBe(true);
  });

  it('answers the task as it was, with its comments and checklist then', async () => {
    const before = await get(`/tasks/${s.task}?at=${s.created}`);
    expect(before.status, JSON.stringify(before.body)).toBe(200);
    expect(before.body).toMatchObject({ title: 'Draft', comments: [], checklist: [] });
    expect(before.body.activity.map((a: { kind: string }) => a.kind)).toEqual(['TaskCreated']);
    const { asOf, ...edited } = (await get(`/tasks/${s.task}?at=${s.edited}`)).body;
    expect(edited).toEqual(s.taskAtEdited);
    expect(asOf.position).toBe(s.edited);
    // The board went at `deleted`: its task goes with it then.
    expect((await get(`/tasks/${s.task}?at=${s.deleted}`)).status).toBe(404);
  });

  it('lists the change points newest first, page by page', async () => {
    const all = (await get(`/boards/${s.board}/history?limit=200`)).body;
    const items = all.items as Change[];
    expect(all.nextBefore).toBeNull();
    expect(items[0]).toMatchObject({ position: s.deleted, kind: 'BoardDeleted' });
    expect(items.at(-1)).toMatchObject({
      kind: 'BoardCreated',
      summary: 'created the board "Plan"',
    });
    expect(items.map((c) => c.kind)).toContain('TaskRenamed');
    const positions = items.map((c) => c.position);
    expect(positions).toEqual([...positions].sort((a, b) => b - a));
    expect(items[0]!.actorId).toBe(users.alice);
    expect(typeof items[0]!.commandId).toBe('string');
    expect(items[0]!.commandId.length).toBeGreaterThan(0);
    expect(all.people[users.mia]).toEqual(expect.any(String));

    const paged: Change[] = [];
    let url = `/boards/${s.board}/history?limit=3`;
    for (let i = 0; i < 20; i++) {
      const page = (await get(url)).body;
      paged.push(...page.items);
      if (page.nextBefore === null) break;
      expect(page.items).toHaveLength(3);
      url = `/boards/${s.board}/history?limit=3&before=${page.nextBefore}`;
    }
    expect(paged).toEqual(items);
  });

  it('keeps moments apart from the live board and its answer cache', async () => {
    const c = p().command;
    const { workspaceId, projectId } = s.liveAtCreated;
    const { id: board, position: created } = await c(
      'POST',
      `/workspaces/${workspaceId}/projects/${projectId}/boards`,
      users.alice,
      { name: 'Cached' },
    );
    const first = await get(`/boards/${board}?minPosition=${created}`);
    expect(first.body).toMatchObject({ name: 'Cached' });
    const renamed = await c('PATCH', `/boards/${board}`, users.alice, { name: 'Renamed' });
    const live = await get(`/boards/${board}?minPosition=${renamed.position}`);
    expect(live.body.name).toBe('Renamed');
    expect(live.body.asOf).toBeUndefined();
    const past = await get(`/boards/${board}?at=${created}`);
    // The command's position is its last event (the project's registry); the board's is before.
    expect(past.body).toMatchObject({
      name: 'Cached',
      asOf: { position: first.body.globalPosition },
    });
    expect(past.headers.etag).not.toBe(live.headers.etag);
    const again = await get(`/boards/${board}`);
    expect(again.body).toEqual(live.body);
  });

  it('is for members only (checked today) and refuses a bad moment naming it', async () => {
    expect((await get(`/boards/${s.board}?at=${s.created}`, users.bob)).status).toBe(404);
    expect((await get(`/boards/${s.board}/history`, users.bob)).status).toBe(404);
    expect((await get(`/tasks/${s.task}?at=${s.created}`, users.bob)).status).toBe(404);
    for (const at of ['yesterday', '-3', '2026-13-45T00:00:00Z', '1.5']) {
      const { status, headers, body } = await get(`/boards/${s.board}?at=${at}`);
      expect(status).toBe(400);
      expect(headers['content-type']).toContain('application/problem+json');
      expect(body.errors).toEqual([
        {
          field: 'at',
          reason: 'must be a global position (a non-negative integer) or an ISO-8601 time',
        },
      ]);
    }
    const bad = await get(`/boards/${s.board}/history?before=0`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('before');
  });
});
