import { describe, expect, it } from 'vitest';
import { inboxDecider } from './decide';

const metadata = { userId: 'bob', now: '2026-12-04T10:00:00.000Z' };

describe('inbox decider', () => {
  it('records the items read on the caller’s own inbox', () => {
    const events = inboxDecider.decide(
      { type: 'ReadNotifications', data: { itemIds: ['12', '15'], all: false }, metadata },
      inboxDecider.initialState(),
    );
    expect(events).toEqual([
      { type: 'NotificationsRead', data: { ownerId: 'bob', itemIds: ['12', '15'], all: false } },
    ]);
  });

  it('records "all" without ids, and nothing when nothing is named', () => {
    const all = inboxDecider.decide(
      { type: 'ReadNotifications', data: { itemIds: ['3'], all: true }, metadata },
      inboxDecider.initialState(),
    );
    expect(all).toEqual([
      { type: 'NotificationsRead', data: { ownerId: 'bob', itemIds: [], all: true } },
    ]);
    const none = inboxDecider.decide(
      { type: 'ReadNotifications', data: { itemIds: [], all: false }, metadata },
      inboxDecider.initialState(),
    );
    expect(none).toEqual([]);
  });
});
