import { invalidFields } from '../http/problem';
import type { CommitSignal } from './commit-signal';
import type { CurrentGeneration } from './current-generation';
import { guardedReadStore, type ScanningQueryStore } from './read-store-guard';

export type ReadAt = Readonly<{
  store: ScanningQueryStore;
  /** The read store's position before any document was read: the answer reflects at least this. */
  position: number;
  /** True when `minPosition` was not reached within the wait. */
  stale: boolean;
}>;

export type ReadPositionOptions = Readonly<{
  /** Longest wait for the read store to reach a `minPosition`; 2 s by default. */
  waitMs?: number;
  /**
   * The projector's commit notices (distributed mode): the wait wakes on them, and reads the
   * position again only every `fallbackPollMs` without one (a lost notice costs that much).
   */
  commits?: CommitSignal;
}>;

/** Without a notice, how often a wait on commit notices reads the position anyway. */
export const fallbackPollMs = 250;

export const defaultMinPositionWaitMs = 2_000;

const pauses = [5, 10, 20, 40, 50] as const;
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The store to answer from, once its position reached `minPosition` (the `position` of a command
 * the client made) or the wait ran out. With the projector's commit notices it wakes on them;
 * without, it polls with a short, growing interval: the read store has no change feed common to
 * both adapters, and `position()` is one indexed row.
 *
 * Still behind after the wait, the query answers anyway — 200 with `X-Stale: true` and the
 * position it reflects — rather than 503: the client asked to see its write, but a slow projector
 * should degrade a page to "a moment old" (the realtime hint that follows makes it refetch) and
 * not to an error page; a client that must have the write checks `X-Stale` and retries.
 */
export async function readAt(
  generation: Pick<CurrentGeneration, 'store'>,
  minPosition: number | undefined,
  { waitMs = defaultMinPositionWaitMs, commits }: ReadPositionOptions = {},
): Promise<ReadAt> {
  let store = guardedReadStore(await generation.store());
  let position = await store.position();
  if (minPosition === undefined || position >= minPosition) {
    return { store, position, stale: false };
  }
  const deadline = Date.now() + waitMs;
  for (let attempt = 0; ; attempt++) {
    const left = deadline - Date.now();
    if (left <= 0) return { store, position, stale: true };
    if (commits === undefined) {
      await pause(Math.min(pauses[Math.min(attempt, pauses.length - 1)]!, left));
    } else {
      await commits.until(minPosition, Math.min(fallbackPollMs, left));
    }
    // A rebuild may have switched generations meanwhile; the new one is the one catching up.
    store = guardedReadStore(await generation.store());
    position = await store.position();
    if (position >= minPosition) return { store, position, stale: false };
  }
}

const headerValue = /^\d{1,15}$/;

/** `X-Min-Position`, when sent: a non-negative integer. */
export function minPositionHeader(value: string | string[] | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !headerValue.test(value.trim())) {
    throw invalidFields([{ field: 'X-Min-Position', reason: 'must be a non-negative integer' }]);
  }
  return Number(value.trim());
}

/** The larger of the query parameter and the header, when either is given. */
export function wantedPosition(...given: (number | undefined)[]): number | undefined {
  const values = given.filter((v): v is number => v !== undefined);
  return values.length === 0 ? undefined : Math.max(...values);
}
