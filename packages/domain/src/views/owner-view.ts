import type { RecordedEvent } from '../event';
import type { AccountRole } from '../owner/state';
import { streamName } from '../streams';
import { asDomainEvent } from './recorded';

/**
 * An account as account admins list it; a plain JSON document for the read store. `unregistered`
 * until OwnerRegistered: an `owner-<id>` stream may hold only its workspace registry (written
 * before identity existed), and such a stream is no account.
 */
export type OwnerView = Readonly<{
  ownerId: string;
  status: 'unregistered' | 'active' | 'deactivated';
  displayName: string;
  /** Normalised (trimmed, lower case), as the events carry it. */
  email: string;
  role: AccountRole;
  registeredAt: string;
  /** The stream version of the last account event folded in (registry events leave it). */
  version: number;
  lastGlobalPosition: number;
  updatedAt: string | null;
}>;

export function initialOwnerView(ownerId: string): OwnerView {
  return {
    ownerId,
    status: 'unregistered',
    displayName: '',
    email: '',
    role: 'user',
    registeredAt: '',
    version: 0,
    lastGlobalPosition: 0,
    updatedAt: null,
  };
}

/**
 * Folds one event of `owner-<id>`. Other streams, unknown types, old versions, the workspace
 * registry (OwnerWorkspace*), password changes and account events before the registration leave
 * the view as it is — the same object, so a projector knows there is nothing to write.
 */
export function evolveOwnerView(view: OwnerView, recorded: RecordedEvent): OwnerView {
  const event = asDomainEvent(recorded);
  if (event === null || event.streamName !== streamName.owner(view.ownerId)) return view;
  if (event.streamVersion <= view.version) return view;
  const next = apply(view, event);
  if (next === view) return view;
  return {
    ...next,
    version: event.streamVersion,
    lastGlobalPosition: Math.max(view.lastGlobalPosition, event.globalPosition),
    updatedAt: event.occurredAt,
  };
}

export function ownerView(ownerId: string, events: Iterable<RecordedEvent>): OwnerView {
  let view = initialOwnerView(ownerId);
  for (const event of events) view = evolveOwnerView(view, event);
  return view;
}

type Recorded = NonNullable<ReturnType<typeof asDomainEvent>>;

function apply(view: OwnerView, event: Recorded): OwnerView {
  if (event.type === 'OwnerRegistered') {
    if (view.status !== 'unregistered') return view;
    const { displayName, email, role } = event.data;
    return { ...view, status: 'active', displayName, email, role, registeredAt: event.occurredAt };
  }
  if (view.status === 'unregistered') return view;
  switch (event.type) {
    case 'OwnerProfileUpdated':
      return { ...view, displayName: event.data.displayName, email: event.data.email };
    case 'OwnerAdminGranted':
      return { ...view, role: 'admin' };
    case 'OwnerAdminRevoked':
      return { ...view, role: 'user' };
    case 'OwnerDeactivated':
      return { ...view, status: 'deactivated' };
    case 'OwnerReactivated':
      return { ...view, status: 'active' };
    default:
      return view;
  }
}
