import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

export type Person = { name: string; email: string; password: string };

/** A Chromium profile of its own: one person, one cookie jar. */
export type OpenBrowser = {
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors and console errors, for a failing test's report. */
  errors: string[];
  close(): Promise<void>;
};

export async function openBrowser(): Promise<OpenBrowser> {
  const dir = mkdtempSync(join(tmpdir(), 'taskomask-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 800 },
  });
  context.setDefaultTimeout(15_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.stack ?? error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) {
      errors.push(`${response.status()} ${response.request().method()} ${response.url()}`);
    }
  });
  return {
    context,
    page,
    errors,
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Registers through the provider's own pages: the landing page's "Sign up" opens the form. */
export async function signUp(page: Page, web: string, person: Person): Promise<void> {
  await page.goto(web);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.getByLabel('Display name').fill(person.name);
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(`${web}/workspaces`);
}

export async function signIn(page: Page, web: string, person: Person): Promise<void> {
  await page.goto(web);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${web}/workspaces`);
}

/** The signed-in person's member id, from their profile page. */
export async function memberIdOf(page: Page, web: string): Promise<string> {
  await page.goto(`${web}/profile`);
  return (await page.getByTestId('member-id').textContent())?.trim() ?? '';
}
