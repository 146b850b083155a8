import type { Decider } from '../event';
import type { OwnerCommand } from './commands';
import { decideOwner } from './decide';
import type { OwnerEvent } from './events';
import { evolveOwner } from './evolve';
import { initialOwnerState, type OwnerState } from './state';

export type * from './commands';
export { decideOwner } from './decide';
export { normalizeEmail } from './email';
export {
  type EmailReleased,
  type EmailReservationEvent,
  type EmailReservationState,
  type EmailReserved,
  emailHolder,
  evolveEmailReservation,
  initialEmailReservation,
} from './email-reservation';
export { AccountDeactivated, EmailTaken, OwnerAlreadyRegistered, OwnerNotFound } from './errors';
export type * from './events';
export { evolveOwner } from './evolve';
export {
  decideOwnerAccount,
  decideRegistration,
  emailChangeOf,
  type OwnerAccountEvents,
  type RegistrationEvents,
} from './owner-account';
export {
  type AccountRole,
  accountOf,
  accountRoles,
  initialOwnerState,
  type OwnedWorkspace,
  type OwnerAccount,
  type OwnerState,
} from './state';
export {
  accountStreamName,
  evolveSystemAccounts,
  type FirstOwnerRegistered,
  initialSystemAccounts,
  type SystemAccountsEvent,
  type SystemAccountsState,
} from './system-accounts';

/**
 * One owner stream: the account and the workspace-name registry. Account commands go through
 * decideOwnerAccount / decideRegistration, which add authorization and email uniqueness.
 */
export const ownerDecider: Decider<OwnerCommand, OwnerEvent, OwnerState> = {
  initialState: initialOwnerState,
  decide: decideOwner,
  evolve: evolveOwner,
};
