import { AlreadyExists, NotFoundError, RuleViolation, ValidationError } from '../errors';
import type { Decider } from '../event';
import { limits } from '../limits';
import { requireId, requireName } from '../validation';
import type { PersonalTokenCommand } from './commands';
import type { PersonalTokenEvent } from './events';
import {
  initialPersonalTokens,
  type PersonalTokenScope,
  type PersonalTokensState,
  personalTokenScopes,
  usableTokens,
} from './state';

const sha256Hex = /^[0-9a-f]{64}$/;
const dayMs = 86_400_000;

function requireScopes(value: unknown): PersonalTokenScope[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new ValidationError('scopes', 'must name at least one of read, write');
  }
  const scopes = new Set<PersonalTokenScope>();
  for (const scope of value) {
    if (!personalTokenScopes.includes(scope as PersonalTokenScope)) {
      throw new ValidationError('scopes', 'must hold only read and write');
    }
    scopes.add(scope as PersonalTokenScope);
  }
  // In a fixed order, so the same choice always reads the same.
  return personalTokenScopes.filter((s) => scopes.has(s));
}

function requireExpiry(value: unknown, now: string): string | null {
  if (value === null) return null;
  const at = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(at)) throw new ValidationError('expiresAt', 'must be an ISO instant or null');
  const from = Date.parse(now);
  if (at <= from) throw new ValidationError('expiresAt', 'must be in the future');
  if (at > from + limits.personalTokenMaxDays * dayMs) {
    throw new ValidationError(
      'expiresAt',
      `must be at most ${limits.personalTokenMaxDays} days away`,
    );
  }
  return new Date(at).toISOString();
}

/**
 * One owner's personal API tokens. Creation is the owner's own (the shell decides it on the
 * caller's stream); revocation is authorised by the shell's write model (the owner, or an
 * active account admin — see `personalTokensByActor`).
 */
export const personalTokenDecider: Decider<
  PersonalTokenCommand,
  PersonalTokenEvent,
  PersonalTokensState
> = {
  initialState: initialPersonalTokens,
  decide(command, state) {
    const { now, userId } = command.metadata;
    switch (command.type) {
      case 'CreatePersonalToken': {
        const tokenId = requireId('tokenId', command.data.tokenId);
        const name = requireName('name', command.data.name);
        const scopes = requireScopes(command.data.scopes);
        const expiresAt = requireExpiry(command.data.expiresAt, now);
        if (
          typeof command.data.secretHash !== 'string' ||
          !sha256Hex.test(command.data.secretHash)
        ) {
          throw new Error('secretHash must be a SHA-256 hex digest (a shell bug)');
        }
        if (state.ownerId !== null && state.ownerId !== userId) {
          throw new Error(`tokens of ${state.ownerId} given for ${userId} (a shell bug)`);
        }
        if (state.tokens.has(tokenId)) throw new AlreadyExists('personal_token', tokenId);
        if (usableTokens(state, now).length >= limits.personalTokensPerOwner) {
          throw new RuleViolation(
            'token_limit',
            `at most ${limits.personalTokensPerOwner} usable tokens; revoke one first`,
          );
        }
        return [
          {
            type: 'PersonalTokenCreated',
            data: {
              ownerId: userId,
              tokenId,
              name,
              scopes,
              createdAt: now,
              expiresAt,
              secretHash: command.data.secretHash,
            },
          },
        ];
      }
      case 'RevokePersonalToken': {
        const { tokenId } = command.data;
        const ownerId = command.data.ownerId ?? userId;
        const token = state.ownerId === ownerId ? state.tokens.get(tokenId) : undefined;
        if (token === undefined) throw new NotFoundError('personal_token', tokenId);
        if (token.revokedAt !== null) return [];
        return [
          {
            type: 'PersonalTokenRevoked',
            data: { ownerId, tokenId, revokedAt: now, revokedBy: userId },
          },
        ];
      }
      default: {
        const unknown: never = command;
        throw new Error(`unknown personal token command ${(unknown as { type: string }).type}`);
      }
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'PersonalTokenCreated': {
        const { ownerId, tokenId, name, scopes, createdAt, expiresAt, secretHash } = event.data;
        const tokens = new Map(state.tokens);
        tokens.set(tokenId, {
          tokenId,
          name,
          scopes,
          createdAt,
          expiresAt,
          secretHash,
          revokedAt: null,
        });
        return { ownerId, tokens };
      }
      case 'PersonalTokenRevoked': {
        const token = state.tokens.get(event.data.tokenId);
        if (token === undefined) return state;
        const tokens = new Map(state.tokens);
        tokens.set(token.tokenId, { ...token, revokedAt: event.data.revokedAt });
        return { ...state, tokens };
      }
      default:
        return state;
    }
  },
};
