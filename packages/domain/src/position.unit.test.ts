import fc from 'fast-check';
import { generateKeyBetween } from 'fractional-indexing';
import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors';
import {
  comparePositions,
  positionAfterAll,
  positionBetween,
  positionTail,
  sortByPosition,
} from './position';

describe('positionBetween', () => {
  it('makes a key strictly between its neighbours, or at either end', () => {
    expect(positionBetween(null, null)).toBe('a0');
    expect(positionBetween('a0', null)).toBe('a1');
    expect(positionBetween(undefined, 'a0')).toBe('Zz');
    const middle = positionBetween('a0', 'a1');
    expect('a0' < middle && middle < 'a1').toBe(true);
  });

  it.each([
    ['a key outside the alphabet', 'a0 ', null],
    ['an empty key', '', null],
    ['a malformed key', 'zz', null],
    ['a key with a trailing zero', 'a00', null],
    ['reversed neighbours', 'a1', 'a0'],
    ['equal neighbours', 'a1', 'a1'],
  ])('refuses %s', (_, after, before) => {
    expect(() => positionBetween(after, before)).toThrow(ValidationError);
    try {
      positionBetween(after, before);
    } catch (error) {
      expect(error).toMatchObject({ field: 'position', code: 'validation' });
    }
  });

  it('keeps finding room between ever closer neighbours', () => {
    let low = 'a0';
    const high = 'a1';
    for (let i = 0; i < 50; i++) {
      const next = positionBetween(low, high);
      expect(low < next && next < high).toBe(true);
      low = next;
    }
  });

  it('positionAfterAll appends after the greatest key', () => {
    expect(positionAfterAll([])).toBe('a0');
    expect(positionAfterAll(['a1', 'a3', 'a2'])).toBe('a4');
  });
});

describe('the ordering rule', () => {
  it('sorts by position, then by id, so equal keys still have one order', () => {
    const items = [
      { id: 'b', position: 'a1' },
      { id: 'c', position: 'a0' },
      { id: 'a', position: 'a1' },
      { id: 'd', position: 'Zz' },
    ];
    expect(sortByPosition(items, (i) => i.id).map((i) => i.id)).toEqual(['d', 'c', 'a', 'b']);
    expect(items.map((i) => i.id)).toEqual(['b', 'c', 'a', 'd']);
  });

  it('compares by code unit, not locale: upper case sorts before lower case', () => {
    expect(comparePositions({ position: 'Zz', id: 'x' }, { position: 'a0', id: 'x' })).toBe(-1);
    expect(comparePositions({ position: 'a0', id: 'y' }, { position: 'a0', id: 'x' })).toBe(1);
    expect(comparePositions({ position: 'a0', id: 'x' }, { position: 'a0', id: 'x' })).toBe(0);
  });
});

// Issue 8 §2: two clients racing into the same gap must not get the same key.
describe('position keys placed with an id (property-based)', () => {
  const base62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  const heads = base62.slice(10);
  const digit = fc.constantFrom(...base62);
  /** Any key the library accepts: an integer part of the length its head says, a fraction. */
  const anyKey = fc
    .tuple(
      // Mostly the heads real lists use, so integer parts meet and keys share prefixes.
      fc.oneof(fc.constantFrom('Z', 'a', 'b'), fc.constantFrom(...heads)),
      fc.array(digit, { maxLength: 27 }),
      fc.array(digit, { maxLength: 6 }),
    )
    .map(([head, intDigits, fraction]) => {
      const i = heads.indexOf(head);
      const intLength = i < 26 ? 26 - i + 1 : i - 26 + 2;
      const int = (head + intDigits.join('').padEnd(intLength - 1, '1')).slice(0, intLength);
      return int + fraction.join('').replace(/0+$/, '');
    })
    .filter((key) => key !== `A${'0'.repeat(26)}`);
  /** Neighbour pairs, often one a prefix of the other (the case a naive tail gets wrong). */
  type Gap = readonly [string | null, string | null];
  const gap: fc.Arbitrary<Gap> = fc
    .oneof(
      fc.tuple(anyKey, anyKey),
      fc
        .tuple(anyKey, fc.array(digit, { minLength: 1, maxLength: 4 }))
        .map(([key, more]): Gap => [key, (key + more.join('')).replace(/0+$/, '')]),
      fc.tuple(fc.option(anyKey), fc.option(anyKey)),
    )
    .map(([a, b]): Gap => (a !== null && b !== null && a > b ? [b, a] : [a, b]))
    .filter(([a, b]) => a === null || b === null || a < b);
  const id = fc.oneof(fc.uuid(), fc.string({ minLength: 1, maxLength: 40 }));
  const validBound = (key: string) => {
    expect(() => generateKeyBetween(key, null)).not.toThrow();
    expect(() => generateKeyBetween(null, key)).not.toThrow();
  };

  it('is strictly between its neighbours and valid as a bound later', () => {
    fc.assert(
      fc.property(gap, id, ([after, before], taskId) => {
        const key = positionBetween(after, before, taskId);
        if (after !== null) expect(after < key).toBe(true);
        if (before !== null) expect(key < before).toBe(true);
        expect(key).toMatch(/^[0-9A-Za-z]+$/);
        expect(key.endsWith(positionTail(taskId))).toBe(true);
        validBound(key);
        // Usable as either neighbour of the next placement.
        expect(positionBetween(after, key, `${taskId}'`) < key).toBe(true);
        expect(positionBetween(key, before, `${taskId}'`) > key).toBe(true);
        // The same item into the same gap: the same key (a repeated move is a no-op).
        expect(positionBetween(after, before, taskId)).toBe(key);
      }),
      { numRuns: 2_000 },
    );
  });

  it('gives distinct ids in the same gap distinct keys', () => {
    fc.assert(
      fc.property(gap, fc.uniqueArray(id, { minLength: 2, maxLength: 64 }), ([a, b], ids) => {
        const keys = ids.map((taskId) => positionBetween(a, b, taskId));
        expect(new Set(keys).size).toBe(ids.length);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps keys short through many placements into random gaps', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.uuid()), { maxLength: 300 }), (moves) => {
        const list: string[] = [];
        for (const [where, taskId] of moves) {
          const at = where % (list.length + 1);
          const key = positionBetween(list[at - 1], list[at], taskId);
          list.splice(at, 0, key);
        }
        for (let i = 1; i < list.length; i++) expect(list[i - 1]! < list[i]!).toBe(true);
        for (const key of list) expect(key.length).toBeLessThanOrEqual(40);
      }),
      { numRuns: 100 },
    );
  });

  it('derives a fixed-length base-62 tail from the id that never ends in 0', () => {
    fc.assert(
      fc.property(id, (taskId) => {
        expect(positionTail(taskId)).toMatch(/^[0-9A-Za-z]{6}[1-9A-Za-z]$/);
      }),
    );
  });
});
