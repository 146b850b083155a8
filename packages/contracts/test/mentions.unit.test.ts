import { describe, expect, it } from 'vitest';
import { mentionedIds, mentionToken, splitMentions } from '../src/mentions';

const bob = '11111111-2222-4333-8444-555555555555';

describe('mentions', () => {
  it('finds the tokens, once each, and ignores a plain @word', () => {
    const text = `hi ${mentionToken('Bob B', bob)} and @carol, again ${mentionToken('Bob', bob)}`;
    expect(mentionedIds(text)).toEqual([bob]);
    expect(mentionedIds('@carol @[x](not-a-uuid)')).toEqual([]);
  });

  it('splits text into text and mentions', () => {
    expect(splitMentions(`a ${mentionToken('Bob [x]', bob)}!`)).toEqual([
      'a ',
      { name: 'Bob x', ownerId: bob },
      '!',
    ]);
  });
});
