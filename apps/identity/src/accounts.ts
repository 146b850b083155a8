import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  type AccountRole,
  accountOf,
  accountStreamName,
  decideOwnerAccount,
  decideRegistration,
  decideRegistrationJoins,
  type EmailReservationEvent,
  type EmailReservationState,
  emailChangeOf,
  emailHolder,
  evolveEmailReservation,
  evolveOwner,
  evolveSystemAccounts,
  initialEmailReservation,
  initialOwnerState,
  initialSystemAccounts,
  invitationsByEmailFolder,
  invitationsStreamName,
  normalizeEmail,
  type OwnerAccount,
  type OwnerAccountCommand,
  type OwnerEvent,
  type OwnerState,
  type RegisterOwner,
  requireName,
  type SystemAccountsEvent,
  type SystemAccountsState,
  streamName,
  ValidationError,
  type WorkspaceState,
  workspaceDecider,
} from '@taskomask/domain';
import {
  type EventStore,
  expectedFor,
  type NewEvent,
  type StreamAppend,
  WrongExpectedVersionError,
} from '@taskomask/eventstore';
import {
  defaultScryptParams,
  hashPassword,
  passwordProblem,
  type ScryptParams,
  verifyPassword,
} from './password';
import type { CredentialStore } from './store/port';

export type AccountView = Readonly<{ ownerId: string } & OwnerAccount>;

export type Authentication =
  | Readonly<{ ok: true; account: AccountView }>
  | Readonly<{ ok: false; reason: 'invalid' | 'deactivated' }>;

/** A new password the rules refuse; `reason` is the sentence the form shows. */
export class PasswordRejected extends ValidationError {
  constructor(field: string, reason: string) {
    super(field, reason);
  }
}

export interface Accounts {
  /** Registers an account (user, or admin when first or asked by trusted code). */
  register(input: RegistrationInput): Promise<AccountView>;
  /** Email and password check; never says which one was wrong. */
  authenticate(email: string, password: string): Promise<Authentication>;
  find(ownerId: string): Promise<AccountView | null>;
  changePassword(
    ownerId: string,
    passwords: Readonly<{ current: string; next: string }>,
  ): Promise<void>;
  updateProfile(
    ownerId: string,
    profile: Readonly<{ displayName: string; email: string }>,
  ): Promise<AccountView>;
  /** Any account command (admins: GrantAdmin, RevokeAdmin, DeactivateOwner, ReactivateOwner). */
  execute(command: OwnerAccountCommand): Promise<void>;
}

export type RegistrationInput = Readonly<{
  displayName: string;
  email: string;
  password: string;
  /** Only trusted code (createAdmin) asks for 'admin'; the registration page never does. */
  role?: AccountRole;
  /** Who acts, for the events' metadata: the new owner unless trusted code says otherwise. */
  actor?: string;
}>;

export type AccountsOptions = Readonly<{
  eventStore: EventStore;
  credentials: CredentialStore;
  scrypt?: ScryptParams;
  /** How often a decision is re-made after another writer got there first. */
  retries?: number;
}>;

const emailSha256 = (normalizedEmail: string) =>
  createHash('sha256').update(normalizedEmail).digest('hex');

/** The email reservation stream: `email-<sha256 hex of the normalised email>`. */
export function emailStreamName(normalizedEmail: string): string {
  return accountStreamName.emailReservation(emailSha256(normalizedEmail));
}

type Loaded<S> = { state: S; version: number };

async function load<S, E>(
  store: EventStore,
  stream: string,
  initial: () => S,
  evolve: (state: S, event: E) => S,
): Promise<Loaded<S>> {
  const events = await store.readStream(stream);
  let state = initial();
  for (const event of events) state = evolve(state, event as unknown as E);
  return { state, version: events.at(-1)?.streamVersion ?? 0 };
}

const loadOwner = (store: EventStore, ownerId: string) =>
  load<OwnerState, OwnerEvent>(store, streamName.owner(ownerId), initialOwnerState, evolveOwner);

/**
 * The appends that make a new account a member of every workspace inviting its address (the
 * invitations' index, then each workspace it names), decided on what the store holds now.
 */
async function joinsOnRegistration(
  store: EventStore,
  account: Readonly<{ ownerId: string; email: string }>,
  at: (events: readonly { type: string; data: unknown }[]) => NewEvent[],
): Promise<StreamAppend[]> {
  const indexStream = invitationsStreamName(emailSha256(account.email));
  const index = await load(
    store,
    indexStream,
    invitationsByEmailFolder.initialState,
    invitationsByEmailFolder.evolve,
  );
  if (index.state.size === 0) return [];
  const workspaces = await Promise.all(
    [...index.state.keys()].map(async (id) => {
      const loaded = await load<WorkspaceState, never>(
        store,
        streamName.workspace(id),
        workspaceDecider.initialState,
        workspaceDecider.evolve,
      );
      return [id, loaded] as const;
    }),
  );
  const states = new Map(workspaces.map(([id, loaded]) => [id, loaded.state]));
  const joins = decideRegistrationJoins(account, index.state, states);
  if (joins.index.length === 0) return [];
  const versions = new Map(workspaces.map(([id, loaded]) => [id, loaded.version]));
  return [
    { stream: indexStream, events: at(joins.index), expectedVersion: expectedFor(index.version) },
    ...[...joins.workspaces].map(([id, events]) => ({
      stream: streamName.workspace(id),
      events: at(events),
      expectedVersion: expectedFor(versions.get(id) ?? 0),
    })),
  ];
}

const loadEmail = (store: EventStore, email: string) =>
  load<EmailReservationState, EmailReservationEvent>(
    store,
    emailStreamName(email),
    initialEmailReservation,
    evolveEmailReservation,
  );

function viewOf(ownerId: string, state: OwnerState): AccountView | null {
  const account = accountOf(state);
  return account === null ? null : { ownerId, ...account };
}

/**
 * The account side of the identity service: the shell around the Owner decider. Every change is
 * load → decide → one atomic appendToStreams with the versions read, re-decided on a conflict.
 * Password hashes go to the credential store, never into events.
 */
export function createAccounts({
  eventStore,
  credentials,
  scrypt = defaultScryptParams,
  retries = 5,
}: AccountsOptions): Accounts {
  // Verified against when the email is unknown, so a miss costs as much time as a wrong password.
  const dummyHash = hashPassword(randomBytes(16).toString('hex'), scrypt);

  const newEvents = <E extends { type: string; data: unknown }>(
    events: readonly E[],
    userId: string,
    correlationId: string,
    now: string,
  ): NewEvent[] =>
    events.map((event) => ({
      type: event.type,
      data: event.data,
      metadata: { userId, correlationId, causationId: correlationId },
      occurredAt: now,
    }));

  async function retrying<T>(attempt: () => Promise<T>): Promise<T> {
    for (let tried = 0; ; tried++) {
      try {
        return await attempt();
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError) || tried >= retries) throw error;
      }
    }
  }

  async function appendRegistration(command: RegisterOwner, email: string): Promise<AccountView> {
    const correlationId = randomUUID();
    return retrying(async () => {
      const { ownerId } = command.data;
      const [owner, reservation, system] = await Promise.all([
        loadOwner(eventStore, ownerId),
        loadEmail(eventStore, email),
        load<SystemAccountsState, SystemAccountsEvent>(
          eventStore,
          accountStreamName.systemAccounts,
          initialSystemAccounts,
          evolveSystemAccounts,
        ),
      ]);
      const decided = decideRegistration(command, {
        owner: owner.state,
        email: reservation.state,
        system: system.state,
      });
      const at = (events: readonly { type: string; data: unknown }[]) =>
        newEvents(events, command.metadata.userId, correlationId, command.metadata.now);
      const appends: StreamAppend[] = [
        {
          stream: streamName.owner(ownerId),
          events: at(decided.owner),
          expectedVersion: expectedFor(owner.version),
        },
        {
          stream: emailStreamName(email),
          events: at(decided.email),
          expectedVersion: expectedFor(reservation.version),
        },
      ];
      if (decided.system.length > 0) {
        appends.push({
          stream: accountStreamName.systemAccounts,
          events: at(decided.system),
          expectedVersion: expectedFor(system.version),
        });
      }
      // Invitations to this address become memberships in the same atomic append.
      appends.push(...(await joinsOnRegistration(eventStore, { ownerId, email }, at)));
      await eventStore.appendToStreams(appends);
      return viewOf(ownerId, decided.owner.reduce(evolveOwner, owner.state))!;
    });
  }

  async function decideAndAppend(command: OwnerAccountCommand): Promise<OwnerState> {
    const correlationId = randomUUID();
    return retrying(async () => {
      const { ownerId } = command.data;
      const actorId = command.metadata.userId;
      const owner = await loadOwner(eventStore, ownerId);
      const actor = actorId === ownerId ? owner : await loadOwner(eventStore, actorId);
      const newEmail = emailChangeOf(command, owner.state);
      const reservation =
        newEmail === null
          ? { state: initialEmailReservation(), version: 0 }
          : await loadEmail(eventStore, newEmail);
      const decided = decideOwnerAccount(command, {
        owner: owner.state,
        actor: actor.state,
        newEmail: reservation.state,
      });
      if (decided.owner.length === 0) return owner.state;
      const at = (events: readonly { type: string; data: unknown }[]) =>
        newEvents(events, actorId, correlationId, command.metadata.now);
      const appends: StreamAppend[] = [
        {
          stream: streamName.owner(ownerId),
          events: at(decided.owner),
          expectedVersion: expectedFor(owner.version),
        },
      ];
      const previous = accountOf(owner.state);
      if (newEmail !== null && decided.reservedEmail.length > 0 && previous !== null) {
        const old = await loadEmail(eventStore, previous.email);
        appends.push(
          {
            stream: emailStreamName(newEmail),
            events: at(decided.reservedEmail),
            expectedVersion: expectedFor(reservation.version),
          },
          {
            stream: emailStreamName(previous.email),
            events: at(decided.releasedEmail),
            expectedVersion: expectedFor(old.version),
          },
        );
      }
      await eventStore.appendToStreams(appends);
      return decided.owner.reduce(evolveOwner, owner.state);
    });
  }

  const metadataFor = (userId: string) => ({ userId, now: new Date().toISOString() });

  return {
    async register({ displayName, email, password, role, actor }) {
      const name = requireName('displayName', displayName);
      const normalized = normalizeEmail(email);
      const problem = passwordProblem(password, { email: normalized, displayName: name });
      if (problem !== null) throw new PasswordRejected('password', problem);
      const ownerId = randomUUID();
      // The hash is stored first under a fresh id nobody can sign in with until the events
      // below name it; a failed registration deletes it again.
      await credentials.set(ownerId, await hashPassword(password, scrypt));
      try {
        return await appendRegistration(
          {
            type: 'RegisterOwner',
            data: { ownerId, displayName: name, email: normalized, role },
            metadata: metadataFor(actor ?? ownerId),
          },
          normalized,
        );
      } catch (error) {
        await credentials.delete(ownerId);
        throw error;
      }
    },

    async authenticate(email, password) {
      let ownerId: string | null = null;
      try {
        ownerId = emailHolder((await loadEmail(eventStore, normalizeEmail(email))).state);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
      }
      const stored = ownerId === null ? null : await credentials.get(ownerId);
      const matches = await verifyPassword(password, stored ?? (await dummyHash));
      if (ownerId === null || stored === null || !matches) return { ok: false, reason: 'invalid' };
      const account = viewOf(ownerId, (await loadOwner(eventStore, ownerId)).state);
      if (account === null) return { ok: false, reason: 'invalid' };
      if (account.status !== 'active') return { ok: false, reason: 'deactivated' };
      return { ok: true, account };
    },

    async find(ownerId) {
      return viewOf(ownerId, (await loadOwner(eventStore, ownerId)).state);
    },

    async changePassword(ownerId, { current, next }) {
      const owner = (await loadOwner(eventStore, ownerId)).state;
      const account = viewOf(ownerId, owner);
      const stored = await credentials.get(ownerId);
      if (account === null || stored === null || !(await verifyPassword(current, stored))) {
        throw new ValidationError('currentPassword', 'is not your current password');
      }
      const problem = passwordProblem(next, account);
      if (problem !== null) throw new PasswordRejected('newPassword', problem);
      const command: OwnerAccountCommand = {
        type: 'ChangeOwnerPassword',
        data: { ownerId },
        metadata: metadataFor(ownerId),
      };
      // Decided before the hash is stored (a deactivated account cannot), recorded after.
      decideOwnerAccount(command, { owner, actor: owner, newEmail: initialEmailReservation() });
      await credentials.set(ownerId, await hashPassword(next, scrypt));
      await decideAndAppend(command);
    },

    async updateProfile(ownerId, { displayName, email }) {
      const state = await decideAndAppend({
        type: 'UpdateOwnerProfile',
        data: { ownerId, displayName, email },
        metadata: metadataFor(ownerId),
      });
      return viewOf(ownerId, state)!;
    },

    async execute(command) {
      await decideAndAppend(command);
    },
  };
}
