import { describe, expect, it } from 'vitest';
import { ForbiddenError, NotFoundError, type ValidationError } from '../errors';
import { foldEvents } from '../fold';
import { evolveEmailReservation, initialEmailReservation } from '../owner/email-reservation';
import type { OwnerEvent } from '../owner/events';
import { ownerDecider } from '../owner/index';
import { by, team, workspaceCreated, workspaceId } from '../testing/fixtures';
import type { WorkspaceEvent } from './events';
import { workspaceDecider } from './index';
import {
  AlreadyMember,
  decideInviteeCommand,
  decideInviteMember,
  decideRegistrationJoins,
  decideRevokeInvitation,
  type InviteMember,
} from './invitations';
import {
  evolveInvitationsByEmail,
  type InvitationsByEmailEvent,
  initialInvitationsByEmail,
} from './invitations-by-email';
import type { Role } from './state';

const workspace = (...events: WorkspaceEvent[]) =>
  foldEvents(workspaceDecider, [workspaceCreated, ...team, ...events]);
const index = (...events: InvitationsByEmailEvent[]) =>
  events.reduce(evolveInvitationsByEmail, initialInvitationsByEmail());
const free = initialEmailReservation();
const heldBy = (ownerId: string) =>
  evolveEmailReservation(free, { type: 'EmailReserved', data: { ownerId } });

const invitationId = 'i1';
const invite = (email: string, role: Role = 'member', actor = 'alice'): InviteMember => ({
  type: 'InviteMember',
  data: { workspaceId, invitationId, email, role },
  metadata: by(actor),
});
const invited = (role: Role = 'member'): WorkspaceEvent => ({
  type: 'MemberInvited',
  data: { workspaceId, invitationId, email: 'bob@example.com', role, invitedBy: 'alice' },
});
const indexed = (role: Role = 'member'): InvitationsByEmailEvent => ({
  type: 'EmailInvitedToWorkspace',
  data: { workspaceId, invitationId, role },
});
const closed: InvitationsByEmailEvent = {
  type: 'EmailInvitationClosed',
  data: { workspaceId, invitationId },
};

describe('InviteMember', () => {
  it('records a pending invitation with the normalised email, whether or not an account holds it', () => {
    for (const holder of [free, heldBy('bob')]) {
      expect(
        decideInviteMember(invite(' Bob@Example.COM '), { workspace: workspace(), holder }),
      ).toEqual({ workspace: [invited()], index: [indexed()] });
    }
  });

  it('lets owners and admins invite; members and viewers are forbidden, strangers see nothing', () => {
    expect(
      decideInviteMember(invite('bob@example.com', 'viewer', 'adam'), {
        workspace: workspace(),
        holder: free,
      }).workspace,
    ).toHaveLength(1);
    for (const actor of ['mia', 'val']) {
      expect(() =>
        decideInviteMember(invite('bob@example.com', 'member', actor), {
          workspace: workspace(),
          holder: free,
        }),
      ).toThrow(ForbiddenError);
    }
    expect(() =>
      decideInviteMember(invite('bob@example.com', 'member', 'nick'), {
        workspace: workspace(),
        holder: free,
      }),
    ).toThrow(NotFoundError);
  });

  it('refuses a bad email naming the field, a member’s address, and the owner role from an admin', () => {
    expect(() =>
      decideInviteMember(invite('bob@'), { workspace: workspace(), holder: free }),
    ).toThrow(expect.objectContaining({ field: 'email' }) as unknown as ValidationError);
    expect(() =>
      decideInviteMember(invite('mia@example.com'), {
        workspace: workspace(),
        holder: heldBy('mia'),
      }),
    ).toThrow(AlreadyMember);
    expect(() =>
      decideInviteMember(invite('bob@example.com', 'owner', 'adam'), {
        workspace: workspace(),
        holder: free,
      }),
    ).toThrow(ForbiddenError);
  });

  it('re-inviting changes the role under the same id, and is a no-op with the same role', () => {
    const state = workspace(invited('member'));
    expect(
      decideInviteMember(invite('bob@example.com', 'member'), { workspace: state, holder: free }),
    ).toEqual({});
    const again = decideInviteMember(
      {
        ...invite('bob@example.com', 'admin'),
        data: {
          ...invite('x@y.zz').data,
          email: 'bob@example.com',
          role: 'admin',
          invitationId: 'other',
        },
      },
      { workspace: state, holder: free },
    );
    expect(again).toEqual({ workspace: [invited('admin')], index: [indexed('admin')] });
  });
});

describe('RevokeInvitation', () => {
  const revoke = (actor = 'alice', id = invitationId) =>
    decideRevokeInvitation(
      { type: 'RevokeInvitation', data: { workspaceId, invitationId: id }, metadata: by(actor) },
      { workspace: workspace(invited()) },
    );

  it('closes the invitation on both streams; only managers; unknown ids are not found', () => {
    expect(revoke()).toEqual({
      workspace: [
        {
          type: 'InvitationRevoked',
          data: { workspaceId, invitationId, email: 'bob@example.com' },
        },
      ],
      index: [closed],
    });
    expect(() => revoke('mia')).toThrow(ForbiddenError);
    expect(() => revoke('alice', 'nope')).toThrow(NotFoundError);
  });
});

describe('registration joins', () => {
  it('a new account joins every workspace still inviting its address, with the invited role', () => {
    const joins = decideRegistrationJoins(
      { ownerId: 'bob', email: 'bob@example.com' },
      index(indexed('viewer')),
      new Map([[workspaceId, workspace(invited('viewer'))]]),
    );
    expect(joins.index).toEqual([closed]);
    expect(joins.workspaces.get(workspaceId)).toEqual([
      {
        type: 'InvitationAccepted',
        data: {
          workspaceId,
          invitationId,
          email: 'bob@example.com',
          ownerId: 'bob',
          role: 'viewer',
        },
      },
      { type: 'MemberAdded', data: { workspaceId, ownerId: 'bob', role: 'viewer' } },
    ]);
  });

  it('joins nothing once the invitation is revoked (or the workspace deleted)', () => {
    const revoked: WorkspaceEvent = {
      type: 'InvitationRevoked',
      data: { workspaceId, invitationId, email: 'bob@example.com' },
    };
    const deleted: WorkspaceEvent = {
      type: 'WorkspaceDeleted',
      data: { workspaceId, name: 'Acme' },
    };
    for (const state of [workspace(invited(), revoked), workspace(invited(), deleted)]) {
      const joins = decideRegistrationJoins(
        { ownerId: 'bob', email: 'bob@example.com' },
        index(indexed()),
        new Map([[workspaceId, state]]),
      );
      expect(joins).toEqual({ index: [], workspaces: new Map() });
    }
    expect(index(indexed(), closed).size).toBe(0);
  });
});

describe('AcceptInvitation / DeclineInvitation', () => {
  const account = (email: string): OwnerEvent[] => [
    {
      type: 'OwnerRegistered',
      data: { ownerId: 'bob', displayName: 'Bob Builder', email: 'bob@example.com', role: 'user' },
    },
    ...(email === 'bob@example.com'
      ? []
      : [
          {
            type: 'OwnerProfileUpdated' as const,
            data: { ownerId: 'bob', displayName: 'Bob Builder', email },
          },
        ]),
  ];
  const states = (email = 'bob@example.com') => ({
    owner: foldEvents(ownerDecider, account(email)),
    index: index(indexed('admin')),
    workspace: workspace(invited('admin')),
  });
  const as = (type: 'AcceptInvitation' | 'DeclineInvitation', id = invitationId) => ({
    type,
    data: { invitationId: id },
    metadata: by('bob'),
  });

  it('accept adds the invitee with the invited role and closes the index entry', () => {
    expect(decideInviteeCommand(as('AcceptInvitation'), states())).toEqual({
      workspace: [
        {
          type: 'InvitationAccepted',
          data: {
            workspaceId,
            invitationId,
            email: 'bob@example.com',
            ownerId: 'bob',
            role: 'admin',
          },
        },
        { type: 'MemberAdded', data: { workspaceId, ownerId: 'bob', role: 'admin' } },
      ],
      index: [closed],
    });
  });

  it('decline records the refusal and closes the entry', () => {
    expect(decideInviteeCommand(as('DeclineInvitation'), states())).toEqual({
      workspace: [
        {
          type: 'InvitationDeclined',
          data: { workspaceId, invitationId, email: 'bob@example.com', ownerId: 'bob' },
        },
      ],
      index: [closed],
    });
  });

  it('an invitation to another address (the account’s email changed) or an unknown id is not found', () => {
    expect(() =>
      decideInviteeCommand(as('AcceptInvitation'), states('robert@example.com')),
    ).toThrow(NotFoundError);
    expect(() => decideInviteeCommand(as('AcceptInvitation', 'nope'), states())).toThrow(
      NotFoundError,
    );
  });
});
