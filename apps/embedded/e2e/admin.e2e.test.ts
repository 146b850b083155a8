import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type OpenBrowser, openBrowser, type Person, signIn, signUp } from './support/browser';
import { type System, startSystem } from './support/system';

// The first account of a fresh system is an account admin.
const admin: Person = {
  name: 'Ada Admin',
  email: 'ada@example.test',
  password: 'correct horse battery 1',
};
const bob: Person = {
  name: 'Bob Builder',
  email: 'bob@example.test',
  password: 'correct horse battery 2',
};

describe.sequential('the admin pages in Chromium', () => {
  let system: System;
  let a: OpenBrowser;
  let b: OpenBrowser;

  beforeAll(async () => {
    system = await startSystem();
    [a, b] = await Promise.all([openBrowser(), openBrowser()]);
  }, 240_000);

  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    await a?.page
      .screenshot({ path: join(tmpdir(), 'taskomask-admin-e2e-failure-a.png') })
      .catch(() => {});
    await b?.page
      .screenshot({ path: join(tmpdir(), 'taskomask-admin-e2e-failure-b.png') })
      .catch(() => {});
    console.error(`browser A:\n${a?.errors.join('\n')}\nbrowser B:\n${b?.errors.join('\n')}`);
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await system?.close();
  });

  const ownerRow = (name: string) => a.page.getByRole('row', { name });

  /** Searches the accounts table and confirms one of a row's actions. */
  async function accountAction(name: string, button: string, confirm: string) {
    await a.page.getByLabel('Search accounts').fill(name.split(' ')[0]!);
    await ownerRow(name).waitFor();
    await ownerRow(name).getByRole('button', { name: button }).click();
    await ownerRow(name).getByRole('button', { name: confirm, exact: true }).click();
  }

  it('shows the Admin link to the admin only; a second user has a workspace', async () => {
    await signUp(a.page, system.web, admin);
    await a.page.getByRole('link', { name: 'Admin', exact: true }).waitFor();
    await signUp(b.page, system.web, bob);
    await b.page.getByLabel('Create workspace name').fill('Bob team');
    await b.page.getByRole('button', { name: 'Create workspace' }).click();
    await b.page.getByRole('heading', { name: 'Bob team' }).waitFor();
    expect(await b.page.getByRole('link', { name: 'Admin', exact: true }).count()).toBe(0);
    // Bob signs out (the provider's session too, without a second question), to sign in later.
    await b.page.getByRole('button', { name: 'Sign out' }).click();
    await b.page.waitForURL(`${system.web}/`);
  });

  it('finds the second user and deactivates them: the provider refuses their sign-in', async () => {
    await a.page.getByRole('link', { name: 'Admin', exact: true }).click();
    await a.page.getByRole('heading', { name: 'Administration' }).waitFor();
    await accountAction(bob.name, `Deactivate ${bob.name}`, 'Deactivate');
    await ownerRow(bob.name).getByText('deactivated', { exact: true }).waitFor();
    await a.page.getByRole('status').getByText(`${bob.name} is deactivated.`).waitFor();

    await b.page.goto(system.web);
    await b.page.getByRole('button', { name: 'Sign in' }).click();
    await b.page.getByLabel('Email').fill(bob.email);
    await b.page.getByLabel('Password').fill(bob.password);
    await b.page.getByRole('button', { name: 'Sign in' }).click();
    await b.page.getByText('This account is deactivated').waitFor();
  });

  it('reactivates them; as a non-admin they see "not allowed" at /admin', async () => {
    await accountAction(bob.name, `Reactivate ${bob.name}`, 'Reactivate');
    await ownerRow(bob.name).getByText('active', { exact: true }).waitFor();
    await signIn(b.page, system.web, bob);
    await b.page.goto(`${system.web}/admin`);
    await b.page.getByRole('heading', { name: 'Not allowed' }).waitFor();
    expect(await b.page.getByRole('table').count()).toBe(0);
    expect((await b.context.request.get(`${system.web}/api/q/admin/owners`)).status()).toBe(403);
  });

  it('grants admin, and shows the 403 when the admin acts on their own account', async () => {
    await accountAction(bob.name, `Make ${bob.name} admin`, 'Grant admin');
    await ownerRow(bob.name).getByText('admin', { exact: true }).waitFor();
    await a.page.reload();
    await a.page.getByLabel('Search accounts').fill('Bob');
    await ownerRow(bob.name).getByText('admin', { exact: true }).waitFor();

    await accountAction(admin.name, `Deactivate ${admin.name}`, 'Deactivate');
    await a.page.getByRole('alert').getByText('You cannot deactivate your own account').waitFor();
    await ownerRow(admin.name).getByText('active', { exact: true }).waitFor();
  });

  it("opens another user's workspace members and changes a role", async () => {
    await a.page.getByRole('link', { name: 'Workspaces', exact: true }).last().click();
    await a.page.getByLabel('Search workspaces').fill('bob');
    await a.page.getByRole('link', { name: /Bob team/ }).click();
    await a.page.getByRole('heading', { name: 'Bob team: members' }).waitFor();
    const bobRole = a.page.getByLabel(`Role of ${bob.name}`);
    expect(await bobRole.inputValue()).toBe('owner');

    // The last owner stays: refused, rolled back, said so.
    await bobRole.selectOption('member');
    await a.page.getByRole('alert').getByText(new RegExp(bob.name)).waitFor();
    await expect.poll(() => bobRole.inputValue()).toBe('owner');

    await a.page
      .getByLabel('Account to add')
      .selectOption({ label: `${admin.name} (${admin.email})` });
    await a.page.getByLabel('Role of the new member').selectOption('owner');
    await a.page.getByRole('button', { name: 'Add member' }).click();
    await a.page.getByLabel(`Role of ${admin.name}`).waitFor();

    await bobRole.selectOption('viewer');
    await a.page.getByRole('status').getByText(`${bob.name} is now viewer.`).waitFor();
    await a.page.reload();
    await expect.poll(() => a.page.getByLabel(`Role of ${bob.name}`).inputValue()).toBe('viewer');
  });
});
