// What each query answers, over data written through the command API and projected by the real
// projector: order, filters, paging, who sees what.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { newUsers, usePipeline } from './support/pipeline';
import { buildTeam, type Team } from './support/team';

type Page = { items: { taskId?: string; globalPosition?: number }[]; nextCursor: string | null };

describe('query answers', () => {
  const p = usePipeline();
  const users = newUsers();
  let team: Team;

  beforeAll(async () => {
    team = await buildTeam(p(), users);
    await p().caughtUp();
  });

  const get = async (url: string, as: string) => {
    const answer = await p().query(url, { as });
    expect(answer.status, `${url}: ${JSON.stringify(answer.body)}`).toBe(200);
    return answer.body;
  };

  /** Follows nextCursor from `url` (which has no query string) to the end. */
  async function allPages(url: string, as: string, limit: number): Promise<Page['items']> {
    const items: Page['items'] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const sep = url.includes('?') ? '&' : '?';
      const body: Page = await get(
        `${url}${sep}limit=${limit}${cursor === null ? '' : `&cursor=${cursor}`}`,
        as,
      );
      expect(body.items.length).toBeLessThanOrEqual(limit);
      items.push(...body.items);
      cursor = body.nextCursor;
      if (cursor === null) return items;
    }
    throw new Error('more than 100 pages');
  }

  describe('GET /workspaces', () => {
    it('lists the caller’s workspaces by name with their role, never another’s', async () => {
      const mine = await get('/workspaces', users.alice);
      expect(mine.items.map((w: { name: string; role: string }) => [w.name, w.role])).toEqual([
        ['Acme', 'owner'],
        ['Side project', 'owner'],
      ]);
      expect(mine.items[0]).toMatchObject({
        workspaceId: team.workspace,
        description: 'Where we build',
        memberCount: 4,
        projectCount: 1,
      });
      const val = await get('/workspaces', users.val);
      expect(val.items.map((w: { role: string }) => w.role)).toEqual(['viewer']);
      // mia was removed from the side project.
      const mia = await get('/workspaces', users.mia);
      expect(mia.items.map((w: { workspaceId: string }) => w.workspaceId)).toEqual([
        team.workspace,
      ]);
      const bob = await get('/workspaces', users.bob);
      expect(bob.items.map((w: { name: string }) => w.name)).toEqual(['Rival']);
    });

    it('pages with a cursor', async () => {
      const first = await get('/workspaces?limit=1', users.alice);
      expect(first.items.map((w: { name: string }) => w.name)).toEqual(['Acme']);
      expect(first.nextCursor).toEqual(expect.any(String));
      const second = await get(`/workspaces?limit=1&cursor=${first.nextCursor}`, users.alice);
      expect(second.items.map((w: { name: string }) => w.name)).toEqual(['Side project']);
      expect(second.nextCursor).toBeNull();
    });

    it('answers a caller with no workspace an empty list', async () => {
      expect(await get('/workspaces', randomUUID())).toEqual({ items: [], nextCursor: null });
    });
  });

  describe('GET /workspaces/:workspaceId', () => {
    it('answers projects with their live boards and members with roles', async () => {
      const body = await get(`/workspaces/${team.workspace}`, users.val);
      expect(body).toMatchObject({
        workspaceId: team.workspace,
        name: 'Acme',
        role: 'viewer',
        createdBy: users.alice,
      });
      // These people have no account documents: they are named as unknown, never by id.
      const unknown = 'Unknown person';
      expect(body.members).toEqual([
        { ownerId: users.alice, role: 'owner', displayName: unknown },
        { ownerId: users.adam, role: 'admin', displayName: unknown },
        { ownerId: users.mia, role: 'member', displayName: unknown },
        { ownerId: users.val, role: 'viewer', displayName: unknown },
      ]);
      expect(body.invitations).toEqual([]);
      expect(body.projects).toEqual([
        {
          projectId: team.project,
          name: 'Website',
          description: '',
          boards: [{ boardId: team.board, name: 'Sprint 1' }],
        },
      ]);
      expect(body.version).toBeGreaterThan(0);
    });

    it('hides the workspace from a removed member', async () => {
      const answer = await p().query(`/workspaces/${team.left.workspace}`, { as: users.mia });
      expect(answer.status).toBe(404);
    });
  });

  describe('GET /workspaces/:workspaceId/projects/:projectId/boards', () => {
    it('summarises the live boards of the project', async () => {
      const body = await get(
        `/workspaces/${team.workspace}/projects/${team.project}/boards`,
        users.mia,
      );
      expect(body).toMatchObject({
        workspaceId: team.workspace,
        projectId: team.project,
        name: 'Website',
      });
      expect(body.boards).toEqual([
        expect.objectContaining({
          boardId: team.board,
          name: 'Sprint 1',
          description: 'Two weeks',
          cardCount: 3,
          taskCount: 4,
        }),
      ]);
    });

    it('answers 404 naming an unknown project of a workspace the caller is in', async () => {
      const project = randomUUID();
      const answer = await p().query(`/workspaces/${team.workspace}/projects/${project}/boards`, {
        as: users.alice,
      });
      expect(answer.status).toBe(404);
      expect(answer.body.detail).toBe(`project ${project} not found`);
    });
  });

  describe('GET /boards/:boardId', () => {
    it('answers cards in order, each with its tasks in order', async () => {
      const body = await get(`/boards/${team.board}`, users.val);
      expect(body).toMatchObject({
        boardId: team.board,
        workspaceId: team.workspace,
        projectId: team.project,
        name: 'Sprint 1',
      });
      const layout = body.cards.map(
        (c: { name: string; type: string; tasks: { taskId: string }[] }) => [
          c.name,
          c.type,
          c.tasks.map((t) => t.taskId),
        ],
      );
      expect(layout).toEqual([
        ['To do', 'ToDo', expect.arrayContaining([team.tasks.login, team.tasks.docs])],
        // The bug was moved below the deploy task.
        ['Doing', 'Doing', [team.tasks.deploy, team.tasks.bug]],
        ['Done', 'Done', []],
      ]);
      expect(layout[0][2]).toHaveLength(2);
      const login = body.cards[0].tasks.find(
        (t: { taskId: string }) => t.taskId === team.tasks.login,
      );
      expect(login).toEqual({
        taskId: team.tasks.login,
        title: 'Write login page',
        position: expect.any(String),
        assigneeId: users.mia,
        labels: ['Frontend'],
        dueDate: '2020-01-15',
        checklist: { done: 1, total: 2 },
        commentCount: 1,
      });
    });

    it('answers a deleted board like an unknown one', async () => {
      const deleted = await p().query(`/boards/${team.deletedBoard}`, { as: users.alice });
      const unknownId = randomUUID();
      const unknown = await p().query(`/boards/${unknownId}`, { as: users.alice });
      expect(deleted.status).toBe(404);
      expect(deleted.body.detail).toBe(`board ${team.deletedBoard} not found`);
      expect(unknown.body.detail).toBe(`board ${unknownId} not found`);
      expect(deleted.body.type).toBe(unknown.body.type);
    });
  });

  describe('activity', () => {
    it('lists a board’s history newest first, its tasks’ included, paged without gaps', async () => {
      const whole = await get(`/boards/${team.board}/activity?limit=200`, users.alice);
      const positions = whole.items.map((e: { globalPosition: number }) => e.globalPosition);
      expect(positions).toEqual([...positions].sort((a, b) => b - a));
      const texts = whole.items.map((e: { text: string }) => e.text);
      expect(texts).toContain('moved the task from To do to Doing');
      expect(texts).toContain('created the board "Sprint 1"');
      expect(texts).toContain('commented: "On it"');
      const paged = await allPages(`/boards/${team.board}/activity`, users.alice, 3);
      expect(paged).toEqual(whole.items);
    });

    it('lists a workspace’s history with its members’ changes', async () => {
      const body = await get(`/workspaces/${team.workspace}/activity`, users.mia);
      const texts = body.items.map((e: { text: string }) => e.text);
      expect(texts).toContain(`added @${users.mia} as member`);
      expect(texts.at(-1)).toBe('created the workspace "Acme"');
    });

    it('pages through a task’s whole history', async () => {
      const task = await get(`/tasks/${team.tasks.login}`, users.alice);
      const paged = await allPages(`/tasks/${team.tasks.login}/activity`, users.alice, 2);
      expect(paged).toEqual(task.activity);
      expect(paged.map((e) => (e as { kind: string }).kind)).toEqual([
        'CommentAdded',
        'ChecklistItemAdded',
        'ChecklistItemChecked',
        'ChecklistItemAdded',
        'TaskLabelAdded',
        'TaskDueDateSet',
        'TaskAssigned',
        'TaskDescribed',
        'TaskCreated',
      ]);
    });
  });

  describe('GET /tasks/:taskId', () => {
    it('answers details with checklist, comments and activity', async () => {
      const body = await get(`/tasks/${team.tasks.login}`, users.val);
      expect(body).toMatchObject({
        taskId: team.tasks.login,
        workspaceId: team.workspace,
        boardId: team.board,
        cardId: team.cards.todo,
        title: 'Write login page',
        description: 'With **remember me**',
        assigneeId: users.mia,
        labels: ['Frontend'],
        dueDate: '2020-01-15',
        createdBy: users.alice,
        activityNextCursor: null,
      });
      expect(body.checklist).toEqual([
        { itemId: team.item, text: 'Draft the form', done: true },
        { itemId: expect.any(String), text: 'Wire it up', done: false },
      ]);
      expect(body.comments).toEqual([
        {
          commentId: team.comment,
          authorId: users.mia,
          text: 'On it',
          createdAt: expect.any(String),
          editedAt: null,
        },
      ]);
      expect(body.activity[0]).toMatchObject({ kind: 'CommentAdded', actorId: users.mia });
    });

    it('answers a deleted task, and a task of a deleted board, like unknown ones', async () => {
      for (const id of [team.tasks.gone, team.deletedBoardTask, randomUUID()]) {
        const answer = await p().query(`/tasks/${id}`, { as: users.alice });
        expect(answer.status).toBe(404);
        expect(answer.body.detail).toBe(`task ${id} not found`);
      }
    });
  });

  describe('GET /boards/:boardId/search', () => {
    const search = async (query: string, as = users.alice) =>
      (await get(`/boards/${team.board}/search?${query}`, as)).items.map(
        (hit: { taskId: string }) => hit.taskId,
      );

    it('finds by part of the title, case-insensitively', async () => {
      expect(await search('text=LOGIN')).toEqual(
        expect.arrayContaining([team.tasks.login, team.tasks.bug]),
      );
      expect(await search('text=LOGIN')).toHaveLength(2);
      expect(await search('text=nothing%20like%20this')).toEqual([]);
    });

    it('finds text in a description, a comment or a label, not only in titles', async () => {
      expect(await search('text=REMEMBER%20me')).toEqual([team.tasks.login]);
      expect(await search('text=on%20it')).toEqual([team.tasks.login]);
      expect(await search('text=fronten')).toEqual([team.tasks.login]);
      // Another board's task with the same words stays out.
      expect(await search('text=hidden')).toEqual([]);
    });

    it('finds by label, case-insensitively, on this board only', async () => {
      expect(await search('label=BUG')).toEqual([team.tasks.bug]);
      expect(await search('label=frontend')).toEqual([team.tasks.login]);
    });

    it('finds by assignee', async () => {
      expect(await search(`assigneeId=${users.mia}`)).toEqual(
        expect.arrayContaining([team.tasks.login, team.tasks.deploy]),
      );
      expect(await search(`assigneeId=${users.mia}`)).toHaveLength(2);
      expect(await search(`assigneeId=${users.adam}`)).toEqual([team.tasks.bug]);
    });

    it('finds by due date: overdue, within a week, none', async () => {
      expect(await search('due=overdue')).toEqual([team.tasks.login]);
      expect(await search('due=week')).toEqual([team.tasks.bug]);
      expect(await search('due=none')).toEqual([team.tasks.deploy]);
    });

    it('demands every filter given', async () => {
      expect(await search(`text=login&due=overdue&assigneeId=${users.mia}`)).toEqual([
        team.tasks.login,
      ]);
      expect(await search('text=login&label=frontend&due=week')).toEqual([]);
    });

    it('lists every task in board order without filters, with the card each is on, paged', async () => {
      const body = await get(`/boards/${team.board}/search`, users.val);
      const board = await get(`/boards/${team.board}`, users.val);
      const inOrder = board.cards.flatMap((c: { tasks: { taskId: string }[] }) =>
        c.tasks.map((t) => t.taskId),
      );
      expect(body.items.map((h: { taskId: string }) => h.taskId)).toEqual(inOrder);
      expect(body.items.find((h: { taskId: string }) => h.taskId === team.tasks.bug)).toMatchObject(
        {
          cardId: team.cards.doing,
          cardName: 'Doing',
          cardType: 'Doing',
          labels: ['bug'],
        },
      );
      expect(await allPages(`/boards/${team.board}/search`, users.val, 1)).toEqual(body.items);
    });

    it('refuses bad filters, naming each', async () => {
      const answer = await p().query(`/boards/${team.board}/search?assigneeId=mia&text=&limit=0`, {
        as: users.alice,
      });
      expect(answer.status).toBe(400);
      expect(answer.body.errors).toEqual([
        { field: 'text', reason: 'must not be blank' },
        { field: 'assigneeId', reason: 'must be a UUID' },
        { field: 'limit', reason: 'must be an integer from 1 to 200' },
      ]);
    });
  });

  const mine = async (as: string, query = '') =>
    (await get(`/me/tasks${query}`, as)).items.map((t: { taskId: string }) => t.taskId);

  describe('GET /me/tasks', () => {
    it('lists tasks assigned to the caller on live boards of their workspaces, soonest due first', async () => {
      // Not the deleted task, not the deleted board's, not the side project's she was removed from.
      expect(await mine(users.mia)).toEqual([team.tasks.login, team.tasks.deploy]);
      expect(await mine(users.adam)).toEqual([team.tasks.bug]);
      expect(await mine(users.bob)).toEqual([team.foreign.task]);
      expect(await mine(users.alice)).toEqual([]);
    });

    it('says where each task is', async () => {
      const body = await get('/me/tasks', users.adam);
      expect(body.items[0]).toMatchObject({
        taskId: team.tasks.bug,
        title: 'Fix login bug',
        workspaceId: team.workspace,
        workspaceName: 'Acme',
        boardId: team.board,
        boardName: 'Sprint 1',
        cardId: team.cards.doing,
        cardName: 'Doing',
        cardType: 'Doing',
        labels: ['bug'],
      });
    });

    it('filters by due date and pages', async () => {
      expect(await mine(users.mia, '?due=overdue')).toEqual([team.tasks.login]);
      expect(await mine(users.mia, '?due=none')).toEqual([team.tasks.deploy]);
      expect(await mine(users.mia, '?due=week')).toEqual([]);
      const paged = await allPages('/me/tasks', users.mia, 1);
      expect(paged.map((t) => t.taskId)).toEqual([team.tasks.login, team.tasks.deploy]);
    });
  });

  describe('a member removed from a workspace', () => {
    it('reads its board, task and workspace until removed, then gets 404 like a stranger', async () => {
      const zoe = randomUUID();
      await p().command('POST', `/workspaces/${team.workspace}/members`, users.alice, {
        ownerId: zoe,
        role: 'member',
      });
      const added = await p().command('PATCH', `/tasks/${team.tasks.docs}`, users.alice, {
        assigneeId: zoe,
      });
      const urls = [
        `/workspaces/${team.workspace}`,
        `/boards/${team.board}`,
        `/tasks/${team.tasks.docs}`,
        `/boards/${team.board}/search?text=docs`,
      ];
      for (const url of urls) {
        const answer = await p().query(
          `${url}${url.includes('?') ? '&' : '?'}minPosition=${added.position}`,
          { as: zoe },
        );
        expect(answer.status, url).toBe(200);
      }
      expect(await mine(zoe)).toEqual([team.tasks.docs]);

      const removed = await p().command(
        'DELETE',
        `/workspaces/${team.workspace}/members/${zoe}`,
        users.alice,
      );
      for (const url of urls) {
        const answer = await p().query(url, {
          as: zoe,
          headers: { 'x-min-position': String(removed.position) },
        });
        expect(answer.status, url).toBe(404);
        expect(answer.headers['x-stale']).toBeUndefined();
      }
      // Still assigned to the task, but no longer a member: it is not "hers" to see.
      expect(await mine(zoe)).toEqual([]);
      expect((await get('/workspaces', zoe)).items).toEqual([]);
    });
  });
});
