// "Import from Trello" on the workspace page, on a 390-px phone: choose the export file → the
// report (archived items skipped, what breaks our rules) → fix and import with progress → the
// link to the new board, which shows the lists as cards and the cards as tasks.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenBrowser, openBrowser, type Person, signUp } from './support/browser';
import { command } from './support/commands';
import { type System, startSystem } from './support/system';

const fixture = join(
  import.meta.dirname,
  '../../../packages/importing/test/fixtures/trello-board.json',
);
const ada: Person = { name: 'Ada Import', email: 'ada@import.test', password: 'correct horse 1' };

describe.sequential('importing a Trello board in the browser', () => {
  let system: System;
  let a: OpenBrowser;
  let workspace = '';

  beforeAll(async () => {
    system = await startSystem();
    a = await openBrowser();
    await signUp(a.page, system.web, ada);
    workspace = (await command(a.page, 'POST', '/workspaces', { name: 'Import Crew' })).id!;
  }, 240_000);

  afterAll(async () => {
    await a?.close();
    await system?.close();
  });

  it('reports, fixes and imports the file, then opens the board', async () => {
    const page = a.page;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${system.web}/workspaces/${workspace}`);
    const panel = page.getByTestId('trello-import');
    await panel.getByLabel('Trello export (JSON)').setInputFiles(fixture);

    const report = panel.getByTestId('import-report');
    await report.waitFor();
    const text = (await report.textContent()) ?? '';
    expect(text).toContain('Product Roadmap 🚀');
    expect(text).toContain('5 cards (columns), 7 tasks');
    expect(text).toContain('Skipped: 1 archived list, 2 archived cards');
    expect(text).toContain('3 things break our rules');
    expect(text).toContain('renamed "Ship v1 (2)"');
    // Nothing fits wider than the phone.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);

    await panel.getByRole('button', { name: 'Fix and import' }).click();
    const status = panel.getByRole('status');
    await status.getByText('Imported 7 cards.').waitFor({ timeout: 30_000 });
    await status.getByRole('link', { name: /Open “Product Roadmap 🚀”/ }).click();

    await page.waitForURL(/\/boards\//);
    await page.getByTestId('task').filter({ hasText: 'Write the onboarding guide' }).waitFor();
    await page.getByTestId('task').filter({ hasText: 'Pick a font' }).waitFor();
    // The whole board, as the BFF reads it for this person (a phone shows a column at a time).
    const exported = await page.evaluate(
      async (id) => (await fetch(`/api/q/workspaces/${id}/export`)).json(),
      workspace,
    );
    const board = exported.projects[0].boards[0];
    expect(board.cards.map((c: { name: string }) => c.name)).toEqual([
      'Backlog',
      'To Do',
      'QA (list)',
      'In Progress',
      'Done',
    ]);
    expect(board.tasks.map((t: { title: string }) => t.title)).toEqual([
      'Investigate why the nightly export job sometimes…',
      'Write the onboarding guide',
      'Pick a font',
      'Test on Android',
      'Fix login 🐛 on Safari — ünïcödé',
      'Ship v1',
      'Ship v1 (2)',
    ]);
  }, 120_000);

  it('a second upload of the same file changes nothing', async () => {
    const page = a.page;
    await page.goto(`${system.web}/workspaces/${workspace}`);
    const panel = page.getByTestId('trello-import');
    await panel.getByLabel('Into').selectOption({ label: 'A new project “Imported from Trello”' });
    await panel.getByLabel('Trello export (JSON)').setInputFiles(fixture);
    await panel.getByRole('button', { name: 'Fix and import' }).click();
    await panel
      .getByRole('status')
      .getByText('Already imported: nothing changed.')
      .waitFor({ timeout: 30_000 });
  }, 60_000);
});
