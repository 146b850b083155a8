// The board's History in Chromium: pick an earlier moment, see the board as it was (read-only,
// the moment in the URL), step with the arrow keys, come back to live — at desktop and phone width.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type OpenBrowser, openBrowser, type Person, signUp } from './support/browser';
import { command } from './support/commands';
import { type System, startSystem } from './support/system';

const hana: Person = {
  name: 'Hana Historian',
  email: 'hana@example.test',
  password: 'correct horse battery 5',
};

const cardNamed = (page: Page, name: string) => page.locator(`section[aria-label="Card ${name}"]`);
const titles = async (page: Page) =>
  (await cardNamed(page, 'To do').getByTestId('task').allInnerTexts())
    .map((t) => t.split('\n')[0]!.trim())
    .sort();
const moment = (page: Page) => new URL(page.url()).searchParams.get('at');

async function eventually<T>(read: () => Promise<T>, expected: T, timeoutMs = 10_000) {
  await expect.poll(read, { timeout: timeoutMs, interval: 50 }).toEqual(expected);
}

describe.sequential('board history in Chromium', () => {
  let system: System;
  let a: OpenBrowser;

  beforeAll(async () => {
    system = await startSystem();
    a = await openBrowser();
  }, 240_000);

  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    await a?.page
      .screenshot({ path: join(tmpdir(), 'taskomask-e2e-failure-history.png') })
      .catch(() => {});
    console.error(`browser:\n${a?.errors.join('\n')}`);
  });

  afterAll(async () => {
    await a?.close();
    await system?.close();
  });

  it('shows the board as it was at a picked change, steps with arrows, back to live', async () => {
    const page = a.page;
    await signUp(page, system.web, hana);
    await page.getByLabel('Create workspace name').fill('Archive');
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await page.getByLabel('Create project name').fill('Past');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByLabel('Create board name').fill('Timeline');
    await page.getByRole('button', { name: 'Create board' }).click();
    await page.getByRole('link', { name: 'Timeline' }).click();
    await page.waitForURL(/\/boards\/[0-9a-f-]{36}$/);

    await page.getByLabel('Add card name').fill('To do');
    await page.getByLabel('Card type').selectOption('ToDo');
    await page.getByRole('button', { name: 'Add card' }).click();
    await cardNamed(page, 'To do').waitFor();
    for (const title of ['Alpha', 'Bravo', 'Charlie']) {
      await page.getByLabel('Add a task to To do').fill(title);
      await page.getByLabel('Add a task to To do').press('Enter');
      await eventually(async () => (await titles(page)).includes(title), true);
    }

    // Every quick add answered (no pending tile left) before anything else is written.
    await eventually(
      async () =>
        (
          await cardNamed(page, 'To do')
            .getByTestId('task')
            .getByRole('link')
            .evaluateAll((links) => links.map((l) => l.getAttribute('href') ?? ''))
        ).filter((href) => /\/tasks\/[0-9a-f-]{36}$/.test(href)).length,
      3,
    );
    // Alpha is renamed later: the past shows its old title, on the board and in its drawer.
    const alphaHref = await cardNamed(page, 'To do')
      .getByTestId('task')
      .getByRole('link', { name: 'Alpha' })
      .getAttribute('href');
    const alphaId = alphaHref!.split('/').at(-1)!;
    await command(page, 'PATCH', `/tasks/${alphaId}`, { title: 'Alpha renamed' });
    await eventually(() => titles(page), ['Alpha renamed', 'Bravo', 'Charlie']);

    await page.getByTestId('history-toggle').click();
    const changes = page.getByTestId('history-change');
    await eventually(async () => (await changes.allInnerTexts()).length >= 5, true);
    const texts = await changes.allInnerTexts();
    expect(texts[0]).toContain('You renamed the task "Alpha" to "Alpha renamed"');
    expect(texts[1]).toContain('You created the task "Charlie"');
    expect(texts.at(-1)).toContain('You created the board "Timeline"');

    // Pick the change that created Alpha: the board as it was then, read-only.
    await changes.filter({ hasText: 'created the task "Alpha"' }).click();
    await eventually(() => titles(page), ['Alpha']);
    const alphaAt = moment(page);
    expect(alphaAt).toMatch(/^\d+$/);
    await page
      .getByTestId('history-banner')
      .getByText(/^Viewing /)
      .waitFor();
    expect(await page.getByLabel('Add a task to To do').count()).toBe(0);
    expect(await page.getByRole('button', { name: '+ Add a card' }).count()).toBe(0);
    expect(await page.getByLabel('Add card name').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Card actions for To do' }).count()).toBe(0);
    expect(
      await changes.filter({ hasText: 'created the task "Alpha"' }).getAttribute('aria-current'),
    ).toBe('true');

    // Its task opens as it was then, read-only; closing keeps the moment.
    await cardNamed(page, 'To do').getByTestId('task').getByRole('link', { name: 'Alpha' }).click();
    const drawer = page.getByRole('dialog', { name: 'Task' });
    await drawer.getByTestId('task-title').getByText('Alpha', { exact: true }).waitFor();
    expect(new URL(page.url()).searchParams.get('at')).toBe(alphaAt);
    expect(await drawer.getByRole('button', { name: 'Delete' }).count()).toBe(0);
    await drawer.getByRole('link', { name: 'Close' }).click();
    await drawer.waitFor({ state: 'detached' });
    expect(moment(page)).toBe(alphaAt);
    await eventually(() => titles(page), ['Alpha']);

    // Arrow keys step through the changes: → newer, ← older.
    await page.keyboard.press('ArrowRight');
    await eventually(() => titles(page), ['Alpha', 'Bravo']);
    expect(Number(moment(page))).toBeGreaterThan(Number(alphaAt));
    await page.keyboard.press('ArrowLeft');
    await eventually(() => titles(page), ['Alpha']);
    expect(moment(page)).toBe(alphaAt);
    await page.keyboard.press('ArrowLeft');
    await eventually(async () => (await titles(page)).length, 0);

    // The moment is in the URL: the same link shows the same board.
    await page.goto(`${page.url().split('?')[0]}?at=${alphaAt}`);
    await eventually(() => titles(page), ['Alpha']);
    await page.getByTestId('history-banner').waitFor();

    // Phone width: the banner, the list and the board fit.
    await page.setViewportSize({ width: 390, height: 844 });
    const widths = await page.evaluate(() => ({
      doc: document.documentElement.scrollWidth,
      banner: document.querySelector('[data-testid="history-banner"]')!.getBoundingClientRect()
        .right,
      panel: document.querySelector('[data-testid="history-panel"]')!.getBoundingClientRect().right,
    }));
    expect(widths.doc).toBeLessThanOrEqual(390);
    expect(widths.banner).toBeLessThanOrEqual(390);
    expect(widths.panel).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.getByRole('button', { name: 'Back to live' }).click();
    await eventually(() => titles(page), ['Alpha renamed', 'Bravo', 'Charlie']);
    expect(moment(page)).toBeNull();
    expect(await page.getByTestId('history-banner').count()).toBe(0);
    await page.getByLabel('Add a task to To do').waitFor();
  }, 180_000);
});
