import { describe, expect, it } from 'vitest';
import { parseStreamName, streamName } from './streams';

describe('stream names', () => {
  it('are <category>-<id> and parse back', () => {
    expect(streamName.board('b-1')).toBe('board-b-1');
    expect(parseStreamName('board-b-1')).toEqual({ category: 'board', id: 'b-1' });
    expect(parseStreamName(streamName.owner('u1'))).toEqual({ category: 'owner', id: 'u1' });
  });

  it('refuse names that are not ours', () => {
    expect(parseStreamName('board-')).toBeNull();
    expect(parseStreamName('noise')).toBeNull();
    expect(parseStreamName('toString-1')).toBeNull();
  });
});
