// Account admins' commands against the real command API on SQLite: account deactivation,
// reactivation and the admin role; member management on workspaces the admin is no member of;
// the event-sourced re-check that refuses a demoted admin whose token still says admin; and the
// command side's answers (version, position, ETag, If-Match, Idempotency-Key, problem+json).
import { randomUUID } from 'node:crypto';
import { streamName } from '@taskomask/domain';
import { describe, expect, it } from 'vitest';
import { adminCommandRouteDocs } from '../../src/admin/commands';
import { adminQueryRouteDocs } from '../../src/admin/queries';
import { openApiDocument } from '../../src/http/openapi';
import { type AdminWorld, type Response, useAdminWorld } from './support/admin-world';

const eventsAfter = async (w: AdminWorld, position: number) =>
  (await w.store.readAll({ fromPosition: position + 1, limit: 100 })).filter(
    (e) => e.type !== 'CommandAccepted',
  );

async function refused(
  w: AdminWorld,
  act: () => Promise<Response>,
  status: number,
  fields: Record<string, unknown> = {},
): Promise<Response> {
  const before = await w.head();
  const response = await act();
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({ status, ...fields });
  expect(await w.head(), 'nothing written').toBe(before);
  return response;
}

describe('admin account commands', () => {
  const world = useAdminWorld();

  it('deactivates an account and answers like every command; a repeat changes nothing', async () => {
    const w = world();
    const target = await w.account();
    const before = await w.head();
    const response = await w.send(w.people.root, {
      method: 'POST',
      url: `/admin/owners/${target}/deactivate`,
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(Object.keys(response.body).sort()).toEqual(['position', 'version']);
    expect(response.body.version).toBe(await w.store.streamVersion(streamName.owner(target)));
    expect(response.headers.etag).toBe(`"${response.body.version}"`);
    const events = await eventsAfter(w, before);
    expect(events.map((e) => [e.type, e.streamName, e.data])).toEqual([
      ['OwnerDeactivated', streamName.owner(target), { ownerId: target }],
    ]);
    expect(events[0]!.metadata.userId).toBe(w.people.root);
    expect(response.body.position).toBe(events[0]!.globalPosition);

    const again = await w.send(w.people.root, {
      method: 'POST',
      url: `/admin/owners/${target}/deactivate`,
    });
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(response.body.version);
    expect(await w.head()).toBe(response.body.position);

    const back = await w.send(w.people.root, {
      method: 'POST',
      url: `/admin/owners/${target}/reactivate`,
    });
    expect(back.status).toBe(200);
    expect((await eventsAfter(w, response.body.position)).map((e) => e.type)).toEqual([
      'OwnerReactivated',
    ]);
  });

  it('grants and revokes admin; the new admin can act at once', async () => {
    const w = world();
    const helper = await w.account();
    const target = await w.account();
    await w.ok(w.people.root, 'POST', `/admin/owners/${helper}/admin`);
    // The helper's token says admin now (a fresh token from identity would).
    const asAdmin = { role: 'admin' as const };
    const deactivate = await w.send(
      helper,
      { method: 'POST', url: `/admin/owners/${target}/deactivate` },
      asAdmin,
    );
    expect(deactivate.status, JSON.stringify(deactivate.body)).toBe(200);
    const revoke = await w.send(w.people.root, {
      method: 'DELETE',
      url: `/admin/owners/${helper}/admin`,
    });
    expect(revoke.status).toBe(200);
    expect((await eventsAfter(w, revoke.body.position - 1)).map((e) => e.type)).toEqual([
      'OwnerAdminRevoked',
    ]);
  });

  it('refuses a demoted admin whose token still says admin — the account stream decides', async () => {
    const w = world();
    const demoted = await w.account('admin');
    const target = await w.account();
    await w.ok(w.people.root, 'DELETE', `/admin/owners/${demoted}/admin`);
    const asAdmin = { role: 'admin' as const };
    for (const call of [
      { method: 'POST', url: `/admin/owners/${target}/deactivate` },
      { method: 'POST', url: `/admin/owners/${target}/admin` },
      {
        method: 'POST',
        url: `/admin/workspaces/${w.workspace}/members`,
        body: { ownerId: randomUUID(), role: 'member' },
      },
      {
        method: 'PATCH',
        url: `/admin/workspaces/${w.workspace}/members/${w.people.mia}`,
        body: { role: 'viewer' },
      },
      { method: 'DELETE', url: `/admin/workspaces/${w.workspace}/members/${w.people.val}` },
    ]) {
      await refused(w, () => w.send(demoted, call, asAdmin), 403, {
        type: 'urn:taskomask:problem:forbidden',
        detail: 'only an account admin can do this',
      });
    }
  });

  it('refuses a deactivated admin, and a plain account whose token claims admin', async () => {
    const w = world();
    const target = await w.account();
    const deactivated = await w.account('admin');
    await w.ok(w.people.root, 'POST', `/admin/owners/${deactivated}/deactivate`);
    const plain = await w.account('user');
    const unregistered = randomUUID();
    for (const who of [deactivated, plain, unregistered]) {
      await refused(
        w,
        () =>
          w.send(
            who,
            { method: 'POST', url: `/admin/owners/${target}/deactivate` },
            { role: 'admin' },
          ),
        403,
      );
    }
  });

  it('answers 403 to a token without the admin role before looking at the request', async () => {
    const w = world();
    // Even a malformed id: a non-admin learns nothing from a 400.
    await refused(
      w,
      () => w.send(w.people.alice, { method: 'POST', url: '/admin/owners/not-a-uuid/deactivate' }),
      403,
      { detail: 'only account admins may use the /admin endpoints' },
    );
    await refused(
      w,
      () => w.send(w.people.root, { method: 'POST', url: '/admin/owners/not-a-uuid/deactivate' }),
      400,
      { errors: [{ field: 'ownerId', reason: 'must be a UUID' }] },
    );
  });

  it('never lets an admin lock themselves out, and answers 404 for unknown accounts', async () => {
    const w = world();
    const { root } = w.people;
    for (const call of [
      { method: 'POST', url: `/admin/owners/${root}/deactivate` },
      { method: 'DELETE', url: `/admin/owners/${root}/admin` },
    ]) {
      await refused(w, () => w.send(root, call), 403, {
        detail: 'admins cannot revoke, deactivate or reactivate their own account',
      });
    }
    const nobody = randomUUID();
    await refused(
      w,
      () => w.send(root, { method: 'POST', url: `/admin/owners/${nobody}/deactivate` }),
      404,
      { detail: `owner ${nobody} not found` },
    );
  });

  it('keeps If-Match and Idempotency-Key semantics', async () => {
    const w = world();
    const target = await w.account();
    const call = { method: 'POST', url: `/admin/owners/${target}/deactivate` };
    await refused(w, () => w.send(w.people.root, call, { headers: { 'if-match': '"7"' } }), 412);
    const key = { 'idempotency-key': `k-${randomUUID()}` };
    const first = await w.send(w.people.root, call, {
      headers: { ...key, 'if-match': '"1"' },
    });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const head = await w.head();
    const repeat = await w.send(w.people.root, call, { headers: key });
    expect(repeat.status).toBe(200);
    expect(repeat.body).toEqual(first.body);
    expect(repeat.headers['idempotent-replayed']).toBe('true');
    expect(await w.head()).toBe(head);
    await refused(
      w,
      () =>
        w.send(
          w.people.root,
          { method: 'POST', url: `/admin/owners/${target}/reactivate` },
          { headers: key },
        ),
      422,
      { type: 'urn:taskomask:problem:idempotency-key-reused' },
    );
    // Not being an admin is the answer whatever version If-Match names.
    await refused(
      w,
      () =>
        w.send(
          w.people.alice,
          { method: 'POST', url: `/admin/owners/${target}/reactivate` },
          { role: 'admin', headers: { 'if-match': '"99"' } },
        ),
      403,
    );
  });
});

describe('admin member management', () => {
  const world = useAdminWorld();

  it('adds, re-roles and removes members of a workspace the admin is not a member of', async () => {
    const w = world();
    const { root } = w.people;
    const newcomer = await w.account();
    const before = await w.head();
    const added = await w.send(root, {
      method: 'POST',
      url: `/admin/workspaces/${w.foreign.workspace}/members`,
      body: { ownerId: newcomer, role: 'member' },
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body.version).toBe(
      await w.store.streamVersion(streamName.workspace(w.foreign.workspace)),
    );
    expect(added.headers.etag).toBe(`"${added.body.version}"`);
    const events = await eventsAfter(w, before);
    expect(events.map((e) => [e.type, e.data])).toEqual([
      ['MemberAdded', { workspaceId: w.foreign.workspace, ownerId: newcomer, role: 'member' }],
    ]);
    expect(events[0]!.metadata.userId).toBe(root);

    const promoted = await w.send(root, {
      method: 'PATCH',
      url: `/admin/workspaces/${w.foreign.workspace}/members/${newcomer}`,
      body: { role: 'admin' },
    });
    expect(promoted.status).toBe(200);
    const removed = await w.send(root, {
      method: 'DELETE',
      url: `/admin/workspaces/${w.foreign.workspace}/members/${newcomer}`,
    });
    expect(removed.status).toBe(200);
    expect((await eventsAfter(w, added.body.position)).map((e) => e.type)).toEqual([
      'MemberRoleChanged',
      'MemberRemoved',
    ]);
    // Being an account admin gives no membership: the ordinary endpoints still answer 404.
    await refused(
      w,
      () =>
        w.send(root, {
          method: 'POST',
          url: `/workspaces/${w.foreign.workspace}/members`,
          body: { ownerId: newcomer, role: 'member' },
        }),
      404,
    );
  });

  it('hands a workspace to a new owner, but never removes or demotes the last one', async () => {
    const w = world();
    const { root, olga } = w.people;
    const heir = await w.account();
    const members = `/admin/workspaces/${w.foreign.workspace}/members`;
    await refused(
      w,
      () => w.send(root, { method: 'PATCH', url: `${members}/${olga}`, body: { role: 'admin' } }),
      422,
      { rule: 'last_owner' },
    );
    await refused(w, () => w.send(root, { method: 'DELETE', url: `${members}/${olga}` }), 422, {
      rule: 'last_owner',
    });
    expect(
      (await w.send(root, { method: 'POST', url: members, body: { ownerId: heir, role: 'owner' } }))
        .status,
    ).toBe(201);
    expect(
      (await w.send(root, { method: 'PATCH', url: `${members}/${olga}`, body: { role: 'viewer' } }))
        .status,
    ).toBe(200);
    // The heir now owns it through the ordinary endpoints.
    const rename = await w.send(heir, {
      method: 'PATCH',
      url: `/workspaces/${w.foreign.workspace}`,
      body: { description: 'Handed over' },
    });
    expect(rename.status, JSON.stringify(rename.body)).toBe(200);
  });

  it('answers 404 for unknown workspaces and members, 409 for a member already there', async () => {
    const w = world();
    const { root } = w.people;
    const unknown = randomUUID();
    await refused(
      w,
      () =>
        w.send(root, {
          method: 'POST',
          url: `/admin/workspaces/${unknown}/members`,
          body: { ownerId: randomUUID(), role: 'member' },
        }),
      404,
      { detail: `workspace ${unknown} not found` },
    );
    const stranger = randomUUID();
    await refused(
      w,
      () =>
        w.send(root, {
          method: 'PATCH',
          url: `/admin/workspaces/${w.workspace}/members/${stranger}`,
          body: { role: 'admin' },
        }),
      404,
      { detail: `member ${stranger} not found` },
    );
    await refused(
      w,
      () =>
        w.send(root, {
          method: 'POST',
          url: `/admin/workspaces/${w.workspace}/members`,
          body: { ownerId: w.people.mia, role: 'viewer' },
        }),
      409,
    );
    await refused(
      w,
      () =>
        w.send(root, {
          method: 'POST',
          url: `/admin/workspaces/${w.workspace}/members`,
          body: { ownerId: w.people.mia, role: 'boss' },
        }),
      400,
    );
  });
});

describe('admin route docs', () => {
  it('build into an OpenAPI document with every admin path', () => {
    const document = openApiDocument({
      title: 'admin',
      version: '0',
      description: 'admin routes',
      routes: [...adminCommandRouteDocs, ...adminQueryRouteDocs],
    });
    const paths = document.paths as Record<string, Record<string, unknown>>;
    expect(Object.keys(paths).sort()).toEqual([
      '/admin/owners',
      '/admin/owners/{ownerId}',
      '/admin/owners/{ownerId}/admin',
      '/admin/owners/{ownerId}/deactivate',
      '/admin/owners/{ownerId}/reactivate',
      '/admin/owners/{ownerId}/tokens/{tokenId}',
      '/admin/workspaces',
      '/admin/workspaces/{workspaceId}/members',
      '/admin/workspaces/{workspaceId}/members/{ownerId}',
    ]);
    expect(Object.keys(paths['/admin/owners/{ownerId}/admin']!).sort()).toEqual(['delete', 'post']);
  });
});
