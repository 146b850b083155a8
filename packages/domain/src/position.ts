import { generateKeyBetween } from 'fractional-indexing';
import { ValidationError } from './errors';

// The library's default alphabet; anything else is a key a client made up.
const positionKeyPattern = /^[0-9A-Za-z]+$/;
const digits = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** Characters of the id-derived tail; fixed, so two keys with different tails never coincide. */
const tailLength = 7;

function requirePositionKey(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || !positionKeyPattern.test(value)) {
    throw new ValidationError('position', `${JSON.stringify(value)} is not a position key`);
  }
  return value;
}

/** cyrb53: a fast, well-mixed 53-bit string hash (no crypto needed: it only spreads ids apart). */
function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * The base-62 tail an id adds to its keys: 7 characters (~41 bits), the last never '0' (the
 * library refuses keys with a trailing zero).
 */
export function positionTail(id: string): string {
  let h = hash53(id);
  let tail = digits[1 + (h % 61)] as string;
  h = Math.floor(h / 61);
  for (let i = 1; i < tailLength; i++) {
    tail = (digits[h % 62] as string) + tail;
    h = Math.floor(h / 62);
  }
  return tail;
}

/**
 * A fractional position key strictly between two neighbours' keys (null or missing = that end
 * of the list). Keys compare by plain code-unit order (`<`), which is also what SQLite's BINARY
 * collation and MongoDB's default string order do, so read stores can sort on them directly.
 *
 * With `id` (the task or card being placed), the key ends in that id's tail, so two clients
 * who race into the same gap with different items get different keys (and the same item into
 * the same gap always gets the same key, so a repeated move stays a no-op). Keys that differ
 * only by tail are distinct unless two ids' 41-bit hashes collide; the id tie-break of
 * `comparePositions` still orders that case.
 */
export function positionBetween(
  after?: string | null,
  before?: string | null,
  id?: string,
): string {
  const low = requirePositionKey(after);
  const high = requirePositionKey(before);
  // The library accepts its bounds in either order; a reversed pair means a confused client.
  if (low !== null && high !== null && !(low < high)) {
    throw new ValidationError('position', 'after must sort before before');
  }
  try {
    let key = generateKeyBetween(low, high);
    if (id === undefined) return key;
    // key + tail stays below `before` only if key differs from it before key ends; each step
    // toward `before` is strictly between, and lengthens the shared prefix, so this ends.
    while (high?.startsWith(key)) key = generateKeyBetween(key, high);
    return key + positionTail(id);
  } catch (error) {
    throw new ValidationError('position', error instanceof Error ? error.message : String(error));
  }
}

/** Integer units per millisecond of a time-derived key (62²): see `positionAtEndAsOf`. */
const unitsPerMs = 3844n;

/**
 * The key of an item appended to the end of a list whose keys the caller cannot see (a task
 * created without neighbours: the board state does not hold task positions), derived from the
 * instant the command was accepted: a fractional-indexing integer of `instant` in 1/3844 ms,
 * plus `id`'s tail. It sorts after every key placed before `instant` — keys made from neighbours
 * (head 'a', 'b': 1–2 digits) and earlier time keys (head 'i': 9 digits until 2081, then 'j',
 * which still sorts after) — and after any key moved to the end since, unless 3,844 end-moves
 * land within the same millisecond. Two appends in the same millisecond are ordered by tail,
 * and a clock set back (another instance's skew) places an append that much earlier.
 */
export function positionAtEndAsOf(instant: string, id: string): string {
  const ms = Date.parse(instant);
  if (!Number.isFinite(ms) || ms < 0) throw new Error(`${instant} is not an instant`);
  let units = BigInt(ms) * unitsPerMs;
  let integer = '';
  do {
    integer = (digits[Number(units % 62n)] as string) + integer;
    units /= 62n;
  } while (units > 0n);
  const head = String.fromCharCode('a'.charCodeAt(0) + integer.length - 1);
  return head + integer + positionTail(id);
}

/** The key after every key in `positions`, to append at the end (with `id`'s tail, if given). */
export function positionAfterAll(positions: Iterable<string>, id?: string): string {
  let last: string | null = null;
  for (const position of positions) if (last === null || position > last) last = position;
  return positionBetween(last, null, id);
}

/**
 * The one ordering rule for cards within a board and tasks within a card: by position key, ties
 * broken by id. Keys placed with an id are distinct; older keys (and a hash collision) can tie,
 * and the id makes the order total so every reader shows the same list.
 */
export function comparePositions(
  a: Readonly<{ position: string; id: string }>,
  b: Readonly<{ position: string; id: string }>,
): number {
  if (a.position !== b.position) return a.position < b.position ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}

/** A sorted copy of `items` by `comparePositions`. */
export function sortByPosition<T extends Readonly<{ position: string }>>(
  items: Iterable<T>,
  idOf: (item: T) => string,
): T[] {
  return [...items].sort((a, b) =>
    comparePositions({ position: a.position, id: idOf(a) }, { position: b.position, id: idOf(b) }),
  );
}
