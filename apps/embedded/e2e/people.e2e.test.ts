// Issue #13 §1: bringing people in by email, and naming them everywhere. Three people, three
// browser profiles: the owner invites an address before it has an account, and an existing account.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type OpenBrowser, openBrowser, type Person, signUp } from './support/browser';
import { acceptInvitation, inviteByEmail, reloadUntil } from './support/people';
import { type System, startSystem } from './support/system';

const screenshots = resolve(dirname(fileURLToPath(import.meta.url)), '../../../docs/screenshots');

const owner: Person = {
  name: 'Olivia Owner',
  email: 'olivia@people.test',
  password: 'invite them all 1',
};
const bob: Person = {
  name: 'Bob Builder',
  email: 'bob@people.test',
  password: 'invite them all 2',
};
const carol: Person = {
  name: 'Carol Danvers',
  email: 'carol@people.test',
  password: 'invite them all 3',
};

describe.sequential('inviting people by email, and their names', () => {
  let system: System;
  let a: OpenBrowser;
  let b: OpenBrowser;
  let c: OpenBrowser;
  let workspaceUrl = '';
  let taskUrl = '';

  beforeAll(async () => {
    system = await startSystem();
    [a, b, c] = await Promise.all([openBrowser(), openBrowser(), openBrowser()]);
  }, 240_000);

  afterEach((context) => {
    if (context.task.result?.state !== 'fail') return;
    console.error(
      `A:\n${a?.errors.join('\n')}\nB:\n${b?.errors.join('\n')}\nC:\n${c?.errors.join('\n')}`,
    );
  });

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close(), c?.close()]);
    await system?.close();
  });

  it('the owner invites an address without an account: pending, with its role, revocable', async () => {
    const page = a.page;
    await signUp(page, system.web, owner);
    await page.getByLabel('Create workspace name').fill('People team');
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await page.waitForURL(/\/workspaces\/[0-9a-f-]{36}$/);
    workspaceUrl = page.url();
    await page.getByLabel('Create project name').fill('Hiring');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByLabel('Create board name').fill('Pipeline');
    await page.getByRole('button', { name: 'Create board' }).click();

    await inviteByEmail(page, workspaceUrl, bob.email, 'member');
    const pending = page.getByRole('region', { name: 'Pending invitations' });
    await pending.getByText(bob.email).waitFor();
    expect(await pending.locator('li', { hasText: bob.email }).textContent()).toMatch(/member/);
    // The same words for an address nobody registered and for one with an account (below).
    await inviteByEmail(page, workspaceUrl, 'nobody@people.test', 'viewer');
    await pending
      .getByRole('button', { name: 'Revoke the invitation of nobody@people.test' })
      .click();
    await pending.getByText('nobody@people.test').waitFor({ state: 'detached' });
    await pending.getByText(bob.email).waitFor();
  });

  it('bob signs up with the invited address and finds the workspace', async () => {
    await signUp(b.page, system.web, bob);
    const link = b.page.getByRole('link', { name: /People team/ });
    await reloadUntil(b.page, `${system.web}/workspaces`, () => link.isVisible());
    await link.click();
    await b.page.getByRole('heading', { name: 'People team' }).waitFor();
    await b.page.getByText('Your role: member').waitFor();
    // A member does not see the invitations or their addresses.
    expect(await b.page.getByRole('region', { name: 'Pending invitations' }).count()).toBe(0);
  });

  it('carol, who has an account, accepts on her Workspaces page', async () => {
    await signUp(c.page, system.web, carol);
    await inviteByEmail(a.page, workspaceUrl, carol.email, 'viewer');
    await acceptInvitation(c.page, system.web, 'People team');
    await c.page.getByRole('region', { name: 'Invitations' }).waitFor({ state: 'detached' });
  });

  it('the members list names people, never "Member <id>"', async () => {
    const page = a.page;
    const members = page.getByRole('region', { name: 'Members' });
    await reloadUntil(page, workspaceUrl, () => members.getByText(carol.name).isVisible());
    await members.getByText(bob.name).waitFor();
    const text = await members.textContent();
    expect(text).toContain(owner.name);
    expect(text).not.toMatch(/Member [0-9a-f]{8}/);
    expect(text).not.toContain(carol.email); // accepted: no longer pending
    await page.setViewportSize({ width: 390, height: 844 });
    await members.scrollIntoViewIfNeeded();
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, 'members.png') });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBe(0);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('a comment by bob shows his name to the owner', async () => {
    const page = a.page;
    await page.goto(workspaceUrl);
    await page.getByRole('link', { name: 'Pipeline' }).click();
    await page.waitForURL(/\/boards\/[0-9a-f-]{36}$/);
    const addCard = page.getByRole('button', { name: '+ Add a card' });
    await page.getByLabel('Add card name').or(addCard).first().waitFor();
    if (await addCard.isVisible()) await addCard.click();
    await page.getByLabel('Add card name').fill('To do');
    await page.getByLabel('Card type').selectOption('ToDo');
    await page.getByRole('button', { name: 'Add card' }).click();
    await page.getByLabel('Add a task to To do').fill('Call the candidate');
    await page.getByLabel('Add a task to To do').press('Enter');
    await page.getByRole('link', { name: 'Call the candidate' }).click();
    await page.waitForURL(/\/tasks\/[0-9a-f-]{36}$/);
    taskUrl = page.url();
    const assignee = page.getByRole('dialog', { name: 'Task' }).getByLabel('Assignee');
    await assignee.selectOption({ label: bob.name });

    await b.page.goto(taskUrl);
    const drawer = b.page.getByRole('dialog', { name: 'Task' });
    await drawer.getByLabel('Comment', { exact: true }).fill('I will call them today');
    await drawer.getByRole('button', { name: 'Comment', exact: true }).click();
    await drawer
      .getByTestId('comment-text')
      .filter({ hasText: 'I will call them today' })
      .waitFor();

    const comment = a.page
      .getByRole('dialog', { name: 'Task' })
      .getByTestId('comment')
      .filter({ hasText: 'I will call them today' });
    await reloadUntil(a.page, taskUrl, () => comment.isVisible());
    expect(await comment.textContent()).toContain(bob.name);
    expect(await a.page.getByRole('dialog', { name: 'Task' }).textContent()).not.toMatch(
      /Member [0-9a-f]{8}/,
    );
  });

  it('once bob is removed, the task still names him in its comments and activity', async () => {
    const page = a.page;
    await page.goto(workspaceUrl);
    const members = page.getByRole('region', { name: 'Members' });
    await members.getByRole('button', { name: `Remove ${bob.name}` }).click();
    await members.getByText(bob.name).waitFor({ state: 'detached' });

    const drawer = page.getByRole('dialog', { name: 'Task' });
    const comment = drawer.getByTestId('comment').filter({ hasText: 'I will call them today' });
    await reloadUntil(page, taskUrl, () => comment.isVisible());
    // Names from the task answer's people, not the member list (which no longer has bob).
    expect(await comment.textContent()).toContain(bob.name);
    const activity = drawer.getByRole('region', { name: 'Activity' });
    await activity.getByText(`assigned the task to ${bob.name}`).waitFor();
    const text = `${await comment.textContent()} ${await activity.textContent()}`;
    expect(text).not.toContain('Former member');
    expect(text).not.toMatch(/@?[0-9a-f]{8}-[0-9a-f]{4}/);
  });
});
