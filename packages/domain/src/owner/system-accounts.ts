import type { Event } from '../event';

// The `system-accounts` stream holds one event: who registered first. The first registration
// appends it with 'no_stream' in the same atomic append as its OwnerRegistered, so exactly one
// account — the first — becomes admin on an empty system, however many register at once.

export type FirstOwnerRegistered = Event<'FirstOwnerRegistered', { ownerId: string }>;
export type SystemAccountsEvent = FirstOwnerRegistered;

export type SystemAccountsState =
  | Readonly<{ status: 'empty' }>
  | Readonly<{ status: 'started'; firstOwnerId: string }>;

export const initialSystemAccounts = (): SystemAccountsState => ({ status: 'empty' });

export function evolveSystemAccounts(
  state: SystemAccountsState,
  event: SystemAccountsEvent,
): SystemAccountsState {
  switch (event.type) {
    case 'FirstOwnerRegistered':
      return state.status === 'empty'
        ? { status: 'started', firstOwnerId: event.data.ownerId }
        : state;
    default: {
      const _unknown: never = event.type;
      return state;
    }
  }
}

/** Stream names of the account invariants; the email hash is the shell's (sha256, hex). */
export const accountStreamName = {
  emailReservation: (emailSha256Hex: string) => `email-${emailSha256Hex}`,
  systemAccounts: 'system-accounts',
} as const;
