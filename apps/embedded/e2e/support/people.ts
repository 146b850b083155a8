import type { Page } from 'playwright-core';

/** An owner or admin invites an address from the workspace page; waits for the sent notice. */
export async function inviteByEmail(
  page: Page,
  workspaceUrl: string,
  email: string,
  role: 'owner' | 'admin' | 'member' | 'viewer',
): Promise<void> {
  if (page.url() !== workspaceUrl) await page.goto(workspaceUrl);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Invitation role').selectOption(role);
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await page.getByText(`Invitation sent to ${email}`).waitFor();
}

/**
 * Reloads `url` until `visible` holds, within `timeoutMs`: for what another person's write
 * brings (an invitation, a membership) once the projector has folded it.
 */
export async function reloadUntil(
  page: Page,
  url: string,
  visible: () => Promise<boolean>,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  await page.goto(url);
  for (;;) {
    try {
      await page.waitForLoadState('networkidle', { timeout: 2_000 });
    } catch {
      // a page that keeps a socket open never idles: the check below decides
    }
    if (await visible()) return;
    if (Date.now() > deadline) throw new Error(`not visible on ${url} within ${timeoutMs} ms`);
    await page.reload();
  }
}

/** The invitee accepts an invitation on their Workspaces page; waits for the workspace to list. */
export async function acceptInvitation(page: Page, web: string, workspace: string): Promise<void> {
  const accept = page.getByRole('button', { name: `Accept the invitation to ${workspace}` });
  await reloadUntil(page, `${web}/workspaces`, () => accept.isVisible());
  await accept.click();
  await page.getByRole('link', { name: new RegExp(workspace) }).waitFor();
}
