// The inbox over the real embedded pipeline: commands write, the projector folds the inbox, the
// query side answers GET /me/inbox; POST /me/inbox/read marks read, refuses bad bodies with a
// problem naming the field and writes nothing; nobody reads or marks another person's inbox.
import { InboxDto } from '@taskomask/contracts';
import { mentionToken } from '@taskomask/contracts/mentions';
import { beforeAll, describe, expect, it } from 'vitest';
import { newUsers, usePipeline } from './support/pipeline';

describe('the inbox API', () => {
  const p = usePipeline();
  const { alice, mia, bob } = newUsers();
  let task: string;
  let board: string;
  let ws: string;

  beforeAll(async () => {
    const c = p().command;
    ws = (await c('POST', '/workspaces', alice, { name: 'Inbox team' })).id;
    await c('POST', `/workspaces/${ws}/members`, alice, { ownerId: mia, role: 'member' });
    const { id: project } = await c('POST', `/workspaces/${ws}/projects`, alice, { name: 'Web' });
    board = (
      await c('POST', `/workspaces/${ws}/projects/${project}/boards`, alice, { name: 'Now' })
    ).id;
    const { id: todo } = await c('POST', `/boards/${board}/cards`, alice, {
      name: 'To do',
      type: 'ToDo',
    });
    task = (await c('POST', `/boards/${board}/tasks`, alice, { cardId: todo, title: 'Logo' })).id;
    await c('POST', `/tasks/${task}/comments`, alice, {
      text: `${mentionToken('Mia', mia)} can you look? ${mentionToken('Bob', bob)}`,
    });
    await c('PATCH', `/tasks/${task}`, alice, { assigneeId: mia });
    await p().caughtUp();
  });

  const inbox = async (as: string) => {
    const answer = await p().query('/me/inbox', { as });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return InboxDto.parse(answer.body);
  };

  it('answers the caller’s items newest first with the unread count', async () => {
    const mine = await inbox(mia);
    expect(mine.unread).toBe(2);
    expect(mine.items.map((i) => i.kind)).toEqual(['assigned', 'mentioned']);
    expect(mine.items[1]).toMatchObject({
      actorId: alice,
      title: 'Logo',
      workspaceName: 'Inbox team',
      link: `/boards/${board}/tasks/${task}`,
      read: false,
    });
    // alice acted herself; bob's token was forged (he is no member): nothing for either.
    expect((await inbox(alice)).items).toEqual([]);
    expect((await inbox(bob)).items).toEqual([]);
  });

  it('pages with a cursor', async () => {
    const first = await p().query('/me/inbox?limit=1', { as: mia });
    expect(first.body.items).toHaveLength(1);
    const next = await p().query(`/me/inbox?limit=1&cursor=${first.body.nextCursor}`, { as: mia });
    expect(next.body.items.map((i: { kind: string }) => i.kind)).toEqual(['mentioned']);
    expect(next.body.nextCursor).toBeNull();
  });

  it.each([
    [{}, 'itemIds'],
    [{ itemIds: [] }, 'itemIds'],
    [{ itemIds: ['not-an-id'] }, 'itemIds.0'],
    [{ all: false }, 'all'],
    [{ all: true, surprise: 1 }, 'surprise'],
  ])('refuses %j with a problem naming %s, writing nothing', async (body, field) => {
    const before = await p().eventStore.headPosition();
    const posted = await p().commands.inject({
      method: 'POST',
      url: '/me/inbox/read',
      headers: { authorization: `Bearer ${await p().token(mia)}` },
      payload: body,
    });
    expect(posted.statusCode, posted.body).toBe(400);
    expect(posted.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.stringify(JSON.parse(posted.body).errors)).toContain(`"${field}"`);
    expect(await p().eventStore.headPosition()).toBe(before);
  });

  it('marks only the caller’s own items read: one by id, then all', async () => {
    const [assigned, mentioned] = (await inbox(mia)).items;
    // alice names mia's item: it is read in alice's inbox (where it is not), never in mia's.
    await p().command('POST', '/me/inbox/read', alice, { itemIds: [mentioned!.id] });
    await p().caughtUp();
    expect((await inbox(mia)).unread).toBe(2);

    const { position } = await p().command('POST', '/me/inbox/read', mia, {
      itemIds: [mentioned!.id],
    });
    const after = await p().query(`/me/inbox?minPosition=${position}`, { as: mia });
    expect(after.body.unread).toBe(1);
    expect(after.body.items.map((i: { read: boolean }) => i.read)).toEqual([false, true]);

    await p().command('POST', '/me/inbox/read', mia, { all: true });
    await p().caughtUp();
    const all = await inbox(mia);
    expect(all.unread).toBe(0);
    expect(all.items.map((i) => i.id)).toEqual([assigned!.id, mentioned!.id]);
  });

  it('answers 401 without a token', async () => {
    expect((await p().query('/me/inbox', { as: null })).status).toBe(401);
    const posted = await p().commands.inject({
      method: 'POST',
      url: '/me/inbox/read',
      payload: { all: true },
    });
    expect(posted.statusCode).toBe(401);
  });

  it('shows a member who left nothing from that workspace, old or new', async () => {
    await p().command('DELETE', `/workspaces/${ws}/members/${mia}`, alice);
    await p().command('POST', `/tasks/${task}/comments`, alice, {
      text: `${mentionToken('Mia', mia)} gone?`,
    });
    await p().caughtUp();
    const after = await inbox(mia);
    expect(after.items).toEqual([]);
    expect(after.unread).toBe(0);
  });
});
