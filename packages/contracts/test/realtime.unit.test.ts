import { describe, expect, it } from 'vitest';
import {
  boardNoticesChannel,
  committedChannel,
  decodeNoticeMessage,
  memberNoticesChannel,
} from '../src/realtime';

const board = {
  boardId: 'b1',
  workspaceId: 'w1',
  position: 7,
  kinds: ['TaskMoved'],
  taskIds: ['t1'],
};
const member = { workspaceId: 'w1', ownerId: 'o1', position: 8, traceparent: '00-abc' };

describe('notice channels', () => {
  it('reads a board-changed list and a membership-changed list, older removals too', () => {
    expect(decodeNoticeMessage(boardNoticesChannel, JSON.stringify([board]))).toEqual({
      channel: boardNoticesChannel,
      notices: [board],
    });
    const viewer = { ...member, role: 'viewer' };
    expect(decodeNoticeMessage(memberNoticesChannel, JSON.stringify([viewer]))).toEqual({
      channel: memberNoticesChannel,
      notices: [viewer],
    });
    // An older projector's removal carries no role: it reads as one (role null).
    expect(decodeNoticeMessage(memberNoticesChannel, JSON.stringify([member]))).toEqual({
      channel: memberNoticesChannel,
      notices: [{ ...member, role: null }],
    });
    expect(decodeNoticeMessage(committedChannel, '{"position":9}')).toEqual({
      channel: committedChannel,
      committed: { position: 9 },
    });
  });

  it('drops what is not a notice list of its channel, instead of casting it', () => {
    expect(decodeNoticeMessage(boardNoticesChannel, 'not json')).toBeUndefined();
    expect(decodeNoticeMessage(boardNoticesChannel, JSON.stringify(board))).toBeUndefined();
    expect(decodeNoticeMessage(boardNoticesChannel, JSON.stringify([member]))).toBeUndefined();
    expect(
      decodeNoticeMessage(boardNoticesChannel, JSON.stringify([{ ...board, position: -1 }])),
    ).toBeUndefined();
    expect(decodeNoticeMessage(memberNoticesChannel, JSON.stringify([board]))).toBeUndefined();
    expect(
      decodeNoticeMessage(memberNoticesChannel, JSON.stringify([{ ...member, role: 'boss' }])),
    ).toBeUndefined();
    expect(decodeNoticeMessage('taskomask:other', JSON.stringify([board]))).toBeUndefined();
    expect(decodeNoticeMessage(committedChannel, '{"position":"9"}')).toBeUndefined();
  });
});
