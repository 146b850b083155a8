import { ForbiddenError } from '../errors';
import type { OwnerAccountCommand, RegisterOwner } from './commands';
import { decideOwner } from './decide';
import { normalizeEmail } from './email';
import {
  type EmailReservationEvent,
  type EmailReservationState,
  emailHolder,
} from './email-reservation';
import { EmailTaken } from './errors';
import type { OwnerEvent } from './events';
import { type AccountRole, accountOf, type OwnerState } from './state';
import type { SystemAccountsEvent, SystemAccountsState } from './system-accounts';

export type RegistrationEvents = Readonly<{
  owner: OwnerEvent[];
  /** For `email-<hash of the registered email>`. */
  email: EmailReservationEvent[];
  /** For `system-accounts`: one event when this is the first account, else none. */
  system: SystemAccountsEvent[];
}>;

/**
 * Registers an account. The shell loads `owner-<data.ownerId>` (a fresh id: initial state),
 * `email-<hash of normalizeEmail(data.email)>` and `system-accounts`, then appends the non-empty
 * lists in one appendToStreams with the versions it read ('no_stream' for absent streams). The
 * email must be free (EmailTaken otherwise); the first account of an empty system is admin.
 */
export function decideRegistration(
  command: RegisterOwner,
  states: Readonly<{
    owner: OwnerState;
    email: EmailReservationState;
    system: SystemAccountsState;
  }>,
): RegistrationEvents {
  const { ownerId } = command.data;
  if (emailHolder(states.email) !== null) throw new EmailTaken();
  const first = states.system.status === 'empty';
  const role: AccountRole | undefined = first ? 'admin' : command.data.role;
  const owner = decideOwner({ ...command, data: { ...command.data, role } }, states.owner);
  return {
    owner,
    email: [{ type: 'EmailReserved', data: { ownerId } }],
    system: first ? [{ type: 'FirstOwnerRegistered', data: { ownerId } }] : [],
  };
}

export type OwnerAccountEvents = Readonly<{
  owner: OwnerEvent[];
  /** For `email-<hash of the new email>` when the command changes the email, else none. */
  reservedEmail: EmailReservationEvent[];
  /** For `email-<hash of the old email>` when the command changes the email, else none. */
  releasedEmail: EmailReservationEvent[];
}>;

const selfService = new Set<OwnerAccountCommand['type']>([
  'UpdateOwnerProfile',
  'ChangeOwnerPassword',
]);

/**
 * Decides an account command with its authorization: owners edit their own profile and password;
 * only an active account admin grants or revokes admin and deactivates or reactivates accounts,
 * and never their own (so an admin cannot lock themselves out).
 *
 * The shell loads `owner-<data.ownerId>` and, as `actor`, `owner-<metadata.userId>` (the same state
 * when they are one owner). When `emailChangeOf(command, owner)` is not null it also loads
 * `email-<hash of that email>` as `newEmail` (else pass the initial reservation state) and appends
 * the three lists atomically: the owner's events, `reservedEmail` to the new email's stream and
 * `releasedEmail` to `email-<hash of the current email>`.
 */
export function decideOwnerAccount(
  command: OwnerAccountCommand,
  states: Readonly<{ owner: OwnerState; actor: OwnerState; newEmail: EmailReservationState }>,
): OwnerAccountEvents {
  const { ownerId } = command.data;
  const actorId = command.metadata.userId;
  if (states.actor.status === 'recorded' && states.actor.ownerId !== actorId) {
    throw new Error(`owner stream of ${states.actor.ownerId} given as actor ${actorId}`);
  }
  if (selfService.has(command.type)) {
    if (actorId !== ownerId) throw new ForbiddenError('you can only change your own account');
  } else {
    const actor = accountOf(states.actor);
    if (actor === null || actor.status !== 'active' || actor.role !== 'admin') {
      throw new ForbiddenError('only an account admin can do this');
    }
    if (actorId === ownerId && command.type !== 'GrantAdmin') {
      throw new ForbiddenError('admins cannot revoke, deactivate or reactivate their own account');
    }
  }

  const newEmail = emailChangeOf(command, states.owner);
  const owner = decideOwner(command, states.owner);
  if (newEmail === null || owner.length === 0) {
    return { owner, reservedEmail: [], releasedEmail: [] };
  }
  const holder = emailHolder(states.newEmail);
  if (holder !== null && holder !== ownerId) throw new EmailTaken();
  return {
    owner,
    reservedEmail: [{ type: 'EmailReserved', data: { ownerId } }],
    releasedEmail: [{ type: 'EmailReleased', data: { ownerId } }],
  };
}

/**
 * The normalised email a command would move the account to, or null when it keeps its email (or
 * the email is malformed: decideOwnerAccount then refuses it). Tells the shell which reservation
 * stream to load.
 */
export function emailChangeOf(command: OwnerAccountCommand, owner: OwnerState): string | null {
  if (command.type !== 'UpdateOwnerProfile') return null;
  const account = accountOf(owner);
  if (account === null) return null;
  let email: string;
  try {
    email = normalizeEmail(command.data.email);
  } catch {
    return null;
  }
  return email === account.email ? null : email;
}
