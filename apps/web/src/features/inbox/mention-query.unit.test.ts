import { describe, expect, it } from 'vitest';
import { insertMention, matching, mentionAt } from './mention-query';

const bob = { id: '11111111-2222-4333-8444-555555555555', name: 'Bob Member' };

describe('mention autocomplete', () => {
  it('sees "@letters" just before the caret, not inside a word or an e-mail', () => {
    expect(mentionAt('hi @Bo', 6)).toEqual({ start: 3, query: 'Bo' });
    expect(mentionAt('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionAt('mail bob@x', 10)).toBeNull();
    expect(mentionAt('hi @Bo there', 12)).toBeNull();
  });

  it('replaces the query with the token and puts the caret after it', () => {
    const at = mentionAt('hi @Bo!', 6)!;
    const { text, caret } = insertMention('hi @Bo!', at, bob);
    expect(text).toBe(`hi @[Bob Member](${bob.id}) !`);
    expect(text.slice(0, caret)).toBe(`hi @[Bob Member](${bob.id}) `);
  });

  it('matches names by the start of any word', () => {
    const people = [bob, { id: 'x', name: 'Ann Lee' }];
    expect(matching(people, 'me').map((m) => m.name)).toEqual(['Bob Member']);
    expect(matching(people, '')).toHaveLength(2);
    expect(matching(people, 'zed')).toEqual([]);
  });
});
