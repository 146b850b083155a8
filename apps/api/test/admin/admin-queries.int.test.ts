// Account admins' queries over the read models the projector's own code keeps (`owners`,
// `workspaces`, `memberships`): owner search and paging, an owner's workspaces, every workspace
// and any workspace's members — and the owners projection itself.
import { randomUUID } from 'node:crypto';
import type { OwnerView } from '@taskomask/domain';
import { describe, expect, it } from 'vitest';
import { type AdminWorld, useAdminWorld } from './support/admin-world';

const ask = (w: AdminWorld, url: string, who: string | null = w.people.root) =>
  w.send(who, { method: 'GET', url }, { app: w.queries });

const names = (items: { displayName?: string; name?: string }[]) =>
  items.map((i) => i.displayName ?? i.name);

describe('admin queries', () => {
  const world = useAdminWorld();

  it('projects registered accounts into `owners`, following role and status', async () => {
    const w = world();
    const target = await w.account('user', 'Tara Target');
    await w.ok(w.people.root, 'POST', `/admin/owners/${target}/admin`);
    await w.ok(w.people.root, 'POST', `/admin/owners/${target}/deactivate`);
    // A stream with only a workspace registry (an owner from before identity) is no account.
    const legacy = randomUUID();
    await w.ok(legacy, 'POST', '/workspaces', { name: w.unique('Legacy') });
    await w.catchUp();
    const doc = await w.readStore.get<OwnerView>('owners', target);
    expect(doc?.value).toMatchObject({
      ownerId: target,
      displayName: 'Tara Target',
      role: 'admin',
      status: 'deactivated',
      version: 3,
    });
    expect(await w.readStore.get('owners', legacy)).toBeUndefined();
    const found = await w.readStore.find('owners', { role: 'admin', status: 'deactivated' });
    expect(found.map((d) => d.id)).toEqual([target]);
  });

  it('searches accounts by a prefix of the name, of any word in it, or of the email', async () => {
    const w = world();
    const byName = await ask(w, '/admin/owners?search=ALI');
    expect(byName.status, JSON.stringify(byName.body)).toBe(200);
    expect(names(byName.body.items)).toEqual(['Alice Liddell']);
    expect(byName.body.items[0]).toEqual({
      ownerId: w.people.alice,
      displayName: 'Alice Liddell',
      email: `${w.people.alice.slice(0, 8)}@example.com`,
      role: 'user',
      status: 'active',
      registeredAt: expect.any(String),
      updatedAt: expect.any(String),
      globalPosition: expect.any(Number),
    });
    expect(names((await ask(w, '/admin/owners?search=member')).body.items)).toEqual(['Mia Member']);
    const email = `${w.people.olga.slice(0, 8)}@EX`;
    expect(names((await ask(w, `/admin/owners?search=${email}`)).body.items)).toEqual([
      'Olga Outsider',
    ]);
    expect((await ask(w, '/admin/owners?search=zzz')).body).toEqual({
      items: [],
      nextCursor: null,
    });
    expect(names((await ask(w, '/admin/owners?role=admin&search=root')).body.items)).toEqual([
      'Root Operator',
    ]);
  });

  it('pages through every account by name with cursors', async () => {
    const w = world();
    const all = (await ask(w, '/admin/owners?limit=200')).body.items as { displayName: string }[];
    const sorted = [...all].sort((a, b) =>
      a.displayName.toLowerCase() < b.displayName.toLowerCase() ? -1 : 1,
    );
    expect(names(all)).toEqual(names(sorted));
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await ask(
        w,
        `/admin/owners?limit=2${cursor === null ? '' : `&cursor=${cursor}`}`,
      );
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...names(page.body.items).map(String));
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor !== null);
    expect(seen).toEqual(names(all));
    expect(pages).toBe(Math.ceil(all.length / 2));
  });

  it('refuses bad parameters with 400 naming them', async () => {
    const w = world();
    for (const [url, field] of [
      ['/admin/owners?limit=0', 'limit'],
      ['/admin/owners?cursor=garbage', 'cursor'],
      ['/admin/owners?status=gone', 'status'],
      ['/admin/owners?colour=blue', 'colour'],
      ['/admin/owners/not-a-uuid', 'ownerId'],
      ['/admin/workspaces?search=', 'search'],
    ] as const) {
      const response = await ask(w, url);
      expect(response.status, url).toBe(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });

  it('shows an account with the live workspaces it belongs to; 404 for no account', async () => {
    const w = world();
    const answer = await ask(w, `/admin/owners/${w.people.mia}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ ownerId: w.people.mia, displayName: 'Mia Member' });
    expect(answer.body.workspaces).toEqual([
      { workspaceId: w.workspace, name: expect.stringMatching(/^Acme/), role: 'member' },
    ]);
    const nobody = randomUUID();
    const missing = await ask(w, `/admin/owners/${nobody}`);
    expect(missing.status).toBe(404);
    expect(missing.body.detail).toBe(`owner ${nobody} not found`);
  });

  it('lists every live workspace by name, with owners and counts', async () => {
    const w = world();
    const doomed = await w.ok(w.people.olga, 'POST', '/workspaces', { name: 'Rival Doomed' });
    await w.ok(w.people.olga, 'DELETE', `/workspaces/${doomed}`);
    await w.catchUp();
    const answer = await ask(w, '/admin/workspaces?search=rival');
    expect(answer.status).toBe(200);
    expect(answer.body.items).toEqual([
      expect.objectContaining({
        workspaceId: w.foreign.workspace,
        createdBy: w.people.olga,
        ownerIds: [w.people.olga],
        memberCount: 1,
        projectCount: 1,
      }),
    ]);
    const team = await ask(w, '/admin/workspaces?search=acme');
    expect(team.body.items.map((i: { workspaceId: string }) => i.workspaceId)).toEqual([
      w.workspace,
    ]);
    expect(team.body.items[0].memberCount).toBe(4);
  });

  it('lists the members of any workspace with who they are', async () => {
    const w = world();
    const unregistered = randomUUID();
    await w.ok(w.people.olga, 'POST', `/workspaces/${w.foreign.workspace}/members`, {
      ownerId: unregistered,
      role: 'viewer',
    });
    await w.catchUp();
    const answer = await ask(w, `/admin/workspaces/${w.foreign.workspace}/members`);
    expect(answer.status).toBe(200);
    expect(answer.body.members).toEqual([
      {
        ownerId: w.people.olga,
        role: 'owner',
        displayName: 'Olga Outsider',
        email: `${w.people.olga.slice(0, 8)}@example.com`,
        status: 'active',
      },
      { ownerId: unregistered, role: 'viewer', displayName: null, email: null, status: null },
    ]);
    const unknown = randomUUID();
    const missing = await ask(w, `/admin/workspaces/${unknown}/members`);
    expect(missing.status).toBe(404);
    expect(missing.body.detail).toBe(`workspace ${unknown} not found`);
  });

  it('waits for minPosition to read an admin command’s own write, and says when it could not', async () => {
    const w = world();
    const target = await w.account('user', 'Wanda Waiting');
    await w.catchUp();
    const deactivated = await w.send(w.people.root, {
      method: 'POST',
      url: `/admin/owners/${target}/deactivate`,
    });
    const { position } = deactivated.body as { position: number };
    const url = `/admin/owners/${target}?minPosition=${position}`;
    const stale = await ask(w, url);
    expect(stale.headers['x-stale']).toBe('true');
    expect(stale.body.status).toBe('active');
    const waiting = ask(w, url);
    await w.catchUp();
    const fresh = await waiting;
    expect(fresh.headers['x-stale']).toBeUndefined();
    expect(Number(fresh.headers['x-read-position'])).toBeGreaterThanOrEqual(position);
    expect(fresh.body.status).toBe('deactivated');
  });

  it('answers 403 to tokens without the admin role and 401 without a token', async () => {
    const w = world();
    expect((await ask(w, '/admin/owners', w.people.alice)).status).toBe(403);
    expect((await ask(w, '/admin/owners', null)).status).toBe(401);
  });
});
