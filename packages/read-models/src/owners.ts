import {
  evolveOwnerView,
  initialOwnerView,
  type OwnerView,
  type RecordedEvent,
} from '@taskomask/domain';
import type { DocCache } from './doc-cache';

/** Registered accounts (`owner-<id>` streams), for account admins. */
export async function projectOwner(ownerId: string, event: RecordedEvent, docs: DocCache) {
  const before = (await docs.get<OwnerView>('owners', ownerId)) ?? initialOwnerView(ownerId);
  const after = evolveOwnerView(before, event);
  // A stream with only the workspace registry is no account: no document.
  if (after === before || after.status === 'unregistered') return;
  docs.put('owners', ownerId, after, event.globalPosition, {
    email: after.email,
    role: after.role,
    status: after.status,
  });
}
