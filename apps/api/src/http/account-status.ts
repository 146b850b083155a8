import {
  accountOf,
  foldEvents,
  type OwnerAccount,
  type OwnerView,
  ownerDecider,
  streamName,
} from '@taskomask/domain';
import type { EventStore } from '@taskomask/eventstore';
import type { ReadStore } from '@taskomask/readstore';
import { Problem, unavailable } from './problem';

/** A store that did not answer is a 503 naming it, as every other read of it is. */
async function orUnavailable<T>(dependency: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof Problem) throw error;
    throw unavailable(dependency, error);
  }
}

/** An account as it stands now; null when the store knows no such account. */
export type AccountState = Readonly<{
  status: 'active' | 'deactivated';
  role: OwnerAccount['role'];
}> | null;

/** Reads an account's current state (a keyed read of the local store, never the identity service). */
export type AccountLookup = (ownerId: string) => Promise<AccountState>;

/** Strongly consistent: the owner's own stream in the event store (the command side's truth). */
export function eventStoreAccounts(store: EventStore): AccountLookup {
  return async (ownerId) => {
    const events = await orUnavailable('event store', () =>
      store.readStream(streamName.owner(ownerId)),
    );
    if (events.length === 0) return null;
    const account = accountOf(foldEvents(ownerDecider, events as never));
    return account === null ? null : { status: account.status, role: account.role };
  };
}

/** The `owners` read model (the query side's store), as current as the projector. */
export function readStoreAccounts(store: () => Promise<ReadStore>): AccountLookup {
  return async (ownerId) => {
    const doc = await orUnavailable('read store', async () =>
      (await store()).get<OwnerView>('owners', ownerId),
    );
    const view = doc?.value;
    if (view === undefined || view.status === 'unregistered') return null;
    return { status: view.status, role: view.role };
  };
}

/** Owners deactivated now, from the `owners` read model: what a socket sweep checks. */
export async function deactivatedOwners(store: ReadStore): Promise<ReadonlySet<string>> {
  const docs = await store.find<OwnerView>('owners', { status: 'deactivated' });
  return new Set(docs.map((d) => d.id));
}

/**
 * One read per account per `ttlMs` however many requests it sends: a deactivation is seen by
 * every request at most `ttlMs` after the store has it. Bounded; the oldest entries go first.
 */
export function cachedAccounts(lookup: AccountLookup, ttlMs = 250, max = 10_000): AccountLookup {
  const cache = new Map<string, { at: number; state: Promise<AccountState> }>();
  return (ownerId) => {
    const now = Date.now();
    const hit = cache.get(ownerId);
    if (hit !== undefined && now - hit.at < ttlMs) return hit.state;
    const state = lookup(ownerId);
    // A failed read is not remembered: the next request asks again.
    state.catch(() => cache.delete(ownerId));
    cache.delete(ownerId);
    if (cache.size >= max) cache.delete(cache.keys().next().value as string);
    cache.set(ownerId, { at: now, state });
    return state;
  };
}
