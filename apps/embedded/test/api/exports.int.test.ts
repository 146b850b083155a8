// Taking data out (issue #16 §2): the workspace as JSON and the board as CSV from the query side,
// the workspace's event history as NDJSON from the command side — against the real pipeline.
import { parseCsv } from '@taskomask/testkit/csv';
import { beforeAll, describe, expect, it } from 'vitest';
import { type AskOptions, newUsers, usePipeline } from './support/pipeline';
import { buildTeam, type Team } from './support/team';

type Line = {
  position: number;
  stream: string;
  version: number;
  type: string;
  occurredAt: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
};

describe('exports', () => {
  const p = usePipeline();
  const users = newUsers();
  let team: Team;
  let nasty: string;

  beforeAll(async () => {
    team = await buildTeam(p(), users);
    const c = p().command;
    ({ id: nasty } = await c('POST', `/boards/${team.board}/tasks`, users.alice, {
      cardId: team.cards.todo,
      title: '=HYPERLINK("http://evil")',
    }));
    await c('PATCH', `/tasks/${nasty}`, users.alice, {
      description: 'line one\r\nline "two", with a comma',
    });
    await c('POST', `/tasks/${nasty}/labels`, users.alice, { label: '@ops' });
    await c('POST', `/workspaces/${team.workspace}/invitations`, users.alice, {
      email: 'newcomer@example.com',
      role: 'member',
    });
    await p().caughtUp();
  });

  const exported = (as: string | null, workspaceId = team.workspace) =>
    p().query(`/workspaces/${workspaceId}/export`, { as });
  const csv = (as: string | null, boardId = team.board) =>
    p().query(`/boards/${boardId}/export.csv`, { as });
  const events = (as: string | null, workspaceId = team.workspace, o: AskOptions = {}) =>
    p().send(p().commands, `/workspaces/${workspaceId}/events.ndjson`, { as, ...o });
  const lines = (text: string): Line[] =>
    text
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as Line);

  describe('workspace as JSON', () => {
    it('gives a member the whole workspace as a versioned file', async () => {
      const answer = await exported(users.mia);
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(answer.headers['content-disposition']).toBe(
        'attachment; filename="acme.taskomask.json"',
      );
      const doc = answer.body;
      expect(doc).toMatchObject({
        format: 'taskomask.workspace',
        version: 1,
        workspace: { id: team.workspace, name: 'Acme', description: 'Where we build' },
      });
      expect(doc.position).toBeGreaterThan(0);
      expect(doc.exportedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(
        doc.members.map((m: { ownerId: string; role: string }) => [m.ownerId, m.role]),
      ).toEqual([
        [users.alice, 'owner'],
        [users.adam, 'admin'],
        [users.mia, 'member'],
        [users.val, 'viewer'],
      ]);
      expect(doc.projects).toHaveLength(1);
      const [board, ...others] = doc.projects[0].boards;
      expect(others).toEqual([]); // the deleted board is not exported
      expect(board.id).toBe(team.board);
      expect(board.cards.map((c: { name: string; type: string }) => [c.name, c.type])).toEqual([
        ['To do', 'ToDo'],
        ['Doing', 'Doing'],
        ['Done', 'Done'],
      ]);
      const ids = board.tasks.map((t: { id: string }) => t.id);
      const { login, bug, deploy, docs, gone } = team.tasks;
      expect(ids).toEqual([login, docs, nasty, deploy, bug]);
      expect(ids).not.toContain(gone);
      const first = board.tasks[0];
      expect(first).toMatchObject({
        cardId: team.cards.todo,
        title: 'Write login page',
        description: 'With **remember me**',
        assigneeId: users.mia,
        labels: ['Frontend'],
        dueDate: '2020-01-15',
        checklist: [
          { text: 'Draft the form', done: true },
          { text: 'Wire it up', done: false },
        ],
      });
      expect(first.comments).toEqual([
        expect.objectContaining({
          authorId: users.mia,
          text: 'On it',
          authorName: expect.any(String),
        }),
      ]);
      expect(board.tasks[4].cardId).toBe(team.cards.doing);
    });

    it('is the same for a viewer, and holds nothing of other workspaces', async () => {
      const member = await p().query(`/workspaces/${team.workspace}/export`, { as: users.mia });
      const viewer = await exported(users.val);
      expect(viewer.status).toBe(200);
      expect(JSON.stringify(viewer.body)).toBe(JSON.stringify(member.body));
      const text = JSON.stringify(viewer.body);
      for (const id of [...Object.values(team.foreign), team.left.board, team.deletedBoard]) {
        expect(text).not.toContain(id);
      }
      expect(text).not.toContain('newcomer@example.com');
    });

    it('answers 404 to outsiders, like an unknown id, and 401 without a token', async () => {
      const outsider = await exported(users.bob);
      const unknown = await exported(users.mia, crypto.randomUUID());
      expect(outsider.status).toBe(404);
      expect(unknown.status).toBe(404);
      expect(outsider.body.detail.replace(team.workspace, 'x')).toBe(
        unknown.body.detail.replace(/[0-9a-f-]{36}/, 'x'),
      );
      expect((await exported(users.mia, team.left.workspace)).status).toBe(404);
      expect((await exported(null)).status).toBe(401);
    });

    it('exports the same bytes again until the workspace changes', async () => {
      const raw = async () => {
        const answer = await p().queries.inject({
          method: 'GET',
          url: `/workspaces/${team.workspace}/export`,
          headers: { authorization: `Bearer ${await p().token(users.mia)}` },
        });
        expect(answer.statusCode).toBe(200);
        return answer.body;
      };
      const first = await raw();
      expect(await raw()).toBe(first);
      // Another workspace moves on: this one's file does not.
      await p().command('PATCH', `/tasks/${team.foreign.task}`, users.bob, { title: 'Hidden 2' });
      await p().caughtUp();
      expect(await raw()).toBe(first);
      await p().command('PATCH', `/tasks/${team.tasks.docs}`, users.alice, {
        title: 'Write the docs',
      });
      await p().caughtUp();
      const changed = await raw();
      expect(changed).not.toBe(first);
      expect(changed).toContain('Write the docs');
      expect(JSON.parse(changed).position).toBeGreaterThan(JSON.parse(first).position);
    });
  });

  describe('board as CSV', () => {
    it('gives a viewer one row per task, BOM first, formulas neutralised', async () => {
      const answer = await csv(users.val);
      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(answer.headers['content-disposition']).toBe('attachment; filename="sprint-1.csv"');
      const text = answer.body as string;
      expect(text.charCodeAt(0)).toBe(0xfeff);
      const [header, ...rows] = parseCsv(text);
      expect(header).toEqual([
        'Card',
        'Title',
        'Description',
        'Assignee',
        'Labels',
        'Due',
        'Checklist done',
        'Checklist total',
        'Created',
        'Last moved',
      ]);
      expect(rows.map((r) => [r[0], r[1]])).toEqual([
        ['To do', 'Write login page'],
        ['To do', 'Write the docs'],
        ['To do', `'=HYPERLINK("http://evil")`],
        ['Doing', 'Deploy to staging'],
        ['Doing', 'Fix login bug'],
      ]);
      const [login, docs, evil, deploy, bug] = rows as [
        string[],
        string[],
        string[],
        string[],
        string[],
      ];
      expect(login.slice(2, 8)).toEqual([
        'With **remember me**',
        'Unknown person', // no account document names mia in this pipeline
        'Frontend',
        '2020-01-15',
        '1',
        '2',
      ]);
      expect(login[8]).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(login[9]).toBe(''); // never moved
      expect(bug[9]).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(evil[2]).toBe('line one\r\nline "two", with a comma');
      expect(evil[4]).toBe("'@ops");
      expect(docs[5]).toBe('2099-12-31T17:00:00+01:00');
      expect(deploy[6]).toBe('0');
      // The raw text quotes what RFC 4180 asks.
      expect(text).toContain(`"'=HYPERLINK(""http://evil"")"`);
    });

    it('answers 404 to outsiders and for a deleted board', async () => {
      expect((await csv(users.bob)).status).toBe(404);
      expect((await csv(users.mia, team.foreign.board)).status).toBe(404);
      expect((await csv(users.alice, team.deletedBoard)).status).toBe(404);
      expect((await csv(users.bob, team.foreign.board)).status).toBe(200);
    });
  });

  describe('event history as NDJSON', () => {
    it('streams only the workspace’s events, in global order', async () => {
      const answer = await events(users.mia);
      expect(answer.status, String(answer.body)).toBe(200);
      expect(answer.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
      expect(answer.headers['content-disposition']).toBe(
        'attachment; filename="acme.events.ndjson"',
      );
      const all = lines(answer.body as string);
      const positions = all.map((l) => l.position);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      expect(new Set(positions).size).toBe(positions.length);
      expect(positions.at(-1)).toBeLessThanOrEqual(Number(answer.headers['x-head-position']));
      const streams = new Set(all.map((l) => l.stream));
      const { login, bug, deploy, docs, gone } = team.tasks;
      expect([...streams].sort()).toEqual(
        [
          `workspace-${team.workspace}`,
          `board-${team.board}`,
          `board-${team.deletedBoard}`,
          ...[login, bug, deploy, docs, gone, nasty, team.deletedBoardTask].map((t) => `task-${t}`),
        ].sort(),
      );
      // Each stream's versions run 1, 2, 3 … without a gap.
      for (const stream of streams) {
        const versions = all.filter((l) => l.stream === stream).map((l) => l.version);
        expect(versions).toEqual(versions.map((_, i) => i + 1));
      }
      const types = all.map((l) => l.type);
      expect(types[0]).toBe('WorkspaceCreated');
      expect(types).toContain('TaskDeleted');
      expect(types).toContain('BoardDeleted');
      for (const l of all) {
        expect(Object.keys(l.metadata).sort()).toEqual(['causationId', 'correlationId', 'userId']);
        expect(l.occurredAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      }
      const text = answer.body as string;
      for (const id of [team.foreign.workspace, team.foreign.board, team.left.workspace]) {
        expect(text).not.toContain(id);
      }
    });

    it('shows invitation addresses to owners and admins only', async () => {
      const invited = (as: string) =>
        events(as).then((a) => lines(a.body as string).find((l) => l.type === 'MemberInvited'));
      expect((await invited(users.alice))?.data.email).toBe('newcomer@example.com');
      expect((await invited(users.adam))?.data.email).toBe('newcomer@example.com');
      const viewer = await events(users.val);
      expect(viewer.status).toBe(200);
      expect(viewer.body).not.toContain('newcomer@example.com');
      expect((await invited(users.val))?.data.invitationId).toEqual(expect.any(String));
    });

    it('answers 404 to outsiders and for a workspace one has left, 401 without a token', async () => {
      expect((await events(users.bob)).status).toBe(404);
      expect((await events(users.mia, team.left.workspace)).status).toBe(404);
      expect((await events(users.mia, crypto.randomUUID())).status).toBe(404);
      expect((await events(null)).status).toBe(401);
      const own = lines((await events(users.bob, team.foreign.workspace)).body as string);
      expect(new Set(own.map((l) => l.stream.split('-')[0]))).toEqual(
        new Set(['workspace', 'board', 'task']),
      );
      expect(own.every((l) => !l.stream.includes(team.workspace))).toBe(true);
    });
  });
});
