// The board's Insights (issue 15) in the browser: the four charts drawn from the board's own
// moves, a dot that opens its task, a CSV download, what counts as started set by the owner and
// seen by the charts, a viewer without settings, and a phone in dark mode.
import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { memberIdOf, type OpenBrowser, openBrowser, type Person, signUp } from './support/browser';
import { command } from './support/commands';
import { type System, startSystem } from './support/system';

const screenshots = resolve(dirname(fileURLToPath(import.meta.url)), '../../../docs/screenshots');
const ada: Person = { name: 'Ada Flow', email: 'ada@insights.test', password: 'correct horse 1' };
const vic: Person = { name: 'Vic Viewer', email: 'vic@insights.test', password: 'correct horse 2' };

describe.sequential('insights in the browser', () => {
  let system: System;
  let a: OpenBrowser;
  let v: OpenBrowser;
  const ids = { board: '', todo: '', doing: '', done: '', shipped: '', started: '', waiting: '' };

  beforeAll(async () => {
    system = await startSystem();
    [a, v] = await Promise.all([openBrowser(), openBrowser()]);
    await signUp(a.page, system.web, ada);
    await signUp(v.page, system.web, vic);
    const page = a.page;
    const workspace = (await command(page, 'POST', '/workspaces', { name: 'Flow Crew' })).id!;
    await command(page, 'POST', `/workspaces/${workspace}/members`, {
      ownerId: await memberIdOf(v.page, system.web),
      role: 'viewer',
    });
    const project = await command(page, 'POST', `/workspaces/${workspace}/projects`, {
      name: 'Main',
    });
    ids.board = (
      await command(page, 'POST', `/workspaces/${workspace}/projects/${project.id}/boards`, {
        name: 'Sprint',
      })
    ).id!;
    for (const [key, name, type] of [
      ['todo', 'To do', 'ToDo'],
      ['doing', 'Doing', 'Doing'],
      ['done', 'Done', 'Done'],
    ] as const) {
      ids[key] = (await command(page, 'POST', `/boards/${ids.board}/cards`, { name, type })).id!;
    }
    const task = async (title: string) =>
      (await command(page, 'POST', `/boards/${ids.board}/tasks`, { cardId: ids.todo, title })).id!;
    ids.shipped = await task('Ship the login page');
    ids.started = await task('Fix the flaky test');
    ids.waiting = await task('Write the docs');
    const move = (taskId: string, toCardId: string) =>
      command(page, 'POST', `/tasks/${taskId}/move`, { toCardId });
    await move(ids.shipped, ids.doing);
    await move(ids.shipped, ids.done);
    await move(ids.started, ids.doing);
  }, 240_000);

  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    await a.page
      .screenshot({ path: join(tmpdir(), 'taskomask-insights-e2e-failure.png'), fullPage: true })
      .catch(() => undefined);
  });

  afterAll(async () => {
    await a?.close();
    await v?.close();
    await system?.close();
  });

  const bars = (chart: string) =>
    a.page.getByTestId(chart).locator('.recharts-bar-rectangle path, .recharts-bar-rectangle');

  it('opens from the board and draws the four charts from its moves', async () => {
    const page = a.page;
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${system.web}/boards/${ids.board}`);
    await page.getByTestId('board-insights').click();
    await page.waitForURL(`**/boards/${ids.board}/insights`);
    for (const chart of ['chart-cfd', 'chart-cycle', 'chart-throughput', 'chart-aging']) {
      await page.getByTestId(chart).locator('svg.recharts-surface').first().waitFor();
    }
    await expect
      .poll(() => page.getByTestId('cycle-percentiles').textContent())
      .toMatch(/^1 done · 50%: /);
    // One area per card, one dot for the one task done, the one task in progress aging.
    expect(await page.getByTestId('chart-cfd').locator('.recharts-area').count()).toBe(3);
    expect(await page.getByTestId('chart-cycle').locator('.recharts-scatter-symbol').count()).toBe(
      1,
    );
    await expect.poll(() => bars('chart-aging').count()).toBeGreaterThan(0);
    const aging = await page.getByTestId('chart-aging').textContent();
    expect(aging).toContain('Fix the flaky');
  });

  it('downloads a chart as CSV', async () => {
    const page = a.page;
    const [saved] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('chart-cfd-csv').click(),
    ]);
    expect(saved.suggestedFilename()).toBe('cumulative-flow.csv');
    const text = readFileSync((await saved.path())!, 'utf8');
    expect(text.startsWith('\uFEFFbucket,end,To do,Doing,Done\r\n')).toBe(true);
    // Today's row: the docs task waits, one in progress, one done.
    expect(text.trimEnd().split('\r\n').at(-1)).toMatch(/,1,1,1$/);
  });

  it('opens the task of a dot', async () => {
    const page = a.page;
    await page.getByTestId('chart-cycle').locator('.recharts-scatter-symbol').first().click();
    await page.waitForURL(`**/boards/${ids.board}/tasks/${ids.shipped}`);
    const drawer = page.getByRole('dialog', { name: 'Task' });
    await expect.poll(() => drawer.getByLabel('Title').inputValue()).toBe('Ship the login page');
  });

  it('lets the owner count To do as started, and the charts follow', async () => {
    const page = a.page;
    await page.goto(`${system.web}/boards/${ids.board}/insights`);
    await page.getByTestId('flow-settings').locator('summary').click();
    await page.getByLabel('To do counts as').selectOption('started');
    // The docs task, on To do, is work in progress now.
    await expect
      .poll(() => page.getByTestId('chart-aging').textContent(), { timeout: 10_000 })
      .toContain('Write the docs');
    await page.getByLabel('To do counts as').selectOption('auto');
    await expect
      .poll(() => page.getByTestId('chart-aging').textContent(), { timeout: 10_000 })
      .not.toContain('Write the docs');
  });

  it('keeps the range in the URL', async () => {
    const page = a.page;
    await page.getByTestId('insights-range').getByLabel('Range').selectOption('7');
    await page.waitForURL(/\/insights\?from=\d{4}-\d\d-\d\d&to=\d{4}-\d\d-\d\d$/);
    await expect
      .poll(async () => (await page.getByTestId('chart-cfd').locator('.recharts-area').count()) > 0)
      .toBe(true);
  });

  it('shows a viewer the charts without the settings, on a phone in dark mode', async () => {
    const page = v.page;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(`${system.web}/boards/${ids.board}/insights`);
    await page.getByTestId('chart-aging').locator('svg.recharts-surface').first().waitFor();
    await page.getByTestId('chart-cfd').locator('.recharts-area').first().waitFor();
    expect(await page.getByTestId('flow-settings').count()).toBe(0);
    const overflow = await page.evaluate(() => {
      const dialog = document.querySelector('[data-testid="insights"]')!;
      return dialog.scrollWidth - dialog.clientWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, 'insights-phone-dark.png'), fullPage: true });
  });
});
