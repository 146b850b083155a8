import {
  type AccountRole,
  accountRoles,
  parsePersonalToken,
  personalTokenGrants,
  personalTokenPrefix,
  type Scope,
} from '@taskomask/contracts';
import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { createRemoteJWKSet, errors, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';
import type { AccountLookup, AccountState } from './account-status';
import { type PersonalTokenStore, secretHashOf, secretMatches, statusOf } from './personal-tokens';
import { Problem, unavailable } from './problem';

/** Who calls, from a verified access token. */
export type Principal = Readonly<{
  /** The token's `sub`: the Owner id. */
  userId: string;
  scopes: ReadonlySet<string>;
  role: AccountRole;
  /** How the caller signed in: an identity-provider access token, or a personal API token. */
  via?: 'access-token' | 'personal-token';
}>;

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by a `bearerAuth(...).require(scope)` hook before the handler runs. */
    principal?: Principal;
  }
}

export type BearerAuthOptions = Readonly<{
  issuer: string;
  audience: string;
  jwksUrl: string;
  /** Pinned; never taken from the token. */
  algorithms?: readonly string[];
  /** Allowed clock skew for exp/nbf/iat, in seconds. */
  clockToleranceSec?: number;
  /**
   * The accounts as they stand now (see account-status.ts): a deactivated account's token is
   * refused and a demoted admin's token counts as a user's, on the request after the store has
   * it, not when the token expires. Without it, the token's claims are taken as they are.
   */
  accounts?: AccountLookup;
  /**
   * Personal API tokens (`tmpat_…`) as the event store has them; without it they are refused.
   * They always go through `accounts` when it is given.
   */
  personalTokens?: PersonalTokenStore;
  /**
   * Where personal tokens' accounts are looked up, when not `accounts`: the query process reads
   * them from the event store (it has it for the tokens anyway), not the projector's read store.
   */
  personalTokenAccounts?: AccountLookup;
  /** The clock personal tokens' expiry is compared with (epoch ms). */
  now?: () => number;
}>;

export interface BearerAuth {
  /** Verifies an `Authorization` header value; throws a 401 (or 503 when the JWKS is unreachable). */
  verify(authorization: string | undefined): Promise<Principal>;
  /** An onRequest hook: verifies the token, demands `scope`, and sets `request.principal`. */
  require(scope: Scope): onRequestAsyncHookHandler;
  /** The account lookup the verifier checks principals against, for sockets to sweep with. */
  readonly accounts: AccountLookup | undefined;
}

export const defaultAlgorithms = ['RS256', 'ES256'] as const;

const realm = 'taskomask';
/** The 401's detail for a deactivated account's token: sockets tell it apart from a revocation. */
export const accountDeactivated = 'the account is deactivated';
// Compared with when a personal token's id is unknown, so that path hashes and compares too.
const unknownTokenHash = secretHashOf('no such token');
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
// RFC 6750 §2.1 b64token.
const bearerPattern = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

function invalidToken(detail: string): Problem {
  return new Problem('unauthorized', detail, {
    headers: {
      'www-authenticate': `Bearer realm="${realm}", error="invalid_token", error_description="${detail}"`,
    },
  });
}

// RFC 6750 §3.1: a request without credentials gets the challenge but no error code.
function missingToken(): Problem {
  return new Problem('unauthorized', 'an access token is required (Authorization: Bearer …)', {
    headers: { 'www-authenticate': `Bearer realm="${realm}"` },
  });
}

export function insufficientScope(scope: Scope): Problem {
  return new Problem('insufficient-scope', `the access token lacks the ${scope} scope`, {
    headers: {
      'www-authenticate': `Bearer realm="${realm}", error="insufficient_scope", scope="${scope}"`,
    },
    extensions: { scope },
  });
}

/** Key-selection failures are the token's fault; anything else (fetch, timeout, bad JWKS) is ours. */
class JwksUnavailable extends Error {}

function guardedKeys(getKey: JWTVerifyGetKey): JWTVerifyGetKey {
  return async (header, token) => {
    try {
      return await getKey(header, token);
    } catch (error) {
      if (
        error instanceof errors.JWKSNoMatchingKey ||
        error instanceof errors.JWKSMultipleMatchingKeys ||
        error instanceof errors.JOSENotSupported
      ) {
        throw error;
      }
      throw new JwksUnavailable('JWKS unavailable', { cause: error });
    }
  };
}

function principalFrom(payload: JWTPayload): Principal {
  const { sub, scope, role } = payload;
  if (typeof sub !== 'string' || !uuidPattern.test(sub)) {
    throw invalidToken('the sub claim must be a UUID');
  }
  if (scope !== undefined && typeof scope !== 'string') {
    throw invalidToken('the scope claim must be a string');
  }
  if (role !== undefined && !accountRoles.includes(role as AccountRole)) {
    throw invalidToken('the role claim is not a known role');
  }
  return {
    userId: sub.toLowerCase(),
    scopes: new Set((scope ?? '').split(' ').filter((s) => s !== '')),
    role: (role as AccountRole | undefined) ?? 'user',
    via: 'access-token',
  };
}

/**
 * Verifies bearer JWTs against the identity provider's JWKS (fetched and cached by jose), with
 * the algorithm list, issuer, audience, exp and nbf all checked.
 */
export function bearerAuth(options: BearerAuthOptions): BearerAuth {
  const keys = guardedKeys(createRemoteJWKSet(new URL(options.jwksUrl)));
  const algorithms = [...(options.algorithms ?? defaultAlgorithms)];
  const clockTolerance = options.clockToleranceSec ?? 30;
  // A client sends the same token with every request until it expires: remember the tokens that
  // verified (by their exact text) until their own expiry, so the signature is checked once, not
  // on every command. Bounded; the oldest entries go first.
  const verified = new Map<string, { principal: Principal; expiresAt: number }>();

  const now = options.now ?? Date.now;

  async function verify(authorization: string | undefined): Promise<Principal> {
    if (authorization === undefined || authorization.trim() === '') throw missingToken();
    const token = bearerPattern.exec(authorization)?.[1];
    if (token === undefined) throw invalidToken('the Authorization header is not a Bearer token');
    if (token.startsWith(personalTokenPrefix)) return verifyPersonalToken(token);
    const principal = await verifyToken(token);
    return options.accounts === undefined ? principal : asItStands(principal, options.accounts);
  }

  // Never cached: the token's stream is read (from the version last folded) on every request,
  // so a revocation holds on the next one.
  async function verifyPersonalToken(token: string): Promise<Principal> {
    const store = options.personalTokens;
    if (store === undefined) throw invalidToken('personal API tokens are not accepted here');
    const parts = parsePersonalToken(token);
    if (parts === null) throw invalidToken('the personal API token is malformed');
    const found = (await store.tokensOf(parts.ownerId)).tokens.get(parts.tokenId);
    // Hashed and compared whether or not the token exists: the time taken tells nothing.
    const matches = secretMatches(parts.secret, found?.secretHash ?? unknownTokenHash);
    if (found === undefined || !matches) throw invalidToken('the personal API token is invalid');
    const status = statusOf(found, now());
    if (status === 'revoked') throw invalidToken('the personal API token was revoked');
    if (status === 'expired') throw invalidToken('the personal API token has expired');
    let role: AccountRole = 'user';
    const accounts = options.personalTokenAccounts ?? options.accounts;
    if (accounts !== undefined) {
      const state = await accounts(parts.ownerId);
      if (state?.status === 'deactivated') throw invalidToken(accountDeactivated);
      // The person's own permissions as they stand now: an admin's token is an admin's.
      if (state !== null) role = state.role;
    }
    await store.touch(parts.tokenId);
    return {
      userId: parts.ownerId,
      scopes: new Set(found.scopes.flatMap((scope) => personalTokenGrants[scope])),
      role,
      via: 'personal-token',
    };
  }

  async function verifyToken(token: string): Promise<Principal> {
    const known = verified.get(token);
    if (known !== undefined && Date.now() < known.expiresAt) return known.principal;
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms,
        clockTolerance,
        requiredClaims: ['sub', 'exp'],
      });
      const principal = principalFrom(payload);
      if (verified.size >= 10_000) verified.delete(verified.keys().next().value as string);
      // Without the clock tolerance: a cached token never outlives its exp.
      verified.set(token, { principal, expiresAt: (payload.exp as number) * 1000 });
      return principal;
    } catch (error) {
      if (error instanceof Problem) throw error;
      if (error instanceof JwksUnavailable) throw unavailable('identity provider', error.cause);
      if (error instanceof errors.JWTExpired) throw invalidToken('the access token has expired');
      if (error instanceof errors.JOSEError) throw invalidToken('the access token is invalid');
      throw error;
    }
  }

  return {
    verify,
    accounts: options.accounts,
    require(scope) {
      return async (request: FastifyRequest) => {
        const principal = await verify(request.headers.authorization);
        if (!principal.scopes.has(scope)) throw insufficientScope(scope);
        request.principal = principal;
      };
    },
  };
}

/** The principal as its account stands now: refused when deactivated, a user when demoted. */
async function asItStands(principal: Principal, accounts: AccountLookup): Promise<Principal> {
  const state: AccountState = await accounts(principal.userId);
  if (state === null) return principal;
  if (state.status === 'deactivated') throw invalidToken(accountDeactivated);
  if (principal.role === 'admin' && state.role !== 'admin') return { ...principal, role: 'user' };
  return principal;
}

/** The caller of a route guarded by `require`; a route without the hook is a wiring bug. */
export function principalOf(request: FastifyRequest): Principal {
  if (request.principal === undefined) throw new Error(`no principal on ${request.url}`);
  return request.principal;
}
