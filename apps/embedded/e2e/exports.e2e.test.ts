// "Export" in the browser: the downloads go through the web app's BFF with the session cookie,
// keep the API's file names, and the menu fits a phone.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenBrowser, openBrowser, type Person, signUp } from './support/browser';
import { command } from './support/commands';
import { type System, startSystem } from './support/system';

const ada: Person = { name: 'Ada Export', email: 'ada@export.test', password: 'correct horse 1' };
const eve: Person = { name: 'Eve Outside', email: 'eve@export.test', password: 'correct horse 2' };

/** Opens an Export menu (a <details>) unless it is open. */
async function openMenu(page: Page, menu: string) {
  if ((await page.getByTestId(menu).getAttribute('open')) === null) {
    await page.getByTestId(menu).getByText('Export', { exact: true }).click();
  }
}

/** Chooses `label` in an Export menu and reads the file the browser saved. */
async function download(page: Page, menu: string, label: string) {
  await openMenu(page, menu);
  const [saved] = await Promise.all([
    page.waitForEvent('download'),
    page
      .getByTestId(menu)
      .getByRole('link', { name: new RegExp(label) })
      .click(),
  ]);
  return {
    name: saved.suggestedFilename(),
    text: readFileSync((await saved.path())!, 'utf8'),
  };
}

describe.sequential('export in the browser', () => {
  let system: System;
  let a: OpenBrowser;
  let outsider: OpenBrowser;
  const ids = { workspace: '', board: '' };

  beforeAll(async () => {
    system = await startSystem();
    [a, outsider] = await Promise.all([openBrowser(), openBrowser()]);
    await signUp(a.page, system.web, ada);
    await signUp(outsider.page, system.web, eve);
    const page = a.page;
    ids.workspace = (await command(page, 'POST', '/workspaces', { name: 'Export Crew' })).id!;
    const project = await command(page, 'POST', `/workspaces/${ids.workspace}/projects`, {
      name: 'Main',
    });
    ids.board = (
      await command(page, 'POST', `/workspaces/${ids.workspace}/projects/${project.id}/boards`, {
        name: 'Plans',
      })
    ).id!;
    const card = await command(page, 'POST', `/boards/${ids.board}/cards`, {
      name: 'To do',
      type: 'ToDo',
    });
    await command(page, 'POST', `/boards/${ids.board}/tasks`, { cardId: card.id, title: '=1+1' });
  }, 240_000);

  afterAll(async () => {
    await a?.close();
    await outsider?.close();
    await system?.close();
  });

  it('saves the workspace as JSON and its history as NDJSON from the workspace page', async () => {
    const page = a.page;
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto(`${system.web}/workspaces/${ids.workspace}`);
    await page.getByRole('link', { name: 'Plans' }).waitFor();
    // The open menu stays on a 360-px screen.
    await openMenu(page, 'workspace-export');
    const box = await page.getByTestId('workspace-export').locator('ul').boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(360);
    const json = await download(page, 'workspace-export', 'Workspace');
    expect(json.name).toBe('export-crew.taskomask.json');
    const doc = JSON.parse(json.text);
    expect(doc.format).toBe('taskomask.workspace');
    expect(doc.members).toEqual([
      expect.objectContaining({ displayName: ada.name, role: 'owner' }),
    ]);
    expect(doc.projects[0].boards[0].tasks.map((t: { title: string }) => t.title)).toEqual([
      '=1+1',
    ]);
    // Choosing a file closed the menu.
    expect(await page.getByTestId('workspace-export').getAttribute('open')).toBeNull();

    const history = await download(page, 'workspace-export', 'Event history');
    expect(history.name).toBe('export-crew.events.ndjson');
    const types = history.text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line).type);
    expect(types[0]).toBe('WorkspaceCreated');
    expect(types).toContain('TaskCreated');
  }, 60_000);

  it('saves the board as CSV from the board page', async () => {
    const page = a.page;
    await page.goto(`${system.web}/boards/${ids.board}`);
    await page.getByTestId('task').filter({ hasText: '=1+1' }).waitFor();
    const csv = await download(page, 'board-export', 'Board');
    expect(csv.name).toBe('plans.csv');
    expect(csv.text.charCodeAt(0)).toBe(0xfeff);
    expect(csv.text).toContain("To do,'=1+1,");
  }, 60_000);

  it('gives an outsider 404 through the BFF, and nothing without a session', async () => {
    const status = (page: Page, path: string) =>
      page.evaluate(async (p) => (await fetch(p)).status, path);
    const urls = [
      `/api/q/workspaces/${ids.workspace}/export`,
      `/api/cmd/workspaces/${ids.workspace}/events.ndjson`,
      `/api/q/boards/${ids.board}/export.csv`,
    ];
    for (const url of urls) expect(await status(outsider.page, url), url).toBe(404);
    await outsider.context.clearCookies();
    for (const url of urls) expect(await status(outsider.page, url), url).toBe(401);
  }, 60_000);
});
