import { DomainError } from '../errors';

/** Another account holds this email (409). The message is what the registration page shows. */
export class EmailTaken extends DomainError {
  constructor() {
    super('conflict', 'email already registered');
  }
}

/** The owner stream holds no registered account (404). */
export class OwnerNotFound extends DomainError {
  readonly ownerId: string;

  constructor(ownerId: string) {
    super('not_found', `owner ${ownerId} not found`);
    this.ownerId = ownerId;
  }
}

/** RegisterOwner on a stream that already holds an account (409). */
export class OwnerAlreadyRegistered extends DomainError {
  readonly ownerId: string;

  constructor(ownerId: string) {
    super('conflict', `owner ${ownerId} is already registered`);
    this.ownerId = ownerId;
  }
}

/** A deactivated account changes nothing about itself until an admin reactivates it (403). */
export class AccountDeactivated extends DomainError {
  constructor() {
    super('forbidden', 'this account is deactivated');
  }
}
