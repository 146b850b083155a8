// POST /workspaces/{id}/imports/trello on the real embedded pipeline: the report (dry run), the
// refusal of a file that breaks our rules, the import with fix, a repeat that writes nothing,
// progress as NDJSON, and the 4xx answers — bad input, roles, another workspace's id.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Answer, newUsers, usePipeline } from './support/pipeline';
import { buildTeam, type Team } from './support/team';

const fixture = JSON.parse(
  readFileSync(
    join(import.meta.dirname, '../../../../packages/importing/test/fixtures/trello-board.json'),
    'utf8',
  ),
);

describe('importing a Trello board over HTTP', () => {
  const p = usePipeline();
  const users = newUsers();
  let team: Team;

  beforeAll(async () => {
    team = await buildTeam(p(), users);
  });

  const post = async (
    as: string,
    query: string,
    body: unknown = fixture,
    workspaceId = team.workspace,
    headers: Record<string, string> = {},
  ): Promise<Answer & { text: string }> => {
    const response = await p().commands.inject({
      method: 'POST',
      url: `/workspaces/${workspaceId}/imports/trello${query}`,
      headers: {
        authorization: `Bearer ${await p().token(as)}`,
        'content-type': 'application/json',
        ...headers,
      },
      payload: JSON.stringify(body),
    });
    let parsed: unknown;
    try {
      parsed = JSON.parse(response.body);
    } catch {
      parsed = undefined;
    }
    return {
      status: response.statusCode,
      headers: response.headers,
      body: parsed,
      text: response.body,
    };
  };

  it('reports without writing on a dry run', async () => {
    const head = await p().eventStore.headPosition();
    const answer = await post(users.alice, '?dryRun=true');
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body).toMatchObject({
      dryRun: true,
      written: 0,
      report: {
        source: 'trello',
        boards: [{ name: 'Product Roadmap 🚀' }],
        counts: { cards: 5, tasks: 7, comments: 3 },
        skipped: { closedLists: 1, closedCards: 2 },
        fixed: false,
      },
    });
    expect(answer.body.report.problems.map((x: { rule: string }) => x.rule)).toEqual([
      'too_short',
      'too_long',
      'duplicate',
    ]);
    expect(await p().eventStore.headPosition()).toBe(head);
  });

  it('refuses a file that breaks our rules without fix, with the report, writing nothing', async () => {
    const head = await p().eventStore.headPosition();
    const answer = await post(users.alice, '');
    expect(answer.status).toBe(422);
    expect(answer.headers['content-type']).toContain('application/problem+json');
    expect(answer.body).toMatchObject({ rule: 'import_problems', report: { fixed: false } });
    expect(answer.body.detail).toContain('fix=true');
    expect(await p().eventStore.headPosition()).toBe(head);
  });

  it('imports with fix; the board reads back; sending it again writes nothing', async () => {
    const answer = await post(users.alice, '?fix=true');
    expect(answer.status, answer.text).toBe(201);
    expect(answer.body).toMatchObject({ dryRun: false, found: 0, report: { fixed: true } });
    expect(answer.body.written).toBe(answer.body.steps);
    const boardId = answer.body.report.boards[0].id;
    await p().caughtUp();
    const exported = await p().query(`/workspaces/${team.workspace}/export`, { as: users.mia });
    const board = exported.body.projects
      .flatMap((x: { boards: { id: string }[] }) => x.boards)
      .find((b: { id: string }) => b.id === boardId);
    expect(board.cards.map((c: { name: string }) => c.name)).toEqual([
      'Backlog',
      'To Do',
      'QA (list)',
      'In Progress',
      'Done',
    ]);
    expect(board.tasks.map((t: { title: string }) => t.title)).toEqual([
      'Investigate why the nightly export job sometimes…',
      'Write the onboarding guide',
      'Pick a font',
      'Test on Android',
      'Fix login 🐛 on Safari — ünïcödé',
      'Ship v1',
      'Ship v1 (2)',
    ]);
    const guide = board.tasks[1];
    expect(guide).toMatchObject({
      labels: ['Frontend'],
      dueDate: '2026-01-15T12:00:00.000Z',
      checklist: [
        { text: 'Outline', done: true },
        { text: 'Draft', done: false },
      ],
    });
    expect(guide.comments.map((c: { text: string }) => c.text.split('\n')[0])).toEqual([
      'from Trello: Alice Martin',
      'from Trello: Bob Stone',
    ]);

    const head = await p().eventStore.headPosition();
    const again = await post(users.alice, '?fix=true');
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ written: 0, found: answer.body.steps });
    expect(await p().eventStore.headPosition()).toBe(head);
  });

  it('streams progress as NDJSON, ending with the answer', async () => {
    // Another board: Trello ids are unique across boards.
    const other = JSON.parse(
      JSON.stringify({
        ...fixture,
        id: '5f1a2b3c4d5e6f7a8b9c0d99',
        name: 'Second roadmap',
      }).replaceAll('"600000000000000000000', '"700000000000000000000'),
    );
    const answer = await post(
      users.alice,
      `?fix=true&projectId=${team.project}`,
      other,
      undefined,
      {
        accept: 'application/x-ndjson',
      },
    );
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toContain('application/x-ndjson');
    const lines = answer.text
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l));
    expect(lines.at(-2)).toEqual({ progress: { done: 10, steps: 10, importedCards: 7, cards: 7 } });
    expect(lines.at(-1).answer).toMatchObject({ written: 10, report: { counts: { projects: 0 } } });
  });

  it('answers bad input with problem+json naming the field, writing nothing', async () => {
    const head = await p().eventStore.headPosition();
    const notTrello = await post(users.alice, '?fix=true', { id: 'b', name: 'x', lists: 'no' });
    expect(notTrello.status).toBe(400);
    expect(notTrello.headers['content-type']).toContain('application/problem+json');
    expect(notTrello.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'lists' })]),
    );
    const badFlag = await post(users.alice, '?fix=yes');
    expect(badFlag.status).toBe(400);
    expect(badFlag.body.errors[0].field).toBe('fix');
    const badCard = await post(users.alice, '?fix=true', {
      ...fixture,
      cards: [{ ...fixture.cards[0], idList: 7 }],
    });
    expect(badCard.status).toBe(400);
    expect(badCard.body.errors[0].field).toBe('cards.0.idList');
    expect(await p().eventStore.headPosition()).toBe(head);
  });

  it('takes files far over the API’s usual body limit, up to 20 MB', async () => {
    const lists = [{ id: 'l1', name: 'To do', pos: 1 }];
    const cards = Array.from({ length: 1200 }, (_, n) => ({
      id: `c${n}`,
      name: `Card ${n}`,
      desc: 'A description of a few hundred characters. '.repeat(6),
      idList: 'l1',
      pos: n,
    }));
    const big = { id: 'big', name: 'Big board', lists, cards };
    expect(JSON.stringify(big).length).toBeGreaterThan(300_000);
    const planned = await post(users.alice, '?dryRun=true', big);
    expect(planned.status, planned.text).toBe(200);
    expect(planned.body.report.problems.map((x: { rule: string }) => x.rule)).toEqual([
      'task_limit',
    ]);
    const huge = { ...big, cards: [{ ...cards[0], desc: 'x'.repeat(21 * 1024 * 1024) }] };
    const refused = await post(users.alice, '?dryRun=true', huge);
    expect(refused.status).toBe(413);
    expect(refused.headers['content-type']).toContain('application/problem+json');
  });

  it('follows the roles: a member may not make a project, a viewer no board', async () => {
    expect((await post(users.mia, '?fix=true')).status).toBe(403);
    expect((await post(users.val, `?fix=true&projectId=${team.project}`)).status).toBe(403);
  });

  it('answers 404 for another workspace’s id and for an unknown project', async () => {
    const foreign = await post(users.alice, '?fix=true', fixture, team.foreign.workspace);
    expect(foreign.status).toBe(404);
    expect(foreign.body.detail).toBe(`workspace ${team.foreign.workspace} not found`);
    const dry = await post(users.alice, '?dryRun=true', fixture, team.foreign.workspace);
    expect(dry.status).toBe(404);
    const project = await post(users.alice, `?fix=true&projectId=${team.foreign.project}`);
    expect(project.status).toBe(404);
  });
});
