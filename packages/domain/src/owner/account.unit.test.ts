import { describe, expect, it } from 'vitest';
import { ForbiddenError, ValidationError } from '../errors';
import { foldEvents } from '../fold';
import { by } from '../testing/fixtures';
import { spec } from '../testing/spec';
import type { OwnerAccountCommand, OwnerCommand, RegisterOwner } from './commands';
import { normalizeEmail } from './email';
import {
  type EmailReservationEvent,
  evolveEmailReservation,
  initialEmailReservation,
} from './email-reservation';
import { AccountDeactivated, EmailTaken, OwnerAlreadyRegistered, OwnerNotFound } from './errors';
import type { OwnerEvent } from './events';
import { ownerDecider } from './index';
import { decideOwnerAccount, decideRegistration, emailChangeOf } from './owner-account';
import { accountOf } from './state';
import { evolveSystemAccounts, initialSystemAccounts } from './system-accounts';

const given = (events: OwnerEvent[]) => spec(ownerDecider).given(events);
const owner = (...events: OwnerEvent[]) => foldEvents(ownerDecider, events);
const reservation = (...events: EmailReservationEvent[]) =>
  events.reduce(evolveEmailReservation, initialEmailReservation());

const registered = (ownerId = 'alice', role: 'admin' | 'user' = 'user'): OwnerEvent => ({
  type: 'OwnerRegistered',
  data: { ownerId, displayName: 'Alice Liddell', email: `${ownerId}@example.com`, role },
});
const register = (data: Partial<RegisterOwner['data']> = {}): RegisterOwner => ({
  type: 'RegisterOwner',
  data: { ownerId: 'alice', displayName: 'Alice Liddell', email: 'alice@example.com', ...data },
  metadata: by('alice'),
});
const command = (
  type: OwnerAccountCommand['type'],
  ownerId = 'alice',
  actor = ownerId,
): OwnerAccountCommand =>
  type === 'UpdateOwnerProfile'
    ? {
        type,
        data: { ownerId, displayName: 'Alice L.', email: `${ownerId}@example.com` },
        metadata: by(actor),
      }
    : ({ type, data: { ownerId }, metadata: by(actor) } as OwnerAccountCommand);

describe('the owner’s account (ownerDecider, no authorization)', () => {
  it('RegisterOwner validates the name and normalises the email; role defaults to user', () => {
    given([])
      .when(register({ displayName: '  Alice Liddell ', email: ' Alice@Example.COM ' }))
      .then([registered()]);
    given([])
      .when(register({ displayName: 'Al' }))
      .thenThrows(ValidationError, {
        field: 'displayName',
      });
    given([])
      .when(register({ displayName: 'x'.repeat(51) }))
      .thenThrows(ValidationError, { field: 'displayName' });
    given([])
      .when(register({ email: 'alice@' }))
      .thenThrows(ValidationError, { field: 'email' });
    given([])
      .when(register({ role: 'root' as 'admin' }))
      .thenThrows(ValidationError, { field: 'role' });
  });

  it('RegisterOwner keeps workspaces registered before identity existed, refuses a second time', () => {
    const acme: OwnerEvent = {
      type: 'OwnerWorkspaceAdded',
      data: { ownerId: 'alice', workspaceId: 'w1', name: 'Acme' },
    };
    const state = owner(acme, registered());
    expect(state.status === 'recorded' && [...state.workspaces.keys()]).toEqual(['w1']);
    expect(accountOf(state)?.displayName).toBe('Alice Liddell');
    given([registered()]).when(register()).thenThrows(OwnerAlreadyRegistered);
  });

  it('UpdateOwnerProfile changes name and email, is a no-op when nothing changes', () => {
    given([registered()])
      .when(command('UpdateOwnerProfile'))
      .then([
        {
          type: 'OwnerProfileUpdated',
          data: { ownerId: 'alice', displayName: 'Alice L.', email: 'alice@example.com' },
        },
      ]);
    given([registered()])
      .when({
        type: 'UpdateOwnerProfile',
        data: { ownerId: 'alice', displayName: 'Alice Liddell', email: 'ALICE@example.com' },
        metadata: by('alice'),
      })
      .then([]);
  });

  it('ChangeOwnerPassword records the change and nothing secret', () => {
    const events = given([registered()]).when(command('ChangeOwnerPassword')).events();
    expect(events).toEqual([{ type: 'OwnerPasswordChanged', data: { ownerId: 'alice' } }]);
  });

  it('roles and activation change once; repeating is a no-op', () => {
    given([registered()])
      .when(command('GrantAdmin'))
      .then([{ type: 'OwnerAdminGranted', data: { ownerId: 'alice' } }]);
    given([registered('alice', 'admin')])
      .when(command('GrantAdmin'))
      .then([]);
    given([registered('alice', 'admin')])
      .when(command('RevokeAdmin'))
      .then([{ type: 'OwnerAdminRevoked', data: { ownerId: 'alice' } }]);
    given([registered()]).when(command('RevokeAdmin')).then([]);
    const deactivated: OwnerEvent = { type: 'OwnerDeactivated', data: { ownerId: 'alice' } };
    given([registered()]).when(command('DeactivateOwner')).then([deactivated]);
    given([registered(), deactivated]).when(command('DeactivateOwner')).then([]);
    given([registered(), deactivated])
      .when(command('ReactivateOwner'))
      .then([{ type: 'OwnerReactivated', data: { ownerId: 'alice' } }]);
    given([registered()]).when(command('ReactivateOwner')).then([]);
  });

  it('a deactivated account cannot change its profile or password', () => {
    const deactivated: OwnerEvent = { type: 'OwnerDeactivated', data: { ownerId: 'alice' } };
    given([registered(), deactivated])
      .when(command('UpdateOwnerProfile'))
      .thenThrows(AccountDeactivated);
    given([registered(), deactivated])
      .when(command('ChangeOwnerPassword'))
      .thenThrows(AccountDeactivated);
  });

  it('account commands need a registered account', () => {
    for (const type of ['ChangeOwnerPassword', 'GrantAdmin', 'DeactivateOwner'] as const) {
      given([]).when(command(type)).thenThrows(OwnerNotFound, { ownerId: 'alice' });
    }
  });

  it('folds back to the state its decisions reached, from JSON as the store returns it', () => {
    const commands: OwnerCommand[] = [
      register(),
      command('UpdateOwnerProfile'),
      command('GrantAdmin'),
      command('DeactivateOwner'),
      command('ReactivateOwner'),
      command('RevokeAdmin'),
    ];
    let state = ownerDecider.initialState();
    const events: OwnerEvent[] = [];
    for (const c of commands) {
      const decided = ownerDecider.decide(c, state);
      events.push(...decided);
      state = decided.reduce(ownerDecider.evolve, state);
    }
    expect(foldEvents(ownerDecider, JSON.parse(JSON.stringify(events)))).toEqual(state);
    expect(accountOf(state)).toEqual({
      displayName: 'Alice L.',
      email: 'alice@example.com',
      role: 'user',
      status: 'active',
    });
  });

  it('no account event carries a secret', () => {
    const events = [
      registered(),
      ...given([registered()]).when(command('ChangeOwnerPassword')).events(),
    ];
    expect(JSON.stringify(events)).not.toMatch(/password"|hash|salt|secret/i);
  });
});

describe('decideRegistration', () => {
  const free = initialEmailReservation();
  const empty = initialSystemAccounts();
  const started = evolveSystemAccounts(empty, {
    type: 'FirstOwnerRegistered',
    data: { ownerId: 'root' },
  });

  it('makes the first account of an empty system admin and claims system-accounts', () => {
    expect(decideRegistration(register(), { owner: owner(), email: free, system: empty })).toEqual({
      owner: [registered('alice', 'admin')],
      email: [{ type: 'EmailReserved', data: { ownerId: 'alice' } }],
      system: [{ type: 'FirstOwnerRegistered', data: { ownerId: 'alice' } }],
    });
  });

  it('registers later accounts as users (admin only when the shell asks), leaving system alone', () => {
    const later = decideRegistration(register(), { owner: owner(), email: free, system: started });
    expect(later.owner).toEqual([registered('alice', 'user')]);
    expect(later.system).toEqual([]);
    const admin = decideRegistration(register({ role: 'admin' }), {
      owner: owner(),
      email: free,
      system: started,
    });
    expect(admin.owner).toEqual([registered('alice', 'admin')]);
  });

  it('refuses an email another account holds, with the page’s message', () => {
    const taken = reservation({ type: 'EmailReserved', data: { ownerId: 'bob' } });
    expect(() =>
      decideRegistration(register(), { owner: owner(), email: taken, system: started }),
    ).toThrow(new EmailTaken());
    expect(new EmailTaken().message).toBe('email already registered');
    const released = reservation(
      { type: 'EmailReserved', data: { ownerId: 'bob' } },
      { type: 'EmailReleased', data: { ownerId: 'bob' } },
    );
    expect(
      decideRegistration(register(), { owner: owner(), email: released, system: started }).email,
    ).toEqual([{ type: 'EmailReserved', data: { ownerId: 'alice' } }]);
  });
});

describe('decideOwnerAccount', () => {
  const free = initialEmailReservation();
  const alice = owner(registered('alice'));
  const root = owner(registered('root', 'admin'));

  it('lets owners edit their own profile and password, nobody else’s', () => {
    expect(
      decideOwnerAccount(command('ChangeOwnerPassword'), {
        owner: alice,
        actor: alice,
        newEmail: free,
      }).owner,
    ).toEqual([{ type: 'OwnerPasswordChanged', data: { ownerId: 'alice' } }]);
    expect(() =>
      decideOwnerAccount(command('ChangeOwnerPassword', 'alice', 'root'), {
        owner: alice,
        actor: root,
        newEmail: free,
      }),
    ).toThrow(ForbiddenError);
  });

  it('lets only an active admin manage roles and activation, never on their own account', () => {
    const states = { owner: alice, actor: root, newEmail: free };
    expect(decideOwnerAccount(command('DeactivateOwner', 'alice', 'root'), states).owner).toEqual([
      { type: 'OwnerDeactivated', data: { ownerId: 'alice' } },
    ]);
    expect(decideOwnerAccount(command('GrantAdmin', 'alice', 'root'), states).owner).toEqual([
      { type: 'OwnerAdminGranted', data: { ownerId: 'alice' } },
    ]);
    const bob = owner(registered('bob'));
    expect(() =>
      decideOwnerAccount(command('DeactivateOwner', 'alice', 'bob'), {
        owner: alice,
        actor: bob,
        newEmail: free,
      }),
    ).toThrow(ForbiddenError);
    const retired = owner(registered('root', 'admin'), {
      type: 'OwnerDeactivated',
      data: { ownerId: 'root' },
    });
    expect(() =>
      decideOwnerAccount(command('DeactivateOwner', 'alice', 'root'), {
        owner: alice,
        actor: retired,
        newEmail: free,
      }),
    ).toThrow(ForbiddenError);
    for (const type of ['RevokeAdmin', 'DeactivateOwner'] as const) {
      expect(() =>
        decideOwnerAccount(command(type, 'root', 'root'), {
          owner: root,
          actor: root,
          newEmail: free,
        }),
      ).toThrow(/own account/);
    }
  });

  it('moves the email reservation when the email changes, atomically with the profile', () => {
    const change: OwnerAccountCommand = {
      type: 'UpdateOwnerProfile',
      data: { ownerId: 'alice', displayName: 'Alice Liddell', email: 'Liddell@Example.com' },
      metadata: by('alice'),
    };
    expect(emailChangeOf(change, alice)).toBe('liddell@example.com');
    expect(decideOwnerAccount(change, { owner: alice, actor: alice, newEmail: free })).toEqual({
      owner: [
        {
          type: 'OwnerProfileUpdated',
          data: { ownerId: 'alice', displayName: 'Alice Liddell', email: 'liddell@example.com' },
        },
      ],
      reservedEmail: [{ type: 'EmailReserved', data: { ownerId: 'alice' } }],
      releasedEmail: [{ type: 'EmailReleased', data: { ownerId: 'alice' } }],
    });
    const taken = reservation({ type: 'EmailReserved', data: { ownerId: 'bob' } });
    expect(() =>
      decideOwnerAccount(change, { owner: alice, actor: alice, newEmail: taken }),
    ).toThrow(EmailTaken);
    const sameEmail = command('UpdateOwnerProfile');
    expect(emailChangeOf(sameEmail, alice)).toBeNull();
    expect(decideOwnerAccount(sameEmail, { owner: alice, actor: alice, newEmail: taken })).toEqual(
      expect.objectContaining({ reservedEmail: [], releasedEmail: [] }),
    );
  });

  it('refuses an actor state of another owner (a shell bug)', () => {
    expect(() =>
      decideOwnerAccount(command('GrantAdmin', 'alice', 'root'), {
        owner: alice,
        actor: alice,
        newEmail: free,
      }),
    ).toThrow(/given as actor/);
  });
});

describe('normalizeEmail', () => {
  it('trims and lower-cases plausible addresses', () => {
    expect(normalizeEmail('  Alice.Liddell+tm@Example.CO.uk ')).toBe(
      'alice.liddell+tm@example.co.uk',
    );
    expect(normalizeEmail('zoë@exämple.de')).toBe('zoë@exämple.de');
  });

  it('refuses what cannot be an address', () => {
    for (const bad of [
      '',
      'alice',
      'alice@example',
      '@example.com',
      'a@b@example.com',
      'alice@-example.com',
      '.alice@example.com',
      'al..ice@example.com',
      'alice smith@example.com',
      '<script>@example.com',
      `${'a'.repeat(65)}@example.com`,
      `alice@${'a'.repeat(250)}.com`,
      42,
    ]) {
      expect(() => normalizeEmail(bad), String(bad)).toThrow(ValidationError);
    }
  });
});
