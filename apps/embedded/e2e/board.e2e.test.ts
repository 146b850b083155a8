import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type OpenBrowser, openBrowser, type Person, signIn, signUp } from './support/browser';
import { acceptInvitation, inviteByEmail } from './support/people';
import { type System, startSystem } from './support/system';

const screenshots = resolve(dirname(fileURLToPath(import.meta.url)), '../../../docs/screenshots');

const alice: Person = {
  name: 'Alice Owner',
  email: 'alice@example.test',
  password: 'correct horse battery 1',
};
const bob: Person = {
  name: 'Bob Member',
  email: 'bob@example.test',
  password: 'correct horse battery 2',
};
const carol: Person = {
  name: 'Carol Viewer',
  email: 'carol@example.test',
  password: 'correct horse battery 3',
};

const cardNamed = (page: Page, name: string) => page.locator(`section[aria-label="Card ${name}"]`);
const taskTitles = async (page: Page, card: string) =>
  (await cardNamed(page, card).getByTestId('task').allInnerTexts()).map((t) =>
    t.split('\n')[0]!.trim(),
  );

/** Two frames: the board re-rendered and dnd-kit measured after a key. */
const frames = (page: Page) =>
  page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/** Keyboard drag: pick up by the handle, press `keys` (until `done` holds, if given), drop. */
async function keyboardDrag(
  page: Page,
  handle: string,
  keys: string[],
  done?: () => Promise<boolean>,
) {
  await page.getByRole('button', { name: handle }).focus();
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: handle, pressed: true }).waitFor();
  // dnd-kit measures the picked-up item in the frames after it renders it as dragged.
  await frames(page);
  for (const key of keys) {
    if (done && (await done())) break;
    await page.keyboard.press(key);
    await frames(page);
  }
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: handle, pressed: true }).waitFor({ state: 'detached' });
}

/** Polls until `read` gives `expected` (deep-equal) or the deadline passes. */
async function eventually<T>(
  read: () => Promise<T>,
  expected: T,
  timeoutMs = 5_000,
): Promise<void> {
  await expect.poll(read, { timeout: timeoutMs, interval: 50 }).toEqual(expected);
}

// One system for the whole file: the flow of a team, step by step. Steps depend on earlier ones.
describe.sequential('the web app in Chromium', () => {
  let system: System;
  let a: OpenBrowser;
  let b: OpenBrowser;
  let c: OpenBrowser | undefined;
  let boardUrl = '';
  let workspaceUrl = '';

  beforeAll(async () => {
    system = await startSystem();
    [a, b] = await Promise.all([openBrowser(), openBrowser()]);
  }, 240_000);

  // A failing step leaves pictures of both browsers behind, to see what the person saw.
  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    await a?.page
      .screenshot({ path: join(tmpdir(), 'taskomask-e2e-failure-a.png') })
      .catch(() => {});
    await b?.page
      .screenshot({ path: join(tmpdir(), 'taskomask-e2e-failure-b.png') })
      .catch(() => {});
    console.error(`browser A:\n${a?.errors.join('\n')}\nbrowser B:\n${b?.errors.join('\n')}`);
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await c?.close();
    await system?.close();
  });

  it('signs up, signs out and signs in again through the real provider', async () => {
    await signUp(a.page, system.web, alice);
    await a.page.getByText(`Hello ${alice.name}`).waitFor();
    // Sign-out ends the provider session too, without a second question, back to the landing.
    await a.page.getByRole('button', { name: 'Sign out' }).click();
    await a.page.waitForURL(`${system.web}/`);
    await a.page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect((await a.context.request.get(`${system.web}/api/q/workspaces`)).status()).toBe(401);
    await signIn(a.page, system.web, alice);
    await a.page.getByText(`Hello ${alice.name}`).waitFor();
  });

  it('creates a workspace, a project, a board, cards and tasks', async () => {
    const page = a.page;
    await page.getByLabel('Create workspace name').fill('Acme team');
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await page.waitForURL(/\/workspaces\/[0-9a-f-]{36}$/);
    workspaceUrl = page.url();
    await page.getByRole('heading', { name: 'Acme team' }).waitFor();
    await page.getByLabel('Create project name').fill('Website');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('heading', { name: 'Website' }).waitFor();
    await page.getByLabel('Create board name').fill('Sprint 1');
    await page.getByRole('button', { name: 'Create board' }).click();
    await page.getByRole('link', { name: 'Sprint 1' }).click();
    await page.waitForURL(/\/boards\/[0-9a-f-]{36}$/);
    boardUrl = page.url();
    for (const [name, type] of [
      ['To do', 'ToDo'],
      ['Doing', 'Doing'],
      ['Done', 'Done'],
    ] as const) {
      const addCard = page.getByRole('button', { name: '+ Add a card' });
      if (await addCard.isVisible()) await addCard.click();
      await page.getByLabel('Add card name').fill(name);
      await page.getByLabel('Card type').selectOption(type);
      await page.getByRole('button', { name: 'Add card' }).click();
      await cardNamed(page, name).waitFor();
    }
    for (const title of ['Write copy', 'Design hero', 'Ship it']) {
      await page.getByLabel('Add a task to To do').fill(title);
      await page.getByLabel('Add a task to To do').press('Enter');
      await eventually(async () => (await taskTitles(page, 'To do')).includes(title), true);
    }
    await eventually(() => taskTitles(page, 'To do'), ['Write copy', 'Design hero', 'Ship it']);
    await eventually(
      async () => (await cardNamed(page, 'To do').getByTestId('wip').textContent())?.trim(),
      '3',
    );
  });

  it('reorders with the keyboard, drags a task to another card with the mouse and with the keyboard, and reorders cards', async () => {
    const page = a.page;
    // Keyboard reorder within a card: pick up, one up, drop.
    await keyboardDrag(page, 'Move task Ship it', ['ArrowUp']);
    await eventually(() => taskTitles(page, 'To do'), ['Write copy', 'Ship it', 'Design hero']);

    // Mouse: drag "Write copy" onto the Doing card.
    const source = cardNamed(page, 'To do').getByTestId('task').filter({ hasText: 'Write copy' });
    const from = (await source.boundingBox())!;
    const to = (await cardNamed(page, 'Doing').locator('ol').boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2 + 12, from.y + from.height / 2, { steps: 4 });
    await page.mouse.move(to.x + to.width / 2, to.y + 30, { steps: 12 });
    await page.mouse.up();
    await eventually(() => taskTitles(page, 'Doing'), ['Write copy']);

    // Keyboard: carry "Design hero" right until it is over Done, then drop.
    await keyboardDrag(
      page,
      'Move task Design hero',
      ['ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowRight'],
      // Tiles stay in place while dragging; the drop line shows where it would land.
      async () => (await cardNamed(page, 'Done').getByTestId('drop-indicator').count()) > 0,
    );
    await eventually(() => taskTitles(page, 'Done'), ['Design hero']);

    // Reorder cards: Done one step left.
    await keyboardDrag(page, 'Move card Done', ['ArrowLeft']);
    const cardOrder = () =>
      page
        .getByTestId('card')
        .evaluateAll((cards) => cards.map((c) => c.getAttribute('aria-label')));
    await eventually(cardOrder, ['Card To do', 'Card Done', 'Card Doing']);

    // The server kept every move: a fresh load shows the same board.
    await page.reload();
    await eventually(() => taskTitles(page, 'To do'), ['Ship it']);
    await eventually(() => taskTitles(page, 'Doing'), ['Write copy']);
    await eventually(() => taskTitles(page, 'Done'), ['Design hero']);
    await eventually(cardOrder, ['Card To do', 'Card Done', 'Card Doing']);
  });

  it('edits a task in its drawer (its own URL) and comments on it', async () => {
    const page = a.page;
    await cardNamed(page, 'Doing').getByRole('link', { name: 'Write copy' }).click();
    await page.waitForURL(/\/boards\/[0-9a-f-]{36}\/tasks\/[0-9a-f-]{36}$/);
    const drawer = page.getByRole('dialog', { name: 'Task' });
    await drawer.getByLabel('Title').fill('Write landing copy');
    await drawer.getByLabel('Title').press('Enter');
    await drawer.getByLabel('Assignee').selectOption({ label: 'You' });
    await drawer.getByLabel('Due date').fill('2030-01-15');
    await drawer.getByLabel('Add label').fill('seo');
    await drawer.getByLabel('Add label').press('Enter');
    await drawer.getByLabel('Add checklist item').fill('Draft');
    await drawer.getByLabel('Add checklist item').press('Enter');
    const draft = drawer.getByRole('checkbox', { name: 'Draft' });
    await draft.click();
    await eventually(() => draft.isChecked(), true);
    await drawer.getByRole('button', { name: 'Edit' }).first().click();
    await drawer
      .getByLabel('Description (markdown)')
      .fill('## Plan\n\nWrite **bold** copy.\n\n- hero\n- pricing');
    await drawer.getByRole('button', { name: 'Save description' }).click();
    await drawer.locator('[data-testid="description"] strong', { hasText: 'bold' }).waitFor();
    await drawer.getByLabel('Comment', { exact: true }).fill('Looks good');
    await drawer.getByRole('button', { name: 'Comment', exact: true }).click();
    await drawer.getByText('Looks good').waitFor();
    await drawer.getByLabel('Comment', { exact: true }).fill('To be removed');
    await drawer.getByRole('button', { name: 'Comment', exact: true }).click();
    const removable = drawer.getByTestId('comment').filter({ hasText: 'To be removed' });
    await removable.getByRole('button', { name: 'Delete' }).click();
    await removable.waitFor({ state: 'detached' });
    await drawer
      .getByTestId('comment')
      .filter({ hasText: 'Looks good' })
      .getByRole('button', { name: 'Edit' })
      .click();
    const editing = drawer.getByTestId('comment').filter({ has: page.getByLabel('Edit comment') });
    await editing.getByLabel('Edit comment').fill('Looks great');
    await editing.getByRole('button', { name: 'Save' }).click();
    await drawer.getByTestId('comment-text').filter({ hasText: 'Looks great' }).waitFor();

    // Everything was stored: reload the task's own URL.
    await page.reload();
    const fresh = page.getByRole('dialog', { name: 'Task' });
    await eventually(() => fresh.getByLabel('Title').inputValue(), 'Write landing copy');
    await eventually(() => fresh.getByLabel('Due date').inputValue(), '2030-01-15');
    await fresh.getByRole('checkbox', { name: 'Draft' }).waitFor();
    expect(await fresh.getByRole('checkbox', { name: 'Draft' }).isChecked()).toBe(true);
    await fresh.getByText('seo').first().waitFor();
    await fresh.getByText('renamed the task "Write copy" to "Write landing copy"').waitFor();
    await fresh.getByTestId('comment-text').filter({ hasText: 'Looks great' }).waitFor();
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, 'task.png') });
    // The board's tile shows the label, checklist and assignee.
    await page.getByRole('link', { name: 'Close' }).click();
    await page.waitForURL(boardUrl);
    const tile = cardNamed(page, 'Doing')
      .getByTestId('task')
      .filter({ hasText: 'Write landing copy' });
    await tile.getByText('1/1').waitFor();
  });

  it('keeps an outsider out: a board URL answers not found', async () => {
    await signUp(b.page, system.web, bob);
    await b.page.goto(boardUrl);
    await b.page.getByRole('heading', { name: 'Not found' }).waitFor();
    expect(await b.page.getByText('Sprint 1').count()).toBe(0);
    const boardId = boardUrl.split('/').at(-1);
    expect((await b.context.request.get(`${system.web}/api/q/boards/${boardId}`)).status()).toBe(
      404,
    );
  });

  it('shows one member’s change in another member’s browser within 1 s, without reload', async () => {
    await inviteByEmail(a.page, workspaceUrl, bob.email, 'member');
    await acceptInvitation(b.page, system.web, 'Acme team');
    await a.page.goto(workspaceUrl);
    await a.page.getByLabel(/^Role of /).waitFor();
    await Promise.all([a.page.goto(boardUrl), b.page.goto(boardUrl)]);
    for (const page of [a.page, b.page]) {
      await page.locator('[data-testid="live-status"][data-status="live"]').waitFor();
    }
    // Presence: each sees both avatars.
    await eventually(() => a.page.getByTestId('presence').locator('li').count(), 2);

    await a.page.getByLabel('Add a task to To do').fill('Realtime hello');
    await a.page.getByLabel('Add a task to To do').press('Enter');
    await cardNamed(b.page, 'To do').getByText('Realtime hello').waitFor({ timeout: 1_000 });

    await keyboardDrag(b.page, 'Move task Ship it', ['ArrowDown']);
    await eventually(() => taskTitles(b.page, 'To do'), ['Realtime hello', 'Ship it'], 1_000);
    await eventually(() => taskTitles(a.page, 'To do'), ['Realtime hello', 'Ship it'], 1_000);
    mkdirSync(screenshots, { recursive: true });
    await a.page.screenshot({ path: join(screenshots, 'board.png') });
  });

  it('shows a viewer no edit controls, and refuses their forced request', async () => {
    c = await openBrowser();
    await signUp(c.page, system.web, carol);
    await inviteByEmail(a.page, workspaceUrl, carol.email, 'viewer');
    await acceptInvitation(c.page, system.web, 'Acme team');
    await a.page.goto(workspaceUrl);
    await eventually(() => a.page.getByLabel(/^Role of /).count(), 2);
    await c.page.goto(boardUrl);
    await c.page.getByText('View only').waitFor();
    await cardNamed(c.page, 'To do').getByText('Ship it').waitFor();
    expect(await c.page.getByLabel(/^Add a task to/).count()).toBe(0);
    expect(await c.page.getByRole('button', { name: /^Move (task|card)/ }).count()).toBe(0);
    expect(await c.page.getByRole('button', { name: '+ Add a card' }).count()).toBe(0);
    await cardNamed(c.page, 'Doing').getByRole('link', { name: 'Write landing copy' }).click();
    const drawer = c.page.getByRole('dialog', { name: 'Task' });
    await drawer.getByTestId('task-title').waitFor();
    expect(await drawer.getByLabel('Title').count()).toBe(0);
    expect(await drawer.getByLabel('Comment', { exact: true }).count()).toBe(0);
    expect(await drawer.getByRole('button', { name: 'Delete' }).count()).toBe(0);
    // A viewer sees the parts with something in them, and no empty ones they cannot fill.
    for (const part of ['Description', 'Checklist', 'Comments']) {
      expect(await drawer.getByRole('region', { name: part }).count()).toBe(1);
    }
    await c.page.getByRole('link', { name: 'Close' }).click();
    await drawer.waitFor({ state: 'detached' });
    await cardNamed(c.page, 'To do').getByRole('link', { name: 'Ship it' }).click();
    await drawer.getByTestId('task-title').getByText('Ship it').waitFor();
    await drawer.getByRole('region', { name: 'Activity' }).waitFor();
    for (const part of ['Description', 'Checklist', 'Comments']) {
      expect(await drawer.getByRole('region', { name: part }).count()).toBe(0);
    }
    for (const field of ['Assignee', 'Due date', 'Labels']) {
      expect(await drawer.getByText(field, { exact: true }).count()).toBe(0);
    }
    expect(await drawer.getByText('None', { exact: true }).count()).toBe(0);
    await c.page.getByRole('link', { name: 'Close' }).click();
    await drawer.waitFor({ state: 'detached' });
    const cardId = await cardNamed(c.page, 'To do').getAttribute('data-card-id');
    const boardId = boardUrl.split('/').at(-1);
    const status = await c.page.evaluate(
      async ({ boardId, cardId }) =>
        (
          await fetch(`/api/cmd/boards/${boardId}/tasks`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ cardId, title: 'Sneaky viewer task' }),
          })
        ).status,
      { boardId, cardId },
    );
    expect(status).toBe(403);
  });

  it('keeps <script> and <img onerror> payloads inert in a title, a description and a comment', {
    timeout: 60_000,
  }, async () => {
    const page = a.page;
    // Titles are at most 50 characters.
    const title = '<img src=x onerror=__pwned=1><script>__pwned=2';
    await page.goto(boardUrl);
    await page.getByLabel('Add a task to To do').fill(title);
    await page.getByLabel('Add a task to To do').press('Enter');
    const link = cardNamed(page, 'To do').getByRole('link', { name: title });
    await eventually(
      async () => /\/tasks\/[0-9a-f-]{36}$/.test((await link.getAttribute('href')) ?? ''),
      true,
    );
    await link.click();
    const drawer = page.getByRole('dialog', { name: 'Task' });
    await drawer.getByRole('button', { name: 'Edit' }).first().click();
    await drawer
      .getByLabel('Description (markdown)')
      .fill(
        '<script>window.__pwned=3</script>\n\n<img src=x onerror="window.__pwned=4">\n\n[click](javascript:window.__pwned=5)',
      );
    await drawer.getByRole('button', { name: 'Save description' }).click();
    await drawer.getByTestId('description').waitFor();
    await drawer
      .getByLabel('Comment', { exact: true })
      .fill('<img src=x onerror="window.__pwned=6"><script>window.__pwned=7</script>');
    await drawer.getByRole('button', { name: 'Comment', exact: true }).click();
    await drawer
      .getByTestId('comment-text')
      .filter({ hasText: '<script>window.__pwned=7</script>' })
      .waitFor();
    // The other member sees the same page; nothing ran in either browser.
    await b.page.goto(page.url());
    await b.page
      .getByRole('dialog', { name: 'Task' })
      .getByTestId('comment-text')
      .filter({ hasText: 'window.__pwned=6' })
      .waitFor();
    for (const p of [page, b.page]) {
      expect(await p.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
      expect(await p.locator('img').count()).toBe(0);
      expect(await p.locator('a[href^="javascript:"]').count()).toBe(0);
      expect(await p.locator('script:text("__pwned")').count()).toBe(0);
    }
  });
});
