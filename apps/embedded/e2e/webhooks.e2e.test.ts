import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebhookReceiver, type WebhookReceiver } from '@taskomask/testkit/webhook-receiver';
import { verifySignature } from '@taskomask/webhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type OpenBrowser, openBrowser, type Person, signUp } from './support/browser';
import { command } from './support/commands';
import { type System, startSystem } from './support/system';

// An owner adds a webhook in the workspace's settings (URL, event kinds; the secret is shown
// once), a task is created, the local receiver gets a delivery it verifies with that secret, and
// the delivery log shows it with a Redeliver button that sends it again. Then the section at
// 390 px in dark mode: nothing sticks out sideways.

const ann: Person = { name: 'Ann Hooks', email: 'ann@example.test', password: 'correct horse 1' };

describe.sequential('webhooks in Chromium', () => {
  let system: System;
  let receiver: WebhookReceiver;
  let a: OpenBrowser;
  let workspaceId = '';
  let secret = '';

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    // The receiver is on 127.0.0.1: allowed here only.
    system = await startSystem({ env: { WEBHOOKS_ALLOW_PRIVATE: 'true', WEBHOOKS_POLL_MS: '50' } });
    a = await openBrowser();
  }, 240_000);

  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    await a?.page.screenshot({ path: join(tmpdir(), 'taskomask-webhooks.png'), fullPage: true });
    console.error(`browser:\n${a?.errors.join('\n')}`);
  });

  afterAll(async () => {
    await a?.close();
    await system?.close();
    await receiver?.close();
  });

  it('adds a webhook and shows its secret once', async () => {
    const page = a.page;
    await signUp(page, system.web, ann);
    await page.getByRole('link', { name: 'Workspaces' }).first().click();
    await page.getByLabel('Create workspace name').fill('Hooked');
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await page.waitForURL(/\/workspaces\/[0-9a-f-]{36}$/);
    workspaceId = page.url().split('/').at(-1)!;

    await page.getByRole('heading', { name: 'Webhooks' }).waitFor();
    await page.getByLabel('Payload URL').fill(receiver.url('/e2e'));
    await page.getByRole('checkbox', { name: 'CommentAdded' }).check();
    await page.getByRole('button', { name: 'Add webhook' }).click();
    secret = (await page.getByTestId('webhook-secret').locator('code').textContent()) ?? '';
    expect(secret).toMatch(/^whsec_[0-9a-f]{64}$/);
    const hook = page.getByTestId('webhook');
    await hook.waitFor({ timeout: 15_000 });
    await expect.poll(() => hook.textContent()).toContain(`secret ••••${secret.slice(-4)}`);
    expect(await hook.textContent()).toContain('TaskCreated, TaskMoved, CommentAdded');
    await page.getByRole('button', { name: 'Done' }).click();
    expect(await page.getByTestId('webhook-secret').count()).toBe(0);
  }, 120_000);

  it('delivers a new task, signed, and logs it; Redeliver sends it again', async () => {
    const page = a.page;
    const { id: projectId } = await command(page, 'POST', `/workspaces/${workspaceId}/projects`, {
      name: 'Web',
    });
    const { id: boardId } = await command(
      page,
      'POST',
      `/workspaces/${workspaceId}/projects/${projectId}/boards`,
      { name: 'Launch' },
    );
    const { id: cardId } = await command(page, 'POST', `/boards/${boardId}/cards`, {
      name: 'To do',
      type: 'ToDo',
    });
    await command(page, 'POST', `/boards/${boardId}/tasks`, { cardId, title: 'Hook me' });
    await expect.poll(() => receiver.on('/e2e').length, { timeout: 15_000 }).toBe(1);
    const [request] = receiver.on('/e2e');
    expect(JSON.parse(request!.body)).toMatchObject({ type: 'TaskCreated', boardId });
    const signature = String(request!.headers['x-taskomask-signature']);
    expect(verifySignature(secret, request!.body, signature, Date.now() / 1000)).toBe(true);

    await page.getByRole('button', { name: 'Deliveries' }).click();
    const entry = page.getByTestId('webhook-delivery').first();
    await entry.waitFor({ timeout: 15_000 });
    await expect.poll(() => entry.textContent(), { timeout: 15_000 }).toContain('succeeded');
    expect(await entry.textContent()).toContain('TaskCreated');
    expect(await entry.textContent()).toContain('Response200');
    await entry.getByRole('button', { name: /^Redeliver TaskCreated/ }).click();
    await expect.poll(() => receiver.on('/e2e').length, { timeout: 15_000 }).toBe(2);
    expect(receiver.on('/e2e')[1]!.headers['x-taskomask-delivery']).toBe(
      request!.headers['x-taskomask-delivery'],
    );
    await expect
      .poll(() => page.getByTestId('webhook-delivery').count(), { timeout: 15_000 })
      .toBe(2);
  }, 120_000);

  it('fits 390 px in dark mode', async () => {
    const page = a.page;
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('heading', { name: 'Webhooks' }).scrollIntoViewIfNeeded();
    const fit = await page.evaluate(() => ({
      width: window.innerWidth,
      doc: document.documentElement.scrollWidth,
      wide: [...document.querySelectorAll('section[aria-labelledby="webhooks-heading"] *')]
        .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
        .map((el) => `${el.tagName} ${(el.textContent ?? '').slice(0, 30)}`)
        .slice(0, 5),
    }));
    expect(fit.wide).toEqual([]);
    expect(fit.doc).toBeLessThanOrEqual(fit.width);
    // Readable in dark mode: the section's text is light on the page's dark background (colors
    // through a canvas, which turns any CSS color — oklch included — into RGB).
    const [text, background] = await page.evaluate(() => {
      const rgb = (color: string) => {
        const ctx = document.createElement('canvas').getContext('2d')!;
        ctx.fillStyle = color;
        ctx.fillRect(0, 0, 1, 1);
        const [r, g, b] = ctx.getImageData(0, 0, 1, 1).data;
        return (r! + g! + b!) / 3;
      };
      const section = document.querySelector('section[aria-labelledby="webhooks-heading"]')!;
      return [
        rgb(getComputedStyle(section.querySelector('h2')!).color),
        rgb(getComputedStyle(document.body).backgroundColor),
      ];
    });
    console.log(`webhooks heading brightness ${text} on ${background} (dark mode)`);
    expect(text).toBeGreaterThan(180);
    expect(background).toBeLessThan(60);
  }, 60_000);
});
