import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { memberIdOf, type OpenBrowser, openBrowser, type Person, signUp } from './support/browser';
import { command } from './support/commands';
import { type System, startSystem } from './support/system';

// Issue 13 §1: membership and roles are live. Two people in two browsers: the owner adds, re-roles
// and removes the other, whose open pages follow without a reload.

const olga: Person = { name: 'Olga Owner', email: 'olga@example.test', password: 'live pass 1 ok' };
const bob: Person = { name: 'Bob Member', email: 'bob@example.test', password: 'live pass 2 ok' };

const addTaskField = (page: Page) => page.getByLabel('Add a task to To do');
const moveButtons = (page: Page) => page.getByRole('button', { name: /^Move (task|card)/ });

/** Takes a picture at desktop and phone width, to look at (not compared). */
async function pictures(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(tmpdir(), `taskomask-${name}-1280.png`) });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: join(tmpdir(), `taskomask-${name}-390.png`) });
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe.sequential('membership and roles, live in the browser', () => {
  let system: System;
  let a: OpenBrowser;
  let b: OpenBrowser;
  let workspaceUrl = '';
  const latencies: Record<string, number> = {};

  beforeAll(async () => {
    system = await startSystem();
    [a, b] = await Promise.all([openBrowser(), openBrowser()]);
  }, 240_000);

  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    await a?.page
      .screenshot({ path: join(tmpdir(), 'taskomask-live-failure-a.png') })
      .catch(() => {});
    await b?.page
      .screenshot({ path: join(tmpdir(), 'taskomask-live-failure-b.png') })
      .catch(() => {});
    console.error(`browser A:\n${a?.errors.join('\n')}\nbrowser B:\n${b?.errors.join('\n')}`);
  });

  afterAll(async () => {
    console.log(`membership latencies (ms): ${JSON.stringify(latencies)}`);
    await a?.close();
    await b?.close();
    await system?.close();
  });

  /** Olga picks bob's role on the workspace page; resolves when the command was answered. */
  const setBobsRole = async (role: 'viewer' | 'member') => {
    const answered = a.page.waitForResponse(
      (r) => r.request().method() === 'PATCH' && r.url().includes('/api/cmd/workspaces/'),
    );
    await a.page.getByLabel(/^Role of /).selectOption(role);
    expect((await answered).status()).toBeLessThan(300);
    return Date.now();
  };

  it('shows bob a workspace he was added to on his open Workspaces page, without reload', async () => {
    await signUp(a.page, system.web, olga);
    await signUp(b.page, system.web, bob);
    const bobId = await memberIdOf(b.page, system.web);
    await b.page.goto(`${system.web}/workspaces`);
    await b.page.getByText('No workspaces yet').waitFor();

    const page = a.page;
    await page.getByLabel('Create workspace name').fill('Live team');
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await page.waitForURL(/\/workspaces\/[0-9a-f-]{36}$/);
    workspaceUrl = page.url();
    await page.getByLabel('Create project name').fill('Website');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByLabel('Create board name').fill('Sprint 1');
    await page.getByRole('button', { name: 'Create board' }).click();
    await page.getByRole('link', { name: 'Sprint 1' }).click();
    await page.waitForURL(/\/boards\/[0-9a-f-]{36}$/);
    await page.getByLabel('Add card name').fill('To do');
    await page.getByRole('button', { name: 'Add card' }).click();
    await addTaskField(page).fill('First task');
    await addTaskField(page).press('Enter');
    await page.getByText('First task').waitFor();

    await page.goto(workspaceUrl);
    // Added directly (as an admin tool or an accepted invitation does): bob's open page follows.
    const workspaceId = workspaceUrl.split('/').at(-1);
    await command(page, 'POST', `/workspaces/${workspaceId}/members`, {
      ownerId: bobId,
      role: 'member',
    });
    const at = Date.now();
    await b.page.getByRole('link', { name: /Live team/ }).waitFor();
    latencies.addedToWorkspacesPage = Date.now() - at;
  });

  it('takes bob’s write controls away within 1 s when he is made viewer, and gives them back', async () => {
    await b.page.getByRole('link', { name: /Live team/ }).click();
    await b.page.getByRole('link', { name: 'Sprint 1' }).click();
    await b.page.locator('[data-testid="live-status"][data-status="live"]').waitFor();
    await addTaskField(b.page).waitFor();
    expect(await moveButtons(b.page).count()).toBeGreaterThan(0);

    const viewerAt = await setBobsRole('viewer');
    await b.page.getByText('View only').waitFor();
    await addTaskField(b.page).waitFor({ state: 'detached' });
    latencies.madeViewerControlsGone = Date.now() - viewerAt;
    expect(await moveButtons(b.page).count()).toBe(0);
    expect(await b.page.getByRole('button', { name: '+ Add a card' }).count()).toBe(0);
    await pictures(b.page, 'view-only');

    const memberAt = await setBobsRole('member');
    await addTaskField(b.page).waitFor();
    latencies.madeMemberControlsBack = Date.now() - memberAt;
    expect(await b.page.getByText('View only').count()).toBe(0);
    expect(await moveButtons(b.page).count()).toBeGreaterThan(0);
  });

  it('tells bob in words why a write was refused', async () => {
    await addTaskField(b.page).fill('First task');
    await addTaskField(b.page).press('Enter');
    const toast = b.page.getByRole('alert').filter({ hasText: /title/ });
    await toast.waitFor();
    expect((await toast.textContent())?.trim()).toBe(
      'A task with that title is already on this board.',
    );
  });

  it('takes bob off the board with a clear message when he is removed', async () => {
    const answered = a.page.waitForResponse((r) => r.request().method() === 'DELETE');
    await a.page.getByRole('button', { name: /^Remove / }).click();
    expect((await answered).status()).toBeLessThan(300);
    const at = Date.now();
    const message = b.page.getByTestId('lost-workspace');
    await message.waitFor();
    latencies.removedMessageShown = Date.now() - at;
    expect(await message.getByRole('heading').textContent()).toBe(
      'You were removed from Live team',
    );
    expect(await b.page.getByText('First task').count()).toBe(0);
    await pictures(b.page, 'removed');
    await message.getByRole('link', { name: 'Back to Workspaces' }).click();
    await b.page.waitForURL(`${system.web}/workspaces`);
    await b.page.getByText('No workspaces yet').waitFor();
  });
});
