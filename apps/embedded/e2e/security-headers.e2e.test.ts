// Issue 17 §2: every page carries a strict Content-Security-Policy (scripts by nonce only, never
// framed) and runs under it without a violation; sign-out refuses another site's Origin.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type OpenBrowser, openBrowser, type Person, signUp } from './support/browser';
import { type System, startSystem } from './support/system';

const ada: Person = {
  name: 'Ada Admin',
  email: 'ada@example.test',
  password: 'correct horse battery 1',
};

/** The directives of a policy, by name. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0] !== '')
      .map(([name, ...values]) => [name!, values]),
  );
}

function expectStrictPolicy(policy: string | undefined, where: string): string {
  expect(policy, where).toBeTruthy();
  const d = directives(policy!);
  const scripts = d.get('script-src') ?? [];
  const nonce = scripts.find((s) => /^'nonce-[A-Za-z0-9+/=]{16,}'$/.test(s));
  expect(nonce, `${where}: ${policy}`).toBeDefined();
  expect(scripts, where).not.toContain("'unsafe-inline'");
  expect(scripts, where).not.toContain("'unsafe-eval'");
  expect(d.get('frame-ancestors'), where).toEqual(["'none'"]);
  expect(d.get('object-src'), where).toEqual(["'none'"]);
  expect(d.get('base-uri'), where).toEqual(["'none'"]);
  return nonce!;
}

describe.sequential('content security policy on every page, in Chromium', () => {
  let system: System;
  let a: OpenBrowser;
  /** CSP violations the page reported, as console errors or securitypolicyviolation events. */
  const violations: string[] = [];
  const ids = { workspace: '', project: '', board: '', task: '' };

  beforeAll(async () => {
    system = await startSystem();
    a = await openBrowser();
    a.page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
        violations.push(message.text());
      }
    });
    await a.context.exposeFunction('reportCspViolation', (text: string) => violations.push(text));
    await a.context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        // biome-ignore lint/suspicious/noExplicitAny: the exposed reporter.
        (window as any).reportCspViolation(
          `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`,
        );
      });
    });
  }, 240_000);

  afterEach((context) => {
    if (context.task.result?.state === 'fail') console.error(`browser:\n${a?.errors.join('\n')}`);
  });

  afterAll(async () => {
    await a?.close();
    await system?.close();
  });

  const command = async (path: string, body: unknown): Promise<string> => {
    const response = await a.context.request.post(`${system.web}/api/cmd/${path}`, {
      data: body,
    });
    expect(response.status(), `${path}: ${await response.text()}`).toBeLessThan(300);
    return ((await response.json()) as { id: string }).id;
  };

  async function visit(page: Page, url: string): Promise<string> {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(200);
    return expectStrictPolicy(response?.headers()['content-security-policy'], url);
  }

  it('sends the policy on the landing page, with a new nonce on every view', async () => {
    const first = await visit(a.page, `${system.web}/`);
    const second = await visit(a.page, `${system.web}/`);
    expect(first).not.toBe(second);
    await a.page.getByRole('button', { name: 'Sign up' }).waitFor();
  });

  it('sends it on every signed-in page, and the pages run under it without a violation', async () => {
    await signUp(a.page, system.web, ada);
    ids.workspace = await command('workspaces', { name: 'CSP team' });
    ids.project = await command(`workspaces/${ids.workspace}/projects`, { name: 'Website' });
    ids.board = await command(`workspaces/${ids.workspace}/projects/${ids.project}/boards`, {
      name: 'Sprint 1',
    });
    const card = await command(`boards/${ids.board}/cards`, { name: 'To do', type: 'ToDo' });
    ids.task = await command(`boards/${ids.board}/tasks`, { cardId: card, title: 'Write it' });
    violations.length = 0;
    for (const path of [
      '/workspaces',
      `/workspaces/${ids.workspace}`,
      `/boards/${ids.board}/tasks/${ids.task}`,
      '/me/tasks',
      '/profile',
      '/admin',
      '/admin/workspaces',
      `/admin/workspaces/${ids.workspace}`,
    ]) {
      await visit(a.page, `${system.web}${path}`);
      await a.page.waitForLoadState('load');
    }
    expect(violations).toEqual([]);
  });

  it('runs the board (scripts, styles, the live socket) with no violation', async () => {
    violations.length = 0;
    await visit(a.page, `${system.web}/boards/${ids.board}`);
    // Hydrated and connected: the socket's status comes from client code over the socket.
    await a.page.locator('[data-testid="live-status"][data-status="live"]').waitFor();
    await a.page.getByText('Write it').waitFor();
    expect(violations).toEqual([]);
  });

  it('refuses a sign-out posted from another origin, and the session stays', async () => {
    const foreign = await a.context.request.post(`${system.web}/api/signout`, {
      headers: { origin: 'http://evil.example' },
    });
    expect(foreign.status()).toBe(403);
    expect((await a.context.request.get(`${system.web}/api/q/workspaces`)).status()).toBe(200);
    const own = await a.context.request.post(`${system.web}/api/signout`, {
      headers: { origin: system.web },
    });
    expect(own.status()).toBe(200);
  });
});
