// The board as people expect it: columns managed from the board, a drag that looks right, the
// keyboard shortcuts and a filter that reads descriptions and comments.
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Dialog, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type OpenBrowser, openBrowser, type Person, signUp } from './support/browser';
import { type System, startSystem } from './support/system';

const screenshots = resolve(dirname(fileURLToPath(import.meta.url)), '../../../docs/screenshots');

const dana: Person = {
  name: 'Dana Planner',
  email: 'dana@example.test',
  password: 'correct horse battery 4',
};

const cardNamed = (page: Page, name: string) => page.locator(`section[aria-label="Card ${name}"]`);
const board = (page: Page) => page.getByTestId('board');
const cardOrder = (page: Page) =>
  page.getByTestId('card').evaluateAll((cards) => cards.map((c) => c.getAttribute('aria-label')));
const taskTitles = async (page: Page, card: string) =>
  (await cardNamed(page, card).getByTestId('task').allInnerTexts()).map((t) =>
    t.split('\n')[0]!.trim(),
  );
const visibleTitles = async (page: Page) =>
  (await page.getByTestId('task').allInnerTexts()).map((t) => t.split('\n')[0]!.trim()).sort();
/** Nothing focused: shortcuts then act on the board as a whole. */
const blur = (page: Page) =>
  page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
const focusedLabel = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? null);

async function eventually<T>(read: () => Promise<T>, expected: T, timeoutMs = 5_000) {
  await expect.poll(read, { timeout: timeoutMs, interval: 50 }).toEqual(expected);
}

async function addCard(page: Page, name: string, type: string) {
  const open = page.getByRole('button', { name: '+ Add a card' });
  if (await open.isVisible()) await open.click();
  await page.getByLabel('Add card name').fill(name);
  await page.getByLabel('Card type').selectOption(type);
  await page.getByRole('button', { name: 'Add card' }).click();
  await cardNamed(page, name).waitFor();
}

async function cardAction(page: Page, card: string, action: string) {
  await page.getByRole('button', { name: `Card actions for ${card}` }).click();
  await page.getByRole('menuitem', { name: action }).click();
}

/** Opens a task's drawer from its tile, runs `edit` in it, and closes it. */
async function inDrawer(
  page: Page,
  title: string,
  edit: (drawer: ReturnType<Page['getByRole']>) => Promise<void>,
) {
  await page.getByTestId('task').getByRole('link', { name: title }).click();
  const drawer = page.getByRole('dialog', { name: 'Task' });
  await drawer.waitFor();
  await edit(drawer);
  await page.getByRole('link', { name: 'Close' }).click();
  await drawer.waitFor({ state: 'detached' });
}

describe.sequential('the board in Chromium: columns, dragging, shortcuts, filter', () => {
  let system: System;
  let a: OpenBrowser;

  beforeAll(async () => {
    system = await startSystem();
    a = await openBrowser();
    mkdirSync(screenshots, { recursive: true });
  }, 240_000);

  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    await a?.page
      .screenshot({ path: join(tmpdir(), 'taskomask-e2e-failure-columns.png') })
      .catch(() => {});
    console.error(`browser:\n${a?.errors.join('\n')}`);
  });

  afterAll(async () => {
    await a?.close();
    await system?.close();
  });

  it('adds columns from the empty-board hint, renames one inline, reorders them', async () => {
    const page = a.page;
    await signUp(page, system.web, dana);
    await page.getByLabel('Create workspace name').fill('Planning');
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await page.getByLabel('Create project name').fill('Roadmap');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByLabel('Create board name').fill('Q1 plan');
    await page.getByRole('button', { name: 'Create board' }).click();
    await page.getByRole('link', { name: 'Q1 plan' }).click();
    await page.waitForURL(/\/boards\/[0-9a-f-]{36}$/);

    await page.getByText('No columns yet — add your first column').waitFor();
    await addCard(page, 'Backlog', 'Backlog');
    expect(await page.getByTestId('empty-board').count()).toBe(0);
    await addCard(page, 'Doing', 'Doing');
    await addCard(page, 'Done', 'Done');

    // Rename inline: Escape cancels, Enter saves.
    await page.getByRole('button', { name: 'Rename card Doing' }).click();
    await page.getByLabel('New name for card Doing').fill('Nope');
    await page.getByLabel('New name for card Doing').press('Escape');
    await cardNamed(page, 'Doing').getByRole('button', { name: 'Rename card Doing' }).waitFor();
    await cardAction(page, 'Doing', 'Rename');
    await page.getByLabel('New name for card Doing').fill('In progress');
    await page.getByLabel('New name for card Doing').press('Enter');
    await cardNamed(page, 'In progress').waitFor();

    // Reorder from the menu, by keyboard: Done one step left.
    await page.getByRole('button', { name: 'Card actions for Done' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menu').waitFor();
    await page.keyboard.press('ArrowDown'); // Move left (Move right is disabled at the edge)
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Move left');
    await page.screenshot({ path: join(screenshots, 'board-column-menu.png') });
    await page.keyboard.press('Enter');
    await eventually(() => cardOrder(page), ['Card Backlog', 'Card Done', 'Card In progress']);

    await page.reload();
    await eventually(() => cardOrder(page), ['Card Backlog', 'Card Done', 'Card In progress']);
  });

  it('adds tasks with n; deletes a column only once it is empty, saying so first', async () => {
    const page = a.page;
    // The quick-add field is there once the page knows Dana may edit (shortcuts too).
    await page.getByLabel('Add a task to Backlog').waitFor();
    await blur(page);
    for (const title of ['Alpha', 'Bravo', 'Charlie']) {
      await page.keyboard.press('n');
      expect(await focusedLabel(page)).toBe('Add a task to Backlog');
      // The key that focused the field did not land in it.
      expect(await page.getByLabel('Add a task to Backlog').inputValue()).toBe('');
      await page.keyboard.type(title);
      await page.keyboard.press('Enter');
      await eventually(async () => (await taskTitles(page, 'Backlog')).includes(title), true);
      await blur(page);
    }

    await cardAction(page, 'Backlog', 'Delete…');
    await page.getByRole('alert').getByText('Move or delete its 3 tasks first').waitFor();
    await page.getByRole('button', { name: 'OK' }).click();
    expect(await cardNamed(page, 'Backlog').count()).toBe(1);

    await cardAction(page, 'Done', 'Delete…');
    await page.getByText('Delete card “Done”? It holds no tasks.').waitFor();
    await page.getByRole('button', { name: 'Delete card' }).click();
    await eventually(() => cardOrder(page), ['Card Backlog', 'Card In progress']);
    await page.reload();
    await eventually(() => cardOrder(page), ['Card Backlog', 'Card In progress']);
  });

  it('drags a task as an overlay: the other tiles stay put and it lands where dropped', async () => {
    const page = a.page;
    await eventually(() => taskTitles(page, 'Backlog'), ['Alpha', 'Bravo', 'Charlie']);
    const tile = (title: string) => page.getByTestId('task').filter({ hasText: title });
    // Where the tiles sit in their list (what is above it may still settle after the reload).
    const inColumn = (title: string) =>
      tile(title).evaluate((t) => {
        const own = t.getBoundingClientRect();
        const list = t.closest('ol')!.getBoundingClientRect();
        return { x: own.x - list.x, y: own.y - list.y, height: own.height };
      });
    await page.getByRole('button', { name: 'Card actions for Backlog' }).waitFor();
    const before = await Promise.all(['Alpha', 'Bravo'].map(inColumn));
    const from = (await tile('Charlie').boundingBox())!;
    const to = (await cardNamed(page, 'In progress').locator('ol').boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2 + 12, from.y + from.height / 2, { steps: 4 });
    await page.mouse.move(to.x + to.width / 2, to.y + 30, { steps: 12 });

    const overlay = page.getByTestId('drag-overlay');
    await overlay.waitFor();
    // At the tile's own width, not stretched to the column or clipped by it.
    expect(Math.abs((await overlay.boundingBox())!.width - from.width)).toBeLessThan(2);
    await cardNamed(page, 'In progress').getByTestId('drop-indicator').waitFor();
    // The tiles left behind did not move, and the dragged one is still in its place.
    const during = await Promise.all(['Alpha', 'Bravo'].map(inColumn));
    expect(during).toEqual(before);
    expect(await taskTitles(page, 'Backlog')).toEqual(['Alpha', 'Bravo', 'Charlie']);
    await page.screenshot({ path: join(screenshots, 'board-drag.png') });
    await page.mouse.up();
    await eventually(() => taskTitles(page, 'In progress'), ['Charlie']);
    await overlay.waitFor({ state: 'detached' });

    // Dropped on the upper part of Charlie: Alpha lands before it.
    const alpha = (await tile('Alpha').boundingBox())!;
    const charlie = (await tile('Charlie').boundingBox())!;
    await page.mouse.move(alpha.x + alpha.width / 2, alpha.y + alpha.height / 2);
    await page.mouse.down();
    await page.mouse.move(alpha.x + alpha.width / 2 + 12, alpha.y + alpha.height / 2, {
      steps: 4,
    });
    await page.mouse.move(charlie.x + charlie.width / 2, charlie.y + 4, { steps: 12 });
    await tile('Charlie').getByTestId('drop-indicator').waitFor();
    await page.mouse.up();
    await eventually(() => taskTitles(page, 'In progress'), ['Alpha', 'Charlie']);
    await page.reload();
    await eventually(() => taskTitles(page, 'In progress'), ['Alpha', 'Charlie']);
    await eventually(() => taskTitles(page, 'Backlog'), ['Bravo']);
  });

  it('filters by words in a description, a label or a comment; markdown stays inert', async () => {
    const page = a.page;
    await inDrawer(page, 'Alpha', async (drawer) => {
      await drawer.getByLabel('Add label').fill('mango');
      await drawer.getByLabel('Add label').press('Enter');
      await drawer.getByText('mango').waitFor();
    });
    await inDrawer(page, 'Bravo', async (drawer) => {
      await drawer.getByRole('button', { name: 'Edit' }).first().click();
      await drawer
        .getByLabel('Description (markdown)')
        .fill(
          'Needs a zebra crossing.\n\n![site map](https://evil.example/x.png) [bad](javascript:alert(1))',
        );
      await drawer.getByRole('button', { name: 'Save description' }).click();
      const description = drawer.getByTestId('description');
      await description.getByText('[image: site map]').waitFor();
      expect(await description.locator('img').count()).toBe(0);
      expect(await description.locator('a').count()).toBe(0);
      await description.getByText('bad').waitFor();
    });
    await inDrawer(page, 'Charlie', async (drawer) => {
      await drawer.getByLabel('Comment', { exact: true }).fill('Ask about the kiwi budget');
      await drawer.getByRole('button', { name: 'Comment', exact: true }).click();
      await drawer
        .getByTestId('comment-text')
        .filter({ hasText: 'Ask about the kiwi budget' })
        .waitFor();
    });

    await blur(page);
    await page.keyboard.press('/');
    expect(await focusedLabel(page)).toBe('Filter by text');
    await page.keyboard.type('zebra');
    await eventually(() => visibleTitles(page), ['Bravo']);
    await page.getByLabel('Filter by text').fill('KIWI');
    await eventually(() => visibleTitles(page), ['Charlie']);
    await page.getByLabel('Filter by text').fill('mang');
    await eventually(() => visibleTitles(page), ['Alpha']);
    await page.getByLabel('Filter by text').fill('');
    await eventually(() => visibleTitles(page), ['Alpha', 'Bravo', 'Charlie']);
  });

  it('shows the shortcuts with ?, edits the open task’s title with e', async () => {
    const page = a.page;
    await blur(page);
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    await help.getByText('New task in the focused column').waitFor();
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden' });

    await page.getByTestId('task').getByRole('link', { name: 'Alpha' }).click();
    const drawer = page.getByRole('dialog', { name: 'Task' });
    await drawer.getByLabel('Title').waitFor();
    await blur(page);
    await page.keyboard.press('e');
    expect(await focusedLabel(page)).toBe('Title');
    await page.keyboard.type('Alpha one');
    await page.keyboard.press('Enter');
    await eventually(async () => (await taskTitles(page, 'In progress'))[0], 'Alpha one');
    await page.getByRole('link', { name: 'Close' }).click();
    await drawer.waitFor({ state: 'detached' });
  });

  it('adds with n to the column holding focus; Del deletes the focused task after asking', async () => {
    const page = a.page;
    const link = (title: string) => page.getByTestId('task').getByRole('link', { name: title });
    await link('Charlie').focus();
    await page.keyboard.press('n');
    expect(await focusedLabel(page)).toBe('Add a task to In progress');
    await page.keyboard.type('Delta');
    await page.keyboard.press('Enter');
    await eventually(() => taskTitles(page, 'In progress'), ['Alpha one', 'Charlie', 'Delta']);

    // The confirm names the task; declining keeps it.
    const asked: string[] = [];
    let answer = false;
    const onDialog = (dialog: Dialog) => {
      asked.push(`${dialog.type()}: ${dialog.message()}`);
      void (answer ? dialog.accept() : dialog.dismiss());
    };
    page.on('dialog', onDialog);
    try {
      await link('Delta').focus();
      await page.keyboard.press('Delete');
      await eventually(async () => asked, ['confirm: Delete task “Delta”?']);
      expect(await taskTitles(page, 'In progress')).toEqual(['Alpha one', 'Charlie', 'Delta']);

      answer = true;
      await link('Delta').focus();
      await page.keyboard.press('Delete');
      await eventually(async () => asked.length, 2);
      await eventually(() => taskTitles(page, 'In progress'), ['Alpha one', 'Charlie']);
    } finally {
      page.off('dialog', onDialog);
    }
    await page.reload();
    await eventually(() => taskTitles(page, 'In progress'), ['Alpha one', 'Charlie']);
  });

  it('looks right at phone width too: the column menu and a drag in progress', async () => {
    const page = a.page;
    await page.setViewportSize({ width: 390, height: 800 });
    await page.getByRole('button', { name: 'Card actions for Backlog' }).click();
    await page.getByRole('menu').waitFor();
    await page.screenshot({ path: join(screenshots, 'board-column-menu-390.png') });
    await page.keyboard.press('Escape');
    await page.getByRole('menu').waitFor({ state: 'detached' });

    const bravo = (await page.getByTestId('task').filter({ hasText: 'Bravo' }).boundingBox())!;
    await page.mouse.move(bravo.x + bravo.width / 2, bravo.y + bravo.height / 2);
    await page.mouse.down();
    await page.mouse.move(bravo.x + bravo.width / 2 + 20, bravo.y + 80, { steps: 8 });
    await page.getByTestId('drag-overlay').waitFor();
    await page.screenshot({ path: join(screenshots, 'board-drag-390.png') });
    // Held near the right edge, the board scrolls sideways towards the next column.
    const left = await board(page).evaluate((b) => b.scrollLeft);
    await page.mouse.move(384, bravo.y + 80, { steps: 8 });
    await eventually(
      async () => (await board(page).evaluate((b) => b.scrollLeft)) > left + 100,
      true,
    );
    await page.keyboard.press('Escape');
    await page.mouse.up();
    await page.getByTestId('drag-overlay').waitFor({ state: 'detached' });
    await eventually(() => taskTitles(page, 'Backlog'), ['Bravo']);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('scrolls the page down while a task is dragged near the bottom of a long column', async () => {
    const page = a.page;
    await page.evaluate(() => window.scrollTo(0, 0));
    const add = page.getByLabel('Add a task to Backlog');
    const titles = Array.from({ length: 14 }, (_, i) => `Echo ${i + 1}`);
    for (const title of titles) {
      await add.fill(title);
      await add.press('Enter');
    }
    await eventually(async () => (await taskTitles(page, 'Backlog')).length, 15);
    // Columns grow with their tasks and the page scrolls; it starts at the top.
    await page.evaluate(() => window.scrollTo(0, 0));
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    const viewport = page.viewportSize()!;

    const bravo = (await page.getByTestId('task').filter({ hasText: 'Bravo' }).boundingBox())!;
    await page.mouse.move(bravo.x + bravo.width / 2, bravo.y + bravo.height / 2);
    await page.mouse.down();
    await page.mouse.move(bravo.x + bravo.width / 2 + 12, bravo.y + bravo.height / 2, {
      steps: 4,
    });
    await page.getByTestId('drag-overlay').waitFor();
    await page.mouse.move(bravo.x + bravo.width / 2, viewport.height - 6, { steps: 12 });
    await eventually(async () => (await page.evaluate(() => window.scrollY)) > 50, true);
    await page.keyboard.press('Escape');
    await page.mouse.up();
    await page.getByTestId('drag-overlay').waitFor({ state: 'detached' });
    expect((await taskTitles(page, 'Backlog'))[0]).toBe('Bravo');
  });
});
