import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Sends a command as the page's signed-in person, through the web app's BFF (`/api/cmd`), for
 * set-up the test is not about; asserts it was accepted and answers its body.
 */
export async function command(page: Page, method: string, path: string, body: unknown) {
  const answer = await page.evaluate(
    async ([m, p, b]) => {
      const response = await fetch(`/api/cmd${p}`, {
        method: m as string,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(b),
      });
      return { status: response.status, body: await response.text() };
    },
    [method, path, body] as const,
  );
  expect(answer.status, `${method} ${path}: ${answer.body}`).toBeLessThan(300);
  return JSON.parse(answer.body) as { id?: string; commandId?: string; position?: number };
}
