import { z } from 'zod';
import { invalidFields } from '../http/problem';

/**
 * Opaque page cursors: the sort key of the last item a page held, as base64url JSON. Clients
 * pass them back untouched; anything else is a 400 naming `cursor`.
 */
export function cursorCodec<T>(schema: z.ZodType<T>) {
  return {
    encode: (value: T): string => Buffer.from(JSON.stringify(value)).toString('base64url'),
    decode(text: string | undefined): T | undefined {
      if (text === undefined) return undefined;
      let value: unknown;
      try {
        value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
      } catch {
        value = undefined;
      }
      const parsed = schema.safeParse(value);
      if (!parsed.success) {
        throw invalidFields([{ field: 'cursor', reason: 'must be a cursor from a previous page' }]);
      }
      return parsed.data;
    },
  };
}

export const positionCursor = cursorCodec(z.tuple([z.int().nonnegative()]));

export type Page<T> = Readonly<{ items: T[]; nextCursor: string | null }>;

/**
 * The page after `after` of `sorted` (ordered by `compare` on keys), with the cursor of its last
 * item when more follow.
 */
export function pageOf<T, K>(
  sorted: readonly T[],
  {
    keyOf,
    compare,
    after,
    limit,
    encode,
  }: {
    keyOf: (item: T) => K;
    compare: (a: K, b: K) => number;
    after: K | undefined;
    limit: number;
    encode: (key: K) => string;
  },
): Page<T> {
  const start =
    after === undefined ? 0 : sorted.findIndex((item) => compare(keyOf(item), after) > 0);
  const rest = start === -1 ? [] : sorted.slice(start);
  const items = rest.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rest.length > limit && last !== undefined ? encode(keyOf(last)) : null,
  };
}

export const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

// By name as people read it (nameKey), then id: stable when two share a name.
export type NameKey = [string, string];
const nameCursor = cursorCodec(z.tuple([z.string(), z.string()]));
const compareNameKeys = (a: NameKey, b: NameKey) =>
  compareText(a[0], b[0]) || compareText(a[1], b[1]);

/** Sorts `items` by their name key and answers the page after `cursor`. */
export function pageByName<T>(
  items: readonly T[],
  keyOf: (item: T) => NameKey,
  { cursor, limit }: { cursor?: string | undefined; limit: number },
): Page<T> {
  const sorted = items
    .map((item) => ({ item, key: keyOf(item) }))
    .sort((a, b) => compareNameKeys(a.key, b.key));
  const page = pageOf(sorted, {
    keyOf: (entry) => entry.key,
    compare: compareNameKeys,
    after: nameCursor.decode(cursor),
    limit,
    encode: nameCursor.encode,
  });
  return { items: page.items.map((entry) => entry.item), nextCursor: page.nextCursor };
}
