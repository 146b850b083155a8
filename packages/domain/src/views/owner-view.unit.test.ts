import { describe, expect, it } from 'vitest';
import type { OwnerEvent } from '../owner/events';
import { streamName } from '../streams';
import { recorded } from '../testing/fixtures';
import { evolveOwnerView, initialOwnerView, ownerView } from './owner-view';

const ownerId = 'alice';
const stream = streamName.owner(ownerId);
const at = (...events: OwnerEvent[]) => recorded(events.map((e) => [stream, e] as const));

const registered: OwnerEvent = {
  type: 'OwnerRegistered',
  data: { ownerId, displayName: 'Alice Liddell', email: 'alice@example.com', role: 'user' },
};
const workspaceAdded: OwnerEvent = {
  type: 'OwnerWorkspaceAdded',
  data: { ownerId, workspaceId: 'w1', name: 'Acme' },
};

describe('ownerView', () => {
  it('shows a registered account with when it registered', () => {
    const history = at(registered);
    expect(ownerView(ownerId, history)).toEqual({
      ownerId,
      status: 'active',
      displayName: 'Alice Liddell',
      email: 'alice@example.com',
      role: 'user',
      registeredAt: history[0]!.occurredAt,
      version: 1,
      lastGlobalPosition: 1,
      updatedAt: history[0]!.occurredAt,
    });
  });

  it('follows profile changes, admin grants and revocations, deactivation and reactivation', () => {
    const history = at(
      registered,
      {
        type: 'OwnerProfileUpdated',
        data: { ownerId, displayName: 'Alice L.', email: 'alice@wonder.land' },
      },
      { type: 'OwnerAdminGranted', data: { ownerId } },
      { type: 'OwnerDeactivated', data: { ownerId } },
    );
    expect(ownerView(ownerId, history)).toMatchObject({
      displayName: 'Alice L.',
      email: 'alice@wonder.land',
      role: 'admin',
      status: 'deactivated',
      version: 4,
    });
    const more = recorded(
      [
        [stream, { type: 'OwnerAdminRevoked', data: { ownerId } }],
        [stream, { type: 'OwnerReactivated', data: { ownerId } }],
      ],
      { after: history },
    );
    expect(ownerView(ownerId, [...history, ...more])).toMatchObject({
      role: 'user',
      status: 'active',
      version: 6,
      lastGlobalPosition: 6,
    });
  });

  it('leaves the view as it is for the workspace registry and password changes', () => {
    const history = at(registered, workspaceAdded, {
      type: 'OwnerPasswordChanged',
      data: { ownerId },
    });
    const afterRegistration = ownerView(ownerId, history.slice(0, 1));
    expect(evolveOwnerView(afterRegistration, history[1]!)).toBe(afterRegistration);
    expect(evolveOwnerView(afterRegistration, history[2]!)).toBe(afterRegistration);
  });

  it('is no account while the stream holds only the registry or events before registering', () => {
    const history = at(workspaceAdded, { type: 'OwnerAdminGranted', data: { ownerId } });
    expect(ownerView(ownerId, history)).toEqual(initialOwnerView(ownerId));
    const late = recorded([[stream, registered]], { after: history });
    expect(ownerView(ownerId, [...history, ...late])).toMatchObject({
      status: 'active',
      role: 'user',
      version: 3,
    });
  });

  it('ignores redelivered events, other streams and unknown types', () => {
    const history = at(registered, { type: 'OwnerDeactivated', data: { ownerId } });
    const view = ownerView(ownerId, history);
    expect(evolveOwnerView(view, history[0]!)).toBe(view);
    expect(
      evolveOwnerView(view, { ...history[1]!, streamName: 'owner-bob', streamVersion: 9 }),
    ).toBe(view);
    const unknown = { ...history[1]!, type: 'OwnerSangASong', streamVersion: 3 };
    expect(evolveOwnerView(view, unknown)).toBe(view);
  });
});
