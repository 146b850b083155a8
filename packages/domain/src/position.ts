import { generateKeyBetween } from 'fractional-indexing';
import { ValidationError } from './errors';

// The library's default alphabet; anything else is a key a client made up.
const positionKeyPattern = /^[0-9A-Za-z]+$/;

function requirePositionKey(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || !positionKeyPattern.test(value)) {
    throw new ValidationError('position', `${JSON.stringify(value)} is not a position key`);
  }
  return value;
}

/**
 * A fractional position key strictly between two neighbours' keys (null or missing = that end
 * of the list). Keys compare by plain code-unit order (`<`), which is also what SQLite's BINARY
 * collation and MongoDB's default string order do, so read stores can sort on them directly.
 */
export function positionBetween(after?: string | null, before?: string | null): string {
  const low = requirePositionKey(after);
  const high = requirePositionKey(before);
  // The library accepts its bounds in either order; a reversed pair means a confused client.
  if (low !== null && high !== null && !(low < high)) {
    throw new ValidationError('position', 'after must sort before before');
  }
  try {
    return generateKeyBetween(low, high);
  } catch (error) {
    throw new ValidationError('position', error instanceof Error ? error.message : String(error));
  }
}

/** The key after every key in `positions`, to append at the end. */
export function positionAfterAll(positions: Iterable<string>): string {
  let last: string | null = null;
  for (const position of positions) if (last === null || position > last) last = position;
  return positionBetween(last, null);
}

/**
 * The one ordering rule for cards within a board and tasks within a card: by position key, ties
 * broken by id. Two clients that raced into the same gap get the same key; the id makes the order
 * total so every reader shows the same list.
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
