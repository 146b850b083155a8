import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors';
import { comparePositions, positionAfterAll, positionBetween, sortByPosition } from './position';

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
