import { describe, expect, it } from 'vitest';
import { isTyping, shortcutFor, shortcutHelp } from './board-shortcuts';

const press = (key: string, target: unknown = { tagName: 'BODY' }, mods = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  target,
  ...mods,
});

describe('board shortcuts', () => {
  it('maps n, e, Del, / and ? for editors', () => {
    expect(shortcutFor(press('n'), true)).toBe('new-task');
    expect(shortcutFor(press('e'), true)).toBe('edit-title');
    expect(shortcutFor(press('Delete'), true)).toBe('delete-task');
    expect(shortcutFor(press('/'), true)).toBe('focus-filter');
    expect(shortcutFor(press('?'), true)).toBe('show-help');
    expect(shortcutFor(press('x'), true)).toBeNull();
  });

  it('gives viewers no write shortcuts', () => {
    expect(shortcutFor(press('n'), false)).toBeNull();
    expect(shortcutFor(press('e'), false)).toBeNull();
    expect(shortcutFor(press('Delete'), false)).toBeNull();
    expect(shortcutFor(press('/'), false)).toBe('focus-filter');
    expect(shortcutHelp(false).map((s) => s.keys)).toEqual(['/', '?']);
    expect(shortcutHelp(true)).toHaveLength(5);
  });

  it('never fires while typing or with a modifier held', () => {
    for (const target of [
      { tagName: 'INPUT', type: 'text' },
      { tagName: 'input', type: 'search' },
      { tagName: 'INPUT' },
      { tagName: 'TEXTAREA' },
      { tagName: 'SELECT' },
      { tagName: 'DIV', isContentEditable: true },
    ]) {
      expect(isTyping(target)).toBe(true);
      expect(shortcutFor(press('n', target), true)).toBeNull();
      expect(shortcutFor(press('/', target), true)).toBeNull();
    }
    expect(shortcutFor(press('n', { tagName: 'BUTTON' }), true)).toBe('new-task');
    expect(shortcutFor(press('Delete', { tagName: 'INPUT', type: 'checkbox' }), true)).toBe(
      'delete-task',
    );
    expect(shortcutFor(press('n', undefined, { ctrlKey: true }), true)).toBeNull();
    expect(shortcutFor(press('e', undefined, { metaKey: true }), true)).toBeNull();
  });
});
