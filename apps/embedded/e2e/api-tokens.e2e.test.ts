import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '@taskomask/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type OpenBrowser, openBrowser, type Person, signUp } from './support/browser';
import { type System, startSystem } from './support/system';

// Issue #16 §3 in Chromium: a personal API token made in the profile works with fetch against
// both APIs, is listed with its last use, and is refused once revoked there. The first account
// of a fresh system is an account admin: it also sees the token on the admin page.
const ada: Person = {
  name: 'Ada Lovelace',
  email: 'ada@tokens.test',
  password: 'correct horse battery 7',
};

describe.sequential('personal API tokens in the profile', () => {
  let system: System;
  let a: OpenBrowser;
  let token = '';

  beforeAll(async () => {
    system = await startSystem();
    a = await openBrowser();
  }, 240_000);

  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    await a?.page
      .screenshot({ path: join(tmpdir(), 'taskomask-tokens-e2e-failure.png'), fullPage: true })
      .catch(() => {});
    console.error(`browser:\n${a?.errors.join('\n')}`);
  });

  afterAll(async () => {
    await a?.close();
    await system?.close();
  });

  const call = (base: string, method: string, path: string, body?: unknown) =>
    fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  it('makes a token in the profile and shows it once, with a warning and a copy button', async () => {
    const { page } = a;
    await signUp(page, system.web, ada);
    await page.goto(`${system.web}/profile`);
    await page.getByRole('heading', { name: 'API tokens' }).waitFor();
    await page.getByText('No API tokens').waitFor();
    const form = page.getByRole('form', { name: 'New API token' });
    await form.getByLabel('Name').fill('Deploy script');
    await form.getByLabel('Write (command API)').check();
    await form.getByLabel('Expires').selectOption('30');
    await form.getByRole('button', { name: 'Create token' }).click();
    await page.getByText('it is shown only this once').waitFor();
    token = ((await page.getByTestId('new-token').textContent()) ?? '').trim();
    expect(token).toMatch(/^tmpat_[0-9a-f-]{36}_[0-9a-f-]{36}_[A-Za-z0-9_-]{43}$/);
    expect(await page.getByRole('alert').getByRole('button', { name: 'Copy' }).count()).toBe(1);
    const row = page.getByRole('listitem', { name: 'Deploy script' });
    await row.getByText('active', { exact: true }).waitFor();
    expect(await row.getByTestId('token-last-used').textContent()).toBe('never');
    // Shown once: a reload lists it, without its text.
    await page.reload();
    await page.getByRole('listitem', { name: 'Deploy script' }).waitFor();
    expect(await page.getByTestId('new-token').count()).toBe(0);
    expect(await page.content()).not.toContain(token);
  });

  it('works with fetch on both APIs as the person, and the profile shows its last use', async () => {
    const created = await call(system.commands, 'POST', '/workspaces', { name: 'Scripted team' });
    expect(created.status).toBe(201);
    const { id, position } = (await created.json()) as { id: string; position: number };
    const read = await call(system.queries, 'GET', `/workspaces/${id}?minPosition=${position}`);
    expect(read.status).toBe(200);
    expect(((await read.json()) as { name: string }).name).toBe('Scripted team');

    const { page } = a;
    await page.goto(`${system.web}/workspaces`);
    await page
      .getByRole('link', { name: /Scripted team/ })
      .first()
      .waitFor();
    await page.goto(`${system.web}/profile`);
    const lastUsed = page
      .getByRole('listitem', { name: 'Deploy script' })
      .getByTestId('token-last-used');
    await lastUsed.waitFor();
    expect(await lastUsed.textContent()).not.toBe('never');
  });

  it('lists it on the admin page for the account admin', async () => {
    const { page } = a;
    await page.goto(`${system.web}/admin`);
    await page.getByLabel('Search accounts').fill('Ada');
    await page
      .getByRole('row', { name: ada.name })
      .getByRole('button', { name: `API tokens of ${ada.name}` })
      .click();
    await page.getByRole('heading', { name: `API tokens of ${ada.name}` }).waitFor();
    await page.getByRole('listitem', { name: 'Deploy script' }).waitFor();
  });

  it('revokes it in the profile, after a question: the next request is refused', async () => {
    const { page } = a;
    await page.goto(`${system.web}/profile`);
    const row = page.getByRole('listitem', { name: 'Deploy script' });
    await row.getByRole('button', { name: 'Revoke Deploy script' }).click();
    await row.getByRole('button', { name: 'Revoke', exact: true }).click();
    await page.getByRole('status').getByText('Deploy script revoked.').waitFor();
    await row.getByText('revoked', { exact: true }).waitFor();
    const refused = await call(system.queries, 'GET', '/workspaces');
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { detail: string }).detail).toBe(
      'the personal API token was revoked',
    );
    expect((await call(system.commands, 'POST', '/workspaces', { name: 'Too late' })).status).toBe(
      401,
    );
  });

  it('fits a 390 px phone in dark mode', async () => {
    const { page } = a;
    const panelColour = () =>
      page
        .getByRole('list', { name: 'API tokens' })
        .evaluate((el) => getComputedStyle(el).backgroundColor);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${system.web}/profile`);
    await page.getByRole('listitem', { name: 'Deploy script' }).waitFor();
    const light = await panelColour();
    await page.emulateMedia({ colorScheme: 'dark' });
    await waitFor(async () => (await panelColour()) !== light, { what: 'the dark panel colour' });
    const widths = await page.evaluate(() => ({
      doc: document.documentElement.scrollWidth,
      body: document.body.scrollWidth,
    }));
    expect(widths.doc).toBeLessThanOrEqual(390);
    expect(widths.body).toBeLessThanOrEqual(390);
    await page.emulateMedia({ colorScheme: 'light' });
  });
});
