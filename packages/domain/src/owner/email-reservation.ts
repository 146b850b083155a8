import type { Event } from '../event';

// The `email-<sha256 hex of the normalised email>` stream: who holds an email. Registration and an
// email change append here in the same atomic multi-stream append as the owner's event, with the
// version they read ('no_stream' the first time), so of two concurrent claims exactly one wins.
// The events name only the owner: the address itself is the stream's (hashed) name.

export type EmailReserved = Event<'EmailReserved', { ownerId: string }>;
export type EmailReleased = Event<'EmailReleased', { ownerId: string }>;
export type EmailReservationEvent = EmailReserved | EmailReleased;

export type EmailReservationState =
  | Readonly<{ status: 'free' }>
  | Readonly<{ status: 'reserved'; ownerId: string }>;

export const initialEmailReservation = (): EmailReservationState => ({ status: 'free' });

export function evolveEmailReservation(
  state: EmailReservationState,
  event: EmailReservationEvent,
): EmailReservationState {
  switch (event.type) {
    case 'EmailReserved':
      return { status: 'reserved', ownerId: event.data.ownerId };
    case 'EmailReleased':
      return state.status === 'reserved' && state.ownerId === event.data.ownerId
        ? { status: 'free' }
        : state;
    default: {
      const _unknown: never = event;
      return state;
    }
  }
}

/** The owner holding the email, or null when it is free. */
export function emailHolder(state: EmailReservationState): string | null {
  return state.status === 'reserved' ? state.ownerId : null;
}
