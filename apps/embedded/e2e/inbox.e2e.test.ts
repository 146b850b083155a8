import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { memberIdOf, type OpenBrowser, openBrowser, type Person, signUp } from './support/browser';
import { command } from './support/commands';
import { type System, startSystem } from './support/system';

// Two people in two browsers: ann mentions bob in a comment with the autocomplete; bob's bell
// counts it within a second, without a reload; his inbox takes him to the task and the count drops.

const screenshots = resolve(dirname(fileURLToPath(import.meta.url)), '../../../docs/screenshots');
const ann: Person = { name: 'Ann Writer', email: 'ann@example.test', password: 'correct horse 1' };
const bob: Person = { name: 'Bob Reader', email: 'bob@example.test', password: 'correct horse 2' };

describe.sequential('mentions and the inbox in Chromium', () => {
  let system: System;
  let a: OpenBrowser;
  let b: OpenBrowser;
  let boardUrl = '';
  let bobId = '';

  beforeAll(async () => {
    system = await startSystem();
    [a, b] = await Promise.all([openBrowser(), openBrowser()]);
  }, 240_000);

  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    await a?.page.screenshot({ path: join(tmpdir(), 'taskomask-inbox-a.png') }).catch(() => {});
    await b?.page.screenshot({ path: join(tmpdir(), 'taskomask-inbox-b.png') }).catch(() => {});
    console.error(`browser A:\n${a?.errors.join('\n')}\nbrowser B:\n${b?.errors.join('\n')}`);
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await system?.close();
  });

  const bell = (unread: number) =>
    b.page.getByRole('button', { name: `Notifications, ${unread} unread`, exact: true });

  it('ann makes a board with a task and adds bob; both open it', async () => {
    await signUp(a.page, system.web, ann);
    await signUp(b.page, system.web, bob);
    bobId = await memberIdOf(b.page, system.web);
    const page = a.page;
    await page.getByRole('link', { name: 'Workspaces' }).first().click();
    await page.getByLabel('Create workspace name').fill('Inbox team');
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await page.waitForURL(/\/workspaces\/[0-9a-f-]{36}$/);
    await command(page, 'POST', `/workspaces/${page.url().split('/').at(-1)}/members`, {
      ownerId: bobId,
      role: 'member',
    });
    await page.getByLabel('Create project name').fill('Website');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByLabel('Create board name').fill('Launch');
    await page.getByRole('button', { name: 'Create board' }).click();
    await page.getByRole('link', { name: 'Launch' }).click();
    await page.waitForURL(/\/boards\/[0-9a-f-]{36}$/);
    boardUrl = page.url();
    await page.getByLabel('Add card name').fill('To do');
    await page.getByLabel('Card type').selectOption('ToDo');
    await page.getByRole('button', { name: 'Add card' }).click();
    await page.getByLabel('Add a task to To do').fill('Hero copy');
    await page.getByLabel('Add a task to To do').press('Enter');
    await page.getByRole('link', { name: 'Hero copy' }).waitFor();
    await b.page.goto(boardUrl);
    for (const p of [a.page, b.page]) {
      await p.locator('[data-testid="live-status"][data-status="live"]').waitFor();
    }
    // Presence tells ann bob's name (the workspace answer has ids only in this branch).
    await expect.poll(() => a.page.getByTestId('presence').locator('li').count()).toBe(2);
    await bell(0).waitFor();
  }, 120_000);

  it('ann mentions bob with the autocomplete; bob’s bell counts it within 1 s, no reload', async () => {
    await a.page.getByRole('link', { name: 'Hero copy' }).click();
    const drawer = a.page.getByRole('dialog', { name: 'Task' });
    const box = drawer.getByLabel('Comment', { exact: true });
    await box.pressSequentially('Please review, @Bo');
    const option = drawer.getByRole('option', { name: `@${bob.name}` });
    await option.waitFor();
    await box.press('Enter');
    await expect.poll(() => box.inputValue()).toBe(`Please review, @[${bob.name}](${bobId}) `);
    await box.pressSequentially('thanks!');
    // Timed in the browsers (one machine, one clock): ann's click → bob's bell label changing.
    await b.page.evaluate(() => {
      const w = window as unknown as { bellAt?: number };
      new MutationObserver((_, observer) => {
        if (!document.querySelector('[aria-label="Notifications, 1 unread"]')) return;
        w.bellAt = Date.now();
        observer.disconnect();
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    await a.page.evaluate(() => {
      const w = window as unknown as { clickAt?: number };
      document.addEventListener('click', () => (w.clickAt = Date.now()), {
        capture: true,
        once: true,
      });
    });
    await drawer.getByRole('button', { name: 'Comment', exact: true }).click();
    await bell(1).waitFor();
    const clickAt = await a.page.evaluate(() => (window as unknown as { clickAt: number }).clickAt);
    const bellAt = await b.page.evaluate(() => (window as unknown as { bellAt: number }).bellAt);
    const latency = bellAt - clickAt;
    console.log(`[inbox e2e] ann's click on Comment → bob's bell shows 1 unread: ${latency} ms`);
    expect(latency).toBeGreaterThan(0);
    await drawer
      .getByTestId('mention')
      .filter({ hasText: `@${bob.name}` })
      .waitFor();
    await expect
      .poll(() => drawer.getByTestId('comment-text').first().textContent())
      .toBe(`Please review, @${bob.name} thanks!`);
  }, 60_000);

  it('bob opens his inbox at 390 px, clicks the item, lands on the task; the count drops', async () => {
    await b.page.setViewportSize({ width: 390, height: 844 });
    await bell(1).click();
    const panel = b.page.getByRole('region', { name: 'Inbox' });
    const item = panel.getByTestId('inbox-item');
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.textContent()).toContain(`${ann.name} mentioned you on “Hero copy”`);
    const box = await panel.boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    mkdirSync(screenshots, { recursive: true });
    await b.page.screenshot({ path: join(screenshots, 'inbox-390.png') });
    await item.click();
    await b.page.waitForURL(/\/boards\/[0-9a-f-]{36}\/tasks\/[0-9a-f-]{36}$/);
    await b.page.getByRole('dialog', { name: 'Task' }).getByText('Hero copy').first().waitFor();
    await bell(0).waitFor();
    // It stays read: the server has it.
    await b.page.reload();
    await bell(0).waitFor();
  }, 60_000);
});
