import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { memberIdOf, type OpenBrowser, openBrowser, type Person, signUp } from './support/browser';
import { command } from './support/commands';
import { type System, startSystem } from './support/system';

const docs = resolve(dirname(fileURLToPath(import.meta.url)), '../../../docs/screenshots');
const shots = mkdtempSync(join(tmpdir(), 'taskomask-phone-'));

// Names as long as the contracts allow, without a single break opportunity ("W" is the widest).
const wide = (prefix: string, length = 50) => `${prefix}${'W'.repeat(length - prefix.length)}`;
const workspaceName = wide('Ws');
const projectName = wide('Pr');
const boardName = wide('Bd');
const cardNames = [wide('Cd'), 'Doing', 'Done'];
const taskTitles = [wide('Tk'), wide('Tl'), 'Short one'];
const label = wide('Lb', 30);

// The first account of a fresh system is the admin.
const ada: Person = {
  name: wide('Ada', 40),
  email: 'ada@example.test',
  password: 'correct horse battery 1',
};
const bob: Person = {
  name: wide('Bob', 40),
  email: 'bob@example.test',
  password: 'correct horse battery 2',
};

type Fit = { width: number; doc: number; body: number; offenders: string[] };

/**
 * How wide the page is against the window, and which visible elements stick out of it or scroll
 * sideways — except the board's columns, which scroll inside their own container.
 */
function measure(page: Page): Promise<Fit> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const board = document.querySelector('[data-testid="board"]');
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}#${el.id}.${String(el.className).slice(0, 60)} "${(el.textContent ?? '').slice(0, 30)}"`;
    // An element inside a clipping ancestor (truncate, overflow-hidden) is cut, not overflowing.
    const clipped = (el: Element) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        if (getComputedStyle(p).overflowX !== 'visible') return true;
      }
      return false;
    };
    const offenders: string[] = [];
    for (const el of document.body.querySelectorAll('*')) {
      if (board && board !== el && board.contains(el)) continue;
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      // Zero-size and 1-px visually hidden helpers (screen-reader text, live regions) are no content.
      if (box.width <= 1 || box.height <= 1 || style.visibility === 'hidden') continue;
      if ((box.right > width + 0.5 || box.left < -0.5) && !clipped(el)) offenders.push(name(el));
      const scrolls = style.overflowX === 'auto' || style.overflowX === 'scroll';
      if (el !== board && scrolls && el.scrollWidth > el.clientWidth + 1) {
        offenders.push(`scrolls sideways: ${name(el)}`);
      }
    }
    return {
      width,
      doc: document.documentElement.scrollWidth,
      body: document.body.scrollWidth,
      offenders: offenders.slice(0, 8),
    };
  });
}

async function expectFits(page: Page, what: string) {
  const fit = await measure(page);
  expect(fit.offenders, `${what} at ${fit.width}px`).toEqual([]);
  expect(fit.doc, `${what}: document width at ${fit.width}px`).toBeLessThanOrEqual(fit.width);
  expect(fit.body, `${what}: body width at ${fit.width}px`).toBeLessThanOrEqual(fit.width);
}

describe.sequential('every page at phone width (360 and 390 px)', () => {
  let system: System;
  let a: OpenBrowser;
  let b: OpenBrowser;
  let guest: OpenBrowser;
  const ids = { workspace: '', board: '', task: '' };

  beforeAll(async () => {
    system = await startSystem();
    [a, b, guest] = await Promise.all([openBrowser(), openBrowser(), openBrowser()]);
  }, 240_000);

  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    await a?.page.screenshot({ path: join(shots, 'failure-a.png') }).catch(() => {});
    await guest?.page.screenshot({ path: join(shots, 'failure-guest.png') }).catch(() => {});
    console.error(`screenshots in ${shots}\nbrowser A:\n${a?.errors.join('\n')}`);
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await guest?.close();
    await system?.close();
  });

  it('sets up an admin, a workspace with long names, a board with tasks, and a second member', async () => {
    await signUp(a.page, system.web, ada);
    await signUp(b.page, system.web, bob);
    const adaId = await memberIdOf(a.page, system.web);
    const bobId = await memberIdOf(b.page, system.web);
    const page = a.page;
    const longText = 'D'.repeat(100);
    ids.workspace = (
      await command(page, 'POST', '/workspaces', { name: workspaceName, description: longText })
    ).id!;
    await command(page, 'POST', `/workspaces/${ids.workspace}/members`, {
      ownerId: bobId,
      role: 'member',
    });
    const project = await command(page, 'POST', `/workspaces/${ids.workspace}/projects`, {
      name: projectName,
      description: longText,
    });
    ids.board = (
      await command(page, 'POST', `/workspaces/${ids.workspace}/projects/${project.id}/boards`, {
        name: boardName,
      })
    ).id!;
    const cards: string[] = [];
    for (const name of cardNames) {
      cards.push(
        (await command(page, 'POST', `/boards/${ids.board}/cards`, { name, type: 'ToDo' })).id!,
      );
    }
    for (const title of taskTitles) {
      const task = await command(page, 'POST', `/boards/${ids.board}/tasks`, {
        cardId: cards[0],
        title,
      });
      ids.task ||= task.id!;
      await command(page, 'PATCH', `/tasks/${task.id}`, {
        assigneeId: adaId,
        dueDate: '2030-01-31',
      });
      await command(page, 'POST', `/tasks/${task.id}/labels`, { label });
    }
    await command(page, 'PATCH', `/tasks/${ids.task}`, {
      description: `See https://example.test/${'p'.repeat(120)} and ${'Q'.repeat(150)}`,
    });
    await command(page, 'POST', `/tasks/${ids.task}/comments`, { text: 'C'.repeat(300) });
  }, 120_000);

  /** Each signed-in page, and what shows once it has its data. */
  const pages: { name: string; path: () => string; ready: (page: Page) => Promise<void> }[] = [
    {
      name: 'workspaces',
      path: () => '/workspaces',
      ready: (page) => page.getByText(workspaceName).first().waitFor(),
    },
    {
      name: 'workspace',
      path: () => `/workspaces/${ids.workspace}`,
      ready: (page) => page.getByRole('link', { name: boardName }).waitFor(),
    },
    {
      name: 'board',
      path: () => `/boards/${ids.board}`,
      ready: async (page) => {
        await page.getByTestId('task').filter({ hasText: 'Short one' }).waitFor();
        await page
          .getByRole('navigation', { name: 'Breadcrumb' })
          .getByText(workspaceName)
          .waitFor();
        await page.locator('[data-testid="live-status"][data-status="live"]').waitFor();
      },
    },
    {
      name: 'task',
      path: () => `/boards/${ids.board}/tasks/${ids.task}`,
      ready: (page) =>
        page.getByRole('dialog', { name: 'Task' }).getByText('C'.repeat(300)).waitFor(),
    },
    {
      name: 'my-tasks',
      path: () => '/me/tasks',
      ready: (page) => page.getByText(taskTitles[1]!).waitFor(),
    },
    {
      name: 'profile',
      path: () => '/profile',
      ready: (page) => page.getByTestId('member-id').waitFor(),
    },
    {
      name: 'admin',
      path: () => '/admin',
      ready: (page) => page.getByRole('row', { name: bob.name }).waitFor(),
    },
    {
      name: 'admin-workspaces',
      path: () => '/admin/workspaces',
      ready: (page) => page.getByRole('link', { name: new RegExp(workspaceName) }).waitFor(),
    },
    {
      name: 'admin-workspace',
      path: () => `/admin/workspaces/${ids.workspace}`,
      ready: (page) => page.getByRole('heading', { name: `${workspaceName}: members` }).waitFor(),
    },
  ];

  for (const width of [360, 390]) {
    it(`fits every signed-in page at ${width} px`, async () => {
      await a.page.setViewportSize({ width, height: 844 });
      for (const p of pages) {
        await a.page.goto(`${system.web}${p.path()}`);
        await p.ready(a.page);
        await expectFits(a.page, p.name);
        if (width === 360)
          await a.page.screenshot({ path: join(shots, `${p.name}.png`), fullPage: true });
      }
    }, 180_000);

    it(`fits the landing, sign-in and sign-up pages at ${width} px`, async () => {
      const page = guest.page;
      await page.setViewportSize({ width, height: 844 });
      await page.goto(system.web);
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      await expectFits(page, 'landing');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByLabel('Password').waitFor();
      await expectFits(page, 'identity sign-in');
      await page.getByRole('link', { name: 'Create an account' }).click();
      await page.getByLabel('Display name').waitFor();
      await expectFits(page, 'identity sign-up');
      if (width === 360) await page.screenshot({ path: join(shots, 'sign-up.png') });
    }, 60_000);
  }

  it('scrolls the board inside its columns container, never the page', async () => {
    const page = a.page;
    await page.setViewportSize({ width: 360, height: 844 });
    await page.goto(`${system.web}/boards/${ids.board}`);
    await pages[2]!.ready(page);
    const scroll = await page.getByTestId('board').evaluate((board) => {
      const before = board.scrollLeft;
      board.scrollLeft = board.scrollWidth;
      return {
        overflowX: getComputedStyle(board).overflowX,
        wider: board.scrollWidth > board.clientWidth,
        moved: board.scrollLeft - before,
        windowX: window.scrollX,
      };
    });
    expect(scroll).toMatchObject({ overflowX: 'auto', wider: true, windowX: 0 });
    expect(scroll.moved).toBeGreaterThan(0);
    await expectFits(page, 'board scrolled');
  });

  it('collapses the top bar into a menu that keeps "Sign out", with room for a 40-px bell', async () => {
    const page = a.page;
    await page.setViewportSize({ width: 360, height: 844 });
    await page.goto(`${system.web}/workspaces`);
    await pages[0]!.ready(page);
    const main = page.getByRole('navigation', { name: 'Main' });
    const menu = page.getByRole('button', { name: 'Menu' });
    const signOut = page.getByRole('button', { name: 'Sign out' });
    expect(await main.getByRole('link', { name: 'My tasks' }).isVisible()).toBe(false);
    expect(await signOut.isVisible()).toBe(false);

    await menu.click();
    await signOut.waitFor();
    const box = (await signOut.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(360);
    await expectFits(page, 'top bar menu');
    mkdirSync(docs, { recursive: true });
    await page.screenshot({ path: join(docs, 'phone-top-bar.png') });
    await page.keyboard.press('Escape');
    await signOut.waitFor({ state: 'hidden' });

    // The inbox bell will be a 40-px icon button before the profile link.
    await main.evaluate((nav) => {
      const bell = document.createElement('button');
      bell.setAttribute('aria-label', 'Inbox (test stand-in)');
      bell.style.cssText = 'width:40px;height:40px;flex-shrink:0;outline:2px dashed currentColor';
      nav.insertBefore(bell, nav.querySelector('a[aria-label="Profile"]'));
    });
    await expectFits(page, 'top bar with a bell');
    await page.screenshot({ path: join(shots, 'top-bar-bell.png') });
    for (const width of [640, 768]) {
      await page.setViewportSize({ width, height: 844 });
      await expectFits(page, 'the wider top bar with a bell');
      // One row: no link wraps onto a second line.
      expect((await main.boundingBox())!.height, `top bar at ${width}px`).toBeLessThan(60);
    }
    await page.setViewportSize({ width: 360, height: 844 });

    // Following a link from the menu closes it.
    await menu.click();
    await page.getByRole('link', { name: 'My tasks' }).click();
    await page.waitForURL(`${system.web}/me/tasks`);
    await signOut.waitFor({ state: 'hidden' });
  }, 60_000);

  it('looks right in dark mode too', async () => {
    const page = a.page;
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.setViewportSize({ width: 360, height: 844 });
    for (const p of pages.slice(0, 4)) {
      await page.goto(`${system.web}${p.path()}`);
      await p.ready(page);
      await expectFits(page, `${p.name} (dark)`);
      await page.screenshot({ path: join(shots, `${p.name}-dark.png`), fullPage: true });
    }
    await page.goto(`${system.web}/workspaces`);
    await pages[0]!.ready(page);
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.screenshot({ path: join(shots, 'top-bar-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(`${system.web}/boards/${ids.board}`);
    await pages[2]!.ready(page);
    await page.screenshot({ path: join(docs, 'phone-board.png') });
  }, 120_000);
});
