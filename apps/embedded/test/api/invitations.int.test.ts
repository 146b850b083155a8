// Issue #13 §1: people are invited by email; the answer never tells whether an account exists;
// registering with an invited address joins, an existing account accepts or declines; the
// query side names people by their current display name.
import { join } from 'node:path';
import { streamName } from '@taskomask/domain';
import { type Accounts, createAccounts, sqliteIdentityStore } from '@taskomask/identity';
import { testScrypt } from '@taskomask/identity/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Answer, usePipeline } from './support/pipeline';

describe('invitations by email', () => {
  const p = usePipeline();
  let accounts: Accounts;
  let alice: string;
  let carol: string;
  let mia: string;
  let workspaceId: string;

  const password = 'correct-horse-battery-9';
  const register = async (displayName: string, email: string) =>
    (await accounts.register({ displayName, email, password })).ownerId;
  const send = async (method: string, url: string, as: string, body?: unknown): Promise<Answer> => {
    const response = await p().commands.inject({
      method: method as 'POST',
      url,
      headers: { authorization: `Bearer ${await p().token(as)}` },
      ...(body === undefined ? {} : { payload: body as object }),
    });
    const text = response.body;
    return {
      status: response.statusCode,
      headers: response.headers,
      body: text === '' ? undefined : JSON.parse(text),
    };
  };
  const invite = (email: string, role: string, as = alice) =>
    send('POST', `/workspaces/${workspaceId}/invitations`, as, { email, role });
  const workspace = async (as: string) => {
    await p().caughtUp();
    const answer = await p().query(`/workspaces/${workspaceId}`, { as });
    expect(answer.status).toBe(200);
    return answer;
  };
  const versionOf = async (stream: string) =>
    (await p().eventStore.readStream(stream)).at(-1)?.streamVersion ?? 0;

  beforeAll(async () => {
    accounts = createAccounts({
      eventStore: p().eventStore,
      credentials: sqliteIdentityStore({ path: join(p().dir, 'identity.db') }).credentials,
      scrypt: testScrypt,
    });
    alice = await register('Alice Liddell', 'alice@example.com');
    carol = await register('Carol Danvers', 'carol@example.com');
    mia = await register('Mia Wallace', 'mia@example.com');
    workspaceId = (await p().command('POST', '/workspaces', alice, { name: 'Wonderland' })).id;
    await p().command('POST', `/workspaces/${workspaceId}/members`, alice, {
      ownerId: mia,
      role: 'member',
    });
  });

  it('answers the same for an address with an account and one without', async () => {
    const known = await invite('Carol@Example.com ', 'member');
    const unknown = await invite('bob@example.com', 'viewer');
    expect(known.status).toBe(201);
    expect(unknown.status).toBe(known.status);
    expect(Object.keys(unknown.body).sort()).toEqual(Object.keys(known.body).sort());
    expect(Object.keys(known.body).sort()).toEqual(['position', 'version']);
    const { body } = await workspace(alice);
    expect(
      body.invitations.map((i: { email: string; role: string; invitedByName: string }) => [
        i.email,
        i.role,
        i.invitedByName,
      ]),
    ).toEqual([
      ['carol@example.com', 'member', 'Alice Liddell'],
      ['bob@example.com', 'viewer', 'Alice Liddell'],
    ]);
  });

  it('members and viewers cannot invite (403), strangers get 404, and neither sees addresses', async () => {
    const member = await invite('eve@example.com', 'member', mia);
    expect(member.status).toBe(403);
    const stranger = await invite('eve@example.com', 'member', carol);
    expect(stranger.status).toBe(404);
    expect((await workspace(mia)).body.invitations).toEqual([]);
  });

  it('refuses a bad email with a problem naming `email`, writing nothing', async () => {
    const before = await versionOf(streamName.workspace(workspaceId));
    const answer = await invite('not-an-address', 'member');
    expect(answer.status).toBe(400);
    expect(answer.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(JSON.stringify(answer.body)).toMatch(/email/);
    expect(await versionOf(streamName.workspace(workspaceId))).toBe(before);
  });

  it('refuses a member’s address with 409; re-inviting changes the role', async () => {
    const answer = await invite('mia@example.com', 'admin');
    expect(answer.status).toBe(409);
    expect(answer.body.detail).toMatch(/mia@example\.com is already a member/);
    expect((await invite('bob@example.com', 'member')).status).toBe(201);
    const bob = (await workspace(alice)).body.invitations.filter(
      (i: { email: string }) => i.email === 'bob@example.com',
    );
    expect(bob.map((i: { role: string }) => i.role)).toEqual(['member']);
  });

  it('registering with an invited address joins with the invited role, and names follow', async () => {
    const bob = await register('Bob Builder', 'BOB@example.com');
    const { body } = await workspace(alice);
    expect(body.members).toContainEqual({
      ownerId: bob,
      role: 'member',
      displayName: 'Bob Builder',
    });
    expect(body.invitations.map((i: { email: string }) => i.email)).toEqual(['carol@example.com']);
    expect((await p().query('/me/invitations', { as: bob })).body.items).toEqual([]);
  });

  it('a revoked invitation no longer joins on registration', async () => {
    await invite('dave@example.com', 'admin');
    const pending = (await workspace(alice)).body.invitations.find(
      (i: { email: string }) => i.email === 'dave@example.com',
    );
    const revoked = await send(
      'DELETE',
      `/workspaces/${workspaceId}/invitations/${pending.invitationId}`,
      mia,
    );
    expect(revoked.status).toBe(403);
    expect(
      (
        await send(
          'DELETE',
          `/workspaces/${workspaceId}/invitations/${pending.invitationId}`,
          alice,
        )
      ).status,
    ).toBe(200);
    const dave = await register('Dave Lister', 'dave@example.com');
    await p().caughtUp();
    expect((await p().query(`/workspaces/${workspaceId}`, { as: dave })).status).toBe(404);
  });

  it('an existing account sees its invitations, accepts one and declines another', async () => {
    const mine = (await p().query('/me/invitations', { as: carol })).body.items;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      workspaceId,
      workspaceName: 'Wonderland',
      role: 'member',
      invitedBy: alice,
      invitedByName: 'Alice Liddell',
    });
    // Someone else cannot accept it: it is addressed to carol's email.
    expect(
      (await send('POST', `/invitations/${mine[0].invitationId}/accept`, mia, {})).status,
    ).toBe(404);
    expect(
      (await send('POST', `/invitations/${mine[0].invitationId}/accept`, carol, {})).status,
    ).toBe(200);
    const { body } = await workspace(carol);
    expect(body.members).toContainEqual({
      ownerId: carol,
      role: 'member',
      displayName: 'Carol Danvers',
    });

    const other = (await p().command('POST', '/workspaces', alice, { name: 'Looking Glass' })).id;
    await send('POST', `/workspaces/${other}/invitations`, alice, {
      email: 'carol@example.com',
      role: 'viewer',
    });
    await p().caughtUp();
    const next = (await p().query('/me/invitations', { as: carol })).body.items;
    expect(next.map((i: { workspaceName: string }) => i.workspaceName)).toEqual(['Looking Glass']);
    expect(
      (await send('POST', `/invitations/${next[0].invitationId}/decline`, carol, {})).status,
    ).toBe(200);
    await p().caughtUp();
    expect((await p().query('/me/invitations', { as: carol })).body.items).toEqual([]);
    expect((await p().query(`/workspaces/${other}`, { as: carol })).status).toBe(404);
  });

  it('a rename shows in the members answer after the projection, with a new ETag', async () => {
    const before = await workspace(alice);
    await accounts.updateProfile(carol, {
      displayName: 'Captain Marvel',
      email: 'carol@example.com',
    });
    const after = await workspace(alice);
    expect(after.body.members).toContainEqual({
      ownerId: carol,
      role: 'member',
      displayName: 'Captain Marvel',
    });
    expect(after.headers.etag).not.toBe(before.headers.etag);
  });

  it('an account whose email changed is matched by its current email', async () => {
    await invite('mia.new@example.com', 'admin');
    await accounts.updateProfile(mia, { displayName: 'Mia Wallace', email: 'mia.new@example.com' });
    // mia is already a member: accepting keeps her in, and closes the invitation.
    await p().caughtUp();
    const mine = (await p().query('/me/invitations', { as: mia })).body.items;
    expect(mine.map((i: { role: string }) => i.role)).toEqual(['admin']);
    expect(
      (await send('POST', `/invitations/${mine[0].invitationId}/accept`, mia, {})).status,
    ).toBe(200);
    const { body } = await workspace(alice);
    expect(body.invitations.map((i: { email: string }) => i.email)).not.toContain(
      'mia.new@example.com',
    );
  });

  it('a task answer names its people, a former member too, and follows a rename with a new ETag', async () => {
    const dora = await register('Dora Marquez', 'dora@example.com');
    await p().command('POST', `/workspaces/${workspaceId}/members`, alice, {
      ownerId: dora,
      role: 'member',
    });
    const { id: project } = await p().command(
      'POST',
      `/workspaces/${workspaceId}/projects`,
      alice,
      {
        name: 'Garden',
      },
    );
    const { id: board } = await p().command(
      'POST',
      `/workspaces/${workspaceId}/projects/${project}/boards`,
      alice,
      { name: 'Beds' },
    );
    const { id: cardId } = await p().command('POST', `/boards/${board}/cards`, alice, {
      name: 'Now',
      type: 'Doing',
    });
    const { id: taskId } = await p().command('POST', `/boards/${board}/tasks`, alice, {
      cardId,
      title: 'Plant roses',
    });
    await p().command('PATCH', `/tasks/${taskId}`, alice, { assigneeId: dora });
    await p().command('POST', `/tasks/${taskId}/comments`, dora, { text: 'Red ones' });
    await p().command('DELETE', `/workspaces/${workspaceId}/members/${dora}`, alice);
    await p().caughtUp();

    // dora is no longer a member: only the answers' `people` still name her.
    const members = (await workspace(alice)).body.members as { ownerId: string }[];
    expect(members.map((m) => m.ownerId)).not.toContain(dora);
    const before = await p().query(`/tasks/${taskId}`, { as: alice });
    expect(before.status).toBe(200);
    expect(before.body.comments.map((c: { authorId: string }) => c.authorId)).toEqual([dora]);
    expect(before.body.activity.map((a: { text: string }) => a.text)).toContain(
      `assigned the task to @${dora}`,
    );
    expect(before.body.people).toMatchObject({ [alice]: 'Alice Liddell', [dora]: 'Dora Marquez' });
    const unchanged = await p().query(`/tasks/${taskId}`, {
      as: alice,
      headers: { 'if-none-match': String(before.headers.etag) },
    });
    expect(unchanged.status).toBe(304);

    await accounts.updateProfile(dora, { displayName: 'Dora Explorer', email: 'dora@example.com' });
    await p().caughtUp();
    const after = await p().query(`/tasks/${taskId}`, {
      as: alice,
      headers: { 'if-none-match': String(before.headers.etag) },
    });
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(after.body.people[dora]).toBe('Dora Explorer');
    // The task's document did not change: only the name did.
    expect(after.body.globalPosition).toBe(before.body.globalPosition);

    // The activity pages of the task and of the board name her by her new name too.
    for (const url of [`/tasks/${taskId}/activity`, `/boards/${board}/activity`]) {
      const page = await p().query(url, { as: alice });
      expect(page.status, url).toBe(200);
      expect(page.body.people, url).toMatchObject({
        [alice]: 'Alice Liddell',
        [dora]: 'Dora Explorer',
      });
    }
    const workspaceActivity = await p().query(`/workspaces/${workspaceId}/activity`, { as: alice });
    expect(workspaceActivity.body.items.map((a: { text: string }) => a.text)).toContain(
      `removed @${dora} from the workspace`,
    );
    expect(workspaceActivity.body.people[dora]).toBe('Dora Explorer');
  });
});
