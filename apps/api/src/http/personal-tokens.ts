import { createHash, timingSafeEqual } from 'node:crypto';
import {
  type PersonalToken,
  type PersonalTokensState,
  personalTokenDecider,
  streamName,
} from '@taskomask/domain';
import type { EventStore } from '@taskomask/eventstore';
import { Problem, unavailable } from './problem';

/** SHA-256 (hex) of a token's secret: what `PersonalTokenCreated` keeps. */
export const secretHashOf = (secret: string): string =>
  createHash('sha256').update(secret, 'utf8').digest('hex');

/** True when `secret` hashes to `hash`, compared in constant time. */
export function secretMatches(secret: string, hash: string): boolean {
  const given = Buffer.from(secretHashOf(secret), 'hex');
  const kept = Buffer.from(hash, 'hex');
  return kept.length === given.length && timingSafeEqual(given, kept);
}

/** The last-used instant of a token, kept beside the log: a checkpoint only moves forward. */
const usedKey = (tokenId: string) => `personal-token-used:${tokenId}`;

/**
 * Personal tokens as the event store has them now. Token state comes from the owner's
 * `tokens-<ownerId>` stream, read on every call but only from the version this process folded
 * last (one short read; nothing new is the usual answer): a revocation appended before the
 * revoke command answered is seen by the very next request, on any instance — no cache to bust.
 *
 * Last use is no event (a request is no change of the token): it is a forward-only named
 * position beside the log (`setCheckpoint`, the same keys the forwarder's checkpoint uses),
 * written at most once per `touchEveryMs` per token by each process.
 */
export type PersonalTokenStore = Readonly<{
  tokensOf(ownerId: string): Promise<PersonalTokensState>;
  lastUsed(tokenId: string): Promise<number | null>;
  /** Records a use now, unless this process recorded one less than `touchEveryMs` ago. */
  touch(tokenId: string): Promise<void>;
}>;

type TokenEventStore = Pick<EventStore, 'readStream' | 'getCheckpoint' | 'setCheckpoint'>;

async function orUnavailable<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof Problem) throw error;
    throw unavailable('event store', error);
  }
}

export function eventStorePersonalTokens(
  store: TokenEventStore,
  options: { touchEveryMs?: number; now?: () => number; max?: number } = {},
): PersonalTokenStore {
  const touchEveryMs = options.touchEveryMs ?? 60_000;
  const now = options.now ?? Date.now;
  const max = options.max ?? 10_000;
  const folded = new Map<string, { version: number; state: PersonalTokensState }>();
  const touched = new Map<string, number>();
  const remember = <V>(map: Map<string, V>, key: string, value: V) => {
    map.delete(key);
    if (map.size >= max) map.delete(map.keys().next().value as string);
    map.set(key, value);
  };
  return {
    async tokensOf(ownerId) {
      const stream = streamName.tokens(ownerId);
      const known = folded.get(ownerId);
      const events = await orUnavailable(() =>
        store.readStream(
          stream,
          known === undefined ? undefined : { fromVersion: known.version + 1 },
        ),
      );
      if (events.length === 0) return known?.state ?? personalTokenDecider.initialState();
      let state = known?.state ?? personalTokenDecider.initialState();
      for (const event of events) state = personalTokenDecider.evolve(state, event as never);
      const version = events.at(-1)!.streamVersion;
      // A concurrent read may have folded further already: keep the newer one.
      const latest = folded.get(ownerId);
      if (latest === undefined || latest.version < version) {
        remember(folded, ownerId, { version, state });
      }
      return state;
    },
    async lastUsed(tokenId) {
      const at = await orUnavailable(() => store.getCheckpoint(usedKey(tokenId)));
      return at > 0 ? at : null;
    },
    async touch(tokenId) {
      const at = now();
      const last = touched.get(tokenId);
      if (last !== undefined && at - last < touchEveryMs) return;
      remember(touched, tokenId, at);
      await orUnavailable(() => store.setCheckpoint(usedKey(tokenId), at));
    },
  };
}

export type TokenStatus = 'active' | 'expired' | 'revoked';

export function statusOf(token: PersonalToken, at: number): TokenStatus {
  if (token.revokedAt !== null) return 'revoked';
  if (token.expiresAt !== null && Date.parse(token.expiresAt) <= at) return 'expired';
  return 'active';
}
