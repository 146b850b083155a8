import type { OwnerView, RecordedEvent } from '@taskomask/domain';
import type { DocCache } from './doc-cache';

/**
 * Which account an email belongs to, for invitations (they name an email, inboxes are by
 * account). Kept by the inbox projection itself, so an invitation in the same batch as the
 * registration finds it. Must run before the owners read model folds the event (it reads the
 * email the account had).
 */
export type InboxAccount = { ownerId: string };

export async function projectInboxAccount(event: RecordedEvent, docs: DocCache): Promise<void> {
  if (event.type !== 'OwnerRegistered' && event.type !== 'OwnerProfileUpdated') return;
  const { ownerId, email } = event.data as { ownerId: string; email: string };
  const before = await docs.get<OwnerView>('owners', ownerId);
  if (before?.email && before.email !== email) docs.delete('inboxAccounts', before.email);
  docs.put('inboxAccounts', email, { ownerId } satisfies InboxAccount, event.globalPosition);
}

export async function accountOfEmail(email: string, docs: DocCache): Promise<string | undefined> {
  return (await docs.get<InboxAccount>('inboxAccounts', email))?.ownerId;
}
