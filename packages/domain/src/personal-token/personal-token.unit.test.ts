import { describe, expect, it } from 'vitest';
import {
  AlreadyExists,
  ForbiddenError,
  NotFoundError,
  RuleViolation,
  ValidationError,
} from '../errors';
import { foldEvents } from '../fold';
import { limits } from '../limits';
import type { OwnerEvent } from '../owner/events';
import { ownerDecider } from '../owner/index';
import { by, now } from '../testing/fixtures';
import { spec } from '../testing/spec';
import { personalTokensByAdmin, personalTokensOfCaller } from '../write-models';
import type { CreatePersonalToken, RevokePersonalToken } from './commands';
import { personalTokenDecider } from './decide';
import type { PersonalTokenEvent } from './events';
import { isUsable, usableTokens } from './state';

const hash = 'a'.repeat(64);
const given = (events: PersonalTokenEvent[]) => spec(personalTokenDecider).given(events);
const create = (
  data: Partial<CreatePersonalToken['data']> = {},
  actor = 'alice',
): CreatePersonalToken => ({
  type: 'CreatePersonalToken',
  data: {
    tokenId: 't1',
    name: 'CI bot',
    scopes: ['read'],
    expiresAt: null,
    secretHash: hash,
    ...data,
  },
  metadata: by(actor),
});
const created = (
  tokenId = 't1',
  data: Partial<PersonalTokenEvent['data']> = {},
): PersonalTokenEvent => ({
  type: 'PersonalTokenCreated',
  data: {
    ownerId: 'alice',
    tokenId,
    name: 'CI bot',
    scopes: ['read'],
    createdAt: now,
    expiresAt: null,
    secretHash: hash,
    ...data,
  } as never,
});
const revoke = (tokenId = 't1', actor = 'alice', ownerId?: string): RevokePersonalToken => ({
  type: 'RevokePersonalToken',
  data: ownerId === undefined ? { tokenId } : { ownerId, tokenId },
  metadata: by(actor),
});
const inDays = (days: number) => new Date(Date.parse(now) + days * 86_400_000).toISOString();

describe('personal tokens (personalTokenDecider)', () => {
  it('records a token with its name, scopes in a fixed order, expiry and the secret’s hash', () => {
    given([])
      .when(
        create({ name: '  CI bot ', scopes: ['write', 'read', 'write'], expiresAt: inDays(30) }),
      )
      .then([created('t1', { scopes: ['read', 'write'], expiresAt: inDays(30) })]);
  });

  it('refuses a bad name, no or unknown scopes, and an expiry in the past or too far away', () => {
    given([])
      .when(create({ name: 'ab' }))
      .thenThrows(ValidationError, { field: 'name' });
    given([])
      .when(create({ scopes: [] }))
      .thenThrows(ValidationError, { field: 'scopes' });
    given([])
      .when(create({ scopes: ['admin' as 'read'] }))
      .thenThrows(ValidationError, { field: 'scopes' });
    given([])
      .when(create({ expiresAt: now }))
      .thenThrows(ValidationError, { field: 'expiresAt' });
    given([])
      .when(create({ expiresAt: 'tomorrow' }))
      .thenThrows(ValidationError, { field: 'expiresAt' });
    given([])
      .when(create({ expiresAt: inDays(limits.personalTokenMaxDays + 1) }))
      .thenThrows(ValidationError, { field: 'expiresAt' });
    given([])
      .when(create({ expiresAt: inDays(limits.personalTokenMaxDays) }))
      .then([created('t1', { expiresAt: inDays(limits.personalTokenMaxDays) })]);
  });

  it('refuses a second token with the same id, and more usable tokens than the limit', () => {
    given([created()]).when(create()).thenThrows(AlreadyExists, { entity: 'personal_token' });
    const full = Array.from({ length: limits.personalTokensPerOwner }, (_, i) =>
      created(`t${i + 2}`),
    );
    given(full).when(create()).thenThrows(RuleViolation, { rule: 'token_limit' });
    // Revoked and expired tokens do not count.
    const revoked: PersonalTokenEvent = {
      type: 'PersonalTokenRevoked',
      data: { ownerId: 'alice', tokenId: 't2', revokedAt: now, revokedBy: 'alice' },
    };
    given([...full, revoked])
      .when(create())
      .then([created()]);
    const expiring = [created('t2', { expiresAt: '2025-02-01T00:00:00.000Z' }), ...full.slice(1)];
    given(expiring).when(create()).then([created()]);
  });

  it('never records the secret itself, only a SHA-256 digest (anything else is a shell bug)', () => {
    given([])
      .when(create({ secretHash: 'tmpat_secret' }))
      .thenThrows(Error);
    const events = given([]).when(create()).events();
    expect(Object.keys(events[0]!.data)).not.toContain('secret');
  });

  it('revokes once; a second revocation is a no-op; an unknown token is not found', () => {
    given([created()])
      .when(revoke())
      .then([
        {
          type: 'PersonalTokenRevoked',
          data: { ownerId: 'alice', tokenId: 't1', revokedAt: now, revokedBy: 'alice' },
        },
      ]);
    const state = foldEvents(personalTokenDecider, [
      created(),
      ...given([created()]).when(revoke()).events(),
    ]);
    expect(personalTokenDecider.decide(revoke(), state)).toEqual([]);
    expect(isUsable(state.tokens.get('t1')!, now)).toBe(false);
    given([created()]).when(revoke('t9')).thenThrows(NotFoundError, { entity: 'personal_token' });
    // Another person's stream never answers for the caller's own token.
    given([created()]).when(revoke('t1', 'bob')).thenThrows(NotFoundError);
  });

  it('counts only tokens neither revoked nor expired as usable', () => {
    const state = foldEvents(personalTokenDecider, [
      created('t1'),
      created('t2', { expiresAt: '2025-03-01T09:00:01.000Z' }),
    ]);
    expect(usableTokens(state, now).map((t) => t.tokenId)).toEqual(['t1', 't2']);
    expect(usableTokens(state, '2025-03-01T09:00:01.000Z').map((t) => t.tokenId)).toEqual(['t1']);
  });
});

describe('personal tokens’ write models', () => {
  const registered = (ownerId: string, role: 'admin' | 'user'): OwnerEvent => ({
    type: 'OwnerRegistered',
    data: { ownerId, displayName: `${ownerId} person`, email: `${ownerId}@example.com`, role },
  });
  const tokens = foldEvents(personalTokenDecider, [created()]);

  it('decides the caller’s own commands on the caller’s own stream, whatever owner is named', () => {
    const [read] = personalTokensOfCaller.reads;
    expect(read!.stream('ignored', [create()], {} as never)).toBe('tokens-alice');
    // A revocation naming someone else is still about the caller's own tokens.
    expect(() =>
      personalTokensOfCaller.decide(revoke('t1', 'bob', 'alice'), {
        tokens: foldEvents(personalTokenDecider, []),
      }),
    ).toThrow(NotFoundError);
    expect(
      personalTokensOfCaller.decide(revoke('t1', 'alice', 'mallory'), { tokens }).tokens,
    ).toEqual([
      {
        type: 'PersonalTokenRevoked',
        data: { ownerId: 'alice', tokenId: 't1', revokedAt: now, revokedBy: 'alice' },
      },
    ]);
  });

  it('lets only an active account admin revoke another person’s token', () => {
    const root = foldEvents(ownerDecider, [registered('root', 'admin')]);
    expect(
      personalTokensByAdmin.decide(revoke('t1', 'root', 'alice'), { tokens, actor: root }).tokens,
    ).toEqual([
      {
        type: 'PersonalTokenRevoked',
        data: { ownerId: 'alice', tokenId: 't1', revokedAt: now, revokedBy: 'root' },
      },
    ]);
    const bob = foldEvents(ownerDecider, [registered('bob', 'user')]);
    expect(() =>
      personalTokensByAdmin.decide(revoke('t1', 'bob', 'alice'), { tokens, actor: bob }),
    ).toThrow(ForbiddenError);
    const retired = foldEvents(ownerDecider, [
      registered('root', 'admin'),
      { type: 'OwnerDeactivated', data: { ownerId: 'root' } },
    ]);
    expect(() =>
      personalTokensByAdmin.decide(revoke('t1', 'root', 'alice'), { tokens, actor: retired }),
    ).toThrow(ForbiddenError);
  });
});
