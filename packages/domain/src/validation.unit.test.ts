import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors';
import {
  charCount,
  isNameTaken,
  nameKey,
  requireDescription,
  requireDistinct,
  requireId,
  requireName,
  requireText,
} from './validation';

describe('text rules', () => {
  it('counts characters as people see them', () => {
    expect(charCount('héllo')).toBe(5);
    expect(charCount('👍👍👍')).toBe(3);
  });

  it('requireName trims and keeps 3 to 50 characters', () => {
    expect(requireName('name', '  Abc  ')).toBe('Abc');
    expect(requireName('name', 'n'.repeat(50))).toHaveLength(50);
    expect(() => requireName('name', ' ab ')).toThrow(ValidationError);
    expect(() => requireName('name', 'n'.repeat(51))).toThrow(/at most 50/);
    expect(() => requireName('name', 42)).toThrow(/must be a string/);
  });

  it('requireText refuses blank text when at least one character is needed', () => {
    expect(() => requireText('text', ' \t\n', 1, 10)).toThrow(/must not be blank/);
    expect(requireText('text', ' x ', 1, 10)).toBe('x');
  });

  it('requireDescription takes a missing description as empty', () => {
    expect(requireDescription('description', undefined)).toBe('');
    expect(requireDescription('description', 'd'.repeat(100))).toHaveLength(100);
    expect(() => requireDescription('description', 'd'.repeat(101))).toThrow(ValidationError);
  });

  it('requireDistinct refuses a description that repeats the name, not an empty one', () => {
    expect(() => requireDistinct('Sprint', ' sprint ')).toThrow(ValidationError);
    expect(() => requireDistinct('Sprint', '')).not.toThrow();
    expect(() => requireDistinct('Sprint', 'Two weeks')).not.toThrow();
  });

  it('requireId refuses empty ids', () => {
    expect(requireId('id', 'x1')).toBe('x1');
    expect(() => requireId('id', ' ')).toThrow(ValidationError);
  });

  it('names compare trimmed and case-insensitively', () => {
    expect(nameKey('  Sprint ONE ')).toBe('sprint one');
    const siblings = [
      { id: '1', name: 'Sprint One' },
      { id: '2', name: 'Sprint Two' },
    ];
    expect(isNameTaken(siblings, ' sprint one')).toBe(true);
    expect(isNameTaken(siblings, 'SPRINT ONE', '1')).toBe(false);
    expect(isNameTaken(siblings, 'Sprint Three')).toBe(false);
  });
});
