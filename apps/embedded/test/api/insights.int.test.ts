// A board's flow charts (issue 15) through the real pipeline: the four insights endpoints, their
// CSV form, who may read them and set what cards count as, and the refusals.
import { parseCsv } from '@taskomask/testkit/csv';
import { beforeAll, describe, expect, it } from 'vitest';
import { newUsers, usePipeline } from './support/pipeline';
import { buildTeam, type Team } from './support/team';

describe('board insights', () => {
  const p = usePipeline();
  const users = newUsers();
  let team: Team;
  const today = () => new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    team = await buildTeam(p(), users);
    // login goes straight from To do to Done: done today, never on a started card.
    await p().command('POST', `/tasks/${team.tasks.login}/move`, users.mia, {
      toCardId: team.cards.done,
    });
    await p().caughtUp();
  });

  const insights = (kind: string, as: string | null, query = '', boardId = team.board) =>
    p().query(`/boards/${boardId}/insights/${kind}${query}`, { as });

  it('cumulative flow: today’s bucket counts the board as it is now', async () => {
    const answer = await insights('cfd', users.val);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const body = answer.body;
    expect(body).toMatchObject({
      boardId: team.board,
      timeZone: 'UTC',
      bucket: 'day',
      to: today(),
    });
    expect(body.buckets).toHaveLength(30);
    expect(body.cards.map((c: { name: string; flow: string }) => [c.name, c.flow])).toEqual([
      ['To do', 'waiting'],
      ['Doing', 'started'],
      ['Done', 'done'],
    ]);
    const last = body.buckets.at(-1);
    expect(last.bucket).toBe(today());
    expect(last.counts).toEqual({
      [team.cards.todo]: 1, // docs (gone is deleted, login is done)
      [team.cards.doing]: 2, // deploy, bug
      [team.cards.done]: 1, // login
    });
    expect(answer.headers.vary).toContain('Accept');
  });

  it('cycle times, throughput and aging agree on what is done and in progress', async () => {
    const cycles = (await insights('cycle-times', users.mia)).body;
    expect(cycles.tasks.map((t: { taskId: string }) => t.taskId)).toEqual([team.tasks.login]);
    const [login] = cycles.tasks;
    expect(login.cycleSeconds).toBe(0);
    expect(login.startedAt).toBe(login.doneAt);
    expect(login.leadSeconds).toBeGreaterThan(0);
    expect(Date.parse(login.doneAt) - Date.parse(login.createdAt)).toBe(login.leadSeconds * 1000);
    expect(cycles.percentiles).toEqual({ p50: 0, p85: 0, p95: 0 });

    const weeks = (await insights('throughput', users.mia)).body;
    expect(weeks.bucket).toBe('week');
    expect(weeks.buckets.reduce((n: number, b: { done: number }) => n + b.done, 0)).toBe(1);
    expect(weeks.buckets.at(-1).done).toBe(1);

    const aging = (await insights('aging', users.mia)).body;
    expect(aging.tasks.map((t: { taskId: string }) => t.taskId).sort()).toEqual(
      [team.tasks.deploy, team.tasks.bug].sort(),
    );
    expect(aging.p85Seconds).toBe(0);
    for (const t of aging.tasks) {
      expect(t.cardId).toBe(team.cards.doing);
      expect(t.overP85).toBe(t.ageSeconds > 0);
    }
  });

  it('answers CSV with a header row when asked with Accept: text/csv', async () => {
    const answer = await p().query(`/boards/${team.board}/insights/cycle-times`, {
      as: users.mia,
      headers: { accept: 'text/csv' },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(answer.headers['content-disposition']).toBe('attachment; filename="cycle-times.csv"');
    const text = String(answer.body);
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [header, row, ...rest] = parseCsv(text);
    expect(header).toEqual([
      'task id',
      'title',
      'created',
      'started',
      'done',
      'cycle time (s)',
      'lead time (s)',
      'in To do (s)',
      'in Doing (s)',
      'in Done (s)',
    ]);
    expect(row?.slice(0, 2)).toEqual([team.tasks.login, 'Write login page']);
    expect(rest).toEqual([]);
    const cfd = await p().query(`/boards/${team.board}/insights/cfd`, {
      as: users.mia,
      headers: { accept: 'application/json;q=0.5, text/csv' },
    });
    expect(parseCsv(String(cfd.body))[0]).toEqual(['bucket', 'end', 'To do', 'Doing', 'Done']);
    const json = await p().query(`/boards/${team.board}/insights/cfd`, {
      as: users.mia,
      headers: { accept: 'application/json, text/csv;q=0.1' },
    });
    expect(json.headers['content-type']).toContain('application/json');
  });

  it('owners and admins set what a card counts as and the time zone; members may not', async () => {
    const card = `/boards/${team.board}/cards/${team.cards.todo}`;
    await p().command('PATCH', card, users.adam, { flow: 'started' });
    const mia = await patch(card, users.mia, { flow: 'done' });
    expect(mia.status).toBe(403);
    const bad = await patch(card, users.adam, { flow: 'finished' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'flow', reason: expect.stringContaining('null') }]);
    const zone = await patch(`/boards/${team.board}`, users.alice, { timeZone: 'Mars/Base' });
    expect(zone.status).toBe(400);
    expect(zone.body.errors[0].field).toBe('timeZone');
    await p().command('PATCH', `/boards/${team.board}`, users.alice, { timeZone: 'Asia/Tokyo' });
    await p().caughtUp();

    const aging = (await insights('aging', users.val)).body;
    expect(aging.timeZone).toBe('Asia/Tokyo');
    const todo = aging.cards.find((c: { cardId: string }) => c.cardId === team.cards.todo);
    expect(todo).toMatchObject({ flow: 'started', flowSet: true });
    // docs, on To do, is work in progress now.
    expect(aging.tasks.map((t: { taskId: string }) => t.taskId)).toContain(team.tasks.docs);

    await p().command('PATCH', card, users.alice, { flow: null });
    await p().caughtUp();
    const back = (await insights('aging', users.val)).body;
    expect(back.cards.find((c: { cardId: string }) => c.cardId === team.cards.todo)).toMatchObject({
      flow: 'waiting',
      flowSet: false,
    });
  });

  it('refuses bad ranges with the field and the reason, and hides boards from outsiders', async () => {
    const cases: [string, string, string][] = [
      ['cfd', '?from=2026-03-10&to=2026-03-01', 'from'],
      ['cfd', '?to=2026-02-30', 'to'],
      ['cfd', '?from=yesterday', 'from'],
      ['cfd', '?bucket=month', 'bucket'],
      ['cfd', '?bucket=hour&from=2026-03-01&to=2026-03-08', 'from'],
      ['throughput', '?bucket=hour', 'bucket'],
      ['cycle-times', '?from=2024-01-01&to=2026-01-01', 'from'],
      ['aging', '?tz=UTC', 'tz'],
    ];
    for (const [kind, query, field] of cases) {
      const answer = await insights(kind, users.mia, query);
      expect(answer.status, `${kind}${query}`).toBe(400);
      expect(answer.headers['content-type']).toContain('application/problem+json');
      expect(answer.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    for (const kind of ['cfd', 'cycle-times', 'throughput', 'aging']) {
      expect((await insights(kind, users.bob)).status).toBe(404);
      expect((await insights(kind, users.mia, '', team.foreign.board)).status).toBe(404);
      expect((await insights(kind, users.mia, '', team.deletedBoard)).status).toBe(404);
      expect((await insights(kind, null)).status).toBe(401);
    }
  });

  const patch = async (url: string, as: string, body: unknown) => {
    const response = await p().commands.inject({
      method: 'PATCH',
      url,
      headers: { authorization: `Bearer ${await p().token(as)}` },
      payload: body as object,
    });
    return { status: response.statusCode, body: JSON.parse(response.body) };
  };
});
