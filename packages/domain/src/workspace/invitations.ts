import { DomainError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import type { Command } from '../event';
import { normalizeEmail } from '../owner/email';
import { type EmailReservationState, emailHolder } from '../owner/email-reservation';
import { accountOf, type OwnerState } from '../owner/state';
import { requireId } from '../validation';
import type { WorkspaceEvent } from './events';
import {
  type InvitationsByEmailEvent,
  type InvitationsByEmailState,
  pendingInvitation,
} from './invitations-by-email';
import { authorize, requireActiveWorkspace } from './permissions';
import {
  type ActiveWorkspace,
  type Invitation,
  type Role,
  roles,
  type WorkspaceState,
} from './state';

// Inviting people by email. Every invitation is pending until the invitee accepts it (or
// registers with the address, which accepts it for them), whether or not an account holds the
// address: the answer to an invite never tells the inviter whether one exists.

export type InviteMember = Command<
  'InviteMember',
  { workspaceId: string; invitationId: string; email: string; role: Role }
>;
export type RevokeInvitation = Command<
  'RevokeInvitation',
  { workspaceId: string; invitationId: string }
>;
/** By the invitee: the invitation must be addressed to the actor's current account email. */
export type AcceptInvitation = Command<'AcceptInvitation', { invitationId: string }>;
export type DeclineInvitation = Command<'DeclineInvitation', { invitationId: string }>;

export type WorkspaceInvitationCommand = InviteMember | RevokeInvitation;
export type InviteeCommand = AcceptInvitation | DeclineInvitation;

/** 409: the address belongs to someone who is already a member. */
export class AlreadyMember extends DomainError {
  constructor(email: string) {
    super('conflict', `${email} is already a member of this workspace`);
  }
}

export type InvitationEvents = Readonly<{
  workspace?: WorkspaceEvent[];
  /** For `invitations-<hash of the invitation's email>`. */
  index?: InvitationsByEmailEvent[];
}>;

function requireInviteRole(value: unknown, authority: Role): Role {
  if (!roles.includes(value as Role)) {
    throw new ValidationError('role', `must be one of ${roles.join(', ')}`);
  }
  if (value === 'owner' && authority !== 'owner') {
    throw new ForbiddenError('only an owner may grant or revoke the owner role');
  }
  return value as Role;
}

function pendingFor(workspace: ActiveWorkspace, email: string): Invitation | undefined {
  return [...workspace.invitations.values()].find((i) => i.email === email);
}

/**
 * Invites an address (owners and admins). The shell reads `email-<hash>` as `holder` (to refuse
 * a member's address) and `invitations-<hash>` as `index`. Re-inviting a pending address changes
 * its role under the same invitationId (no event when the role is the same).
 */
export function decideInviteMember(
  command: InviteMember,
  states: Readonly<{ workspace: WorkspaceState; holder: EmailReservationState }>,
): InvitationEvents {
  const workspace = requireActiveWorkspace(states.workspace, command.data.workspaceId);
  const authority = authorize(workspace, command.metadata.userId, 'members:manage');
  const email = normalizeEmail(command.data.email);
  const role = requireInviteRole(command.data.role, authority);
  const holder = emailHolder(states.holder);
  if (holder !== null && workspace.members.has(holder)) throw new AlreadyMember(email);
  const pending = pendingFor(workspace, email);
  if (pending?.role === role) return {};
  const invitationId =
    pending?.invitationId ?? requireId('invitationId', command.data.invitationId);
  const { workspaceId } = workspace;
  return {
    workspace: [
      {
        type: 'MemberInvited',
        data: { workspaceId, invitationId, email, role, invitedBy: command.metadata.userId },
      },
    ],
    index: [{ type: 'EmailInvitedToWorkspace', data: { workspaceId, invitationId, role } }],
  };
}

/** Revokes a pending invitation (owners and admins); the shell reads its address's index. */
export function decideRevokeInvitation(
  command: RevokeInvitation,
  states: Readonly<{ workspace: WorkspaceState }>,
): InvitationEvents {
  const workspace = requireActiveWorkspace(states.workspace, command.data.workspaceId);
  authorize(workspace, command.metadata.userId, 'members:manage');
  const invitation = workspace.invitations.get(command.data.invitationId);
  if (invitation === undefined) throw new NotFoundError('invitation', command.data.invitationId);
  const { workspaceId } = workspace;
  const { invitationId, email } = invitation;
  return {
    workspace: [{ type: 'InvitationRevoked', data: { workspaceId, invitationId, email } }],
    index: [{ type: 'EmailInvitationClosed', data: { workspaceId, invitationId } }],
  };
}

/** The workspace an invitee command concerns, from the actor's index; null when none. */
export function invitedWorkspaceOf(
  command: InviteeCommand,
  index: InvitationsByEmailState,
): string | null {
  return pendingInvitation(index, command.data.invitationId)?.workspaceId ?? null;
}

/** The invitation as the workspace has it, addressed to `email`, or NotFound. */
function requireInvitationTo(
  state: WorkspaceState,
  invitationId: string,
  email: string,
): { workspace: ActiveWorkspace; invitation: Invitation } {
  const workspace = state.status === 'active' ? state : null;
  const invitation = workspace?.invitations.get(invitationId);
  if (workspace === null || invitation === undefined || invitation.email !== email) {
    throw new NotFoundError('invitation', invitationId);
  }
  return { workspace, invitation };
}

/** InvitationAccepted, and MemberAdded unless the invitee became a member meanwhile. */
export function acceptInvitation(
  workspace: ActiveWorkspace,
  invitation: Invitation,
  ownerId: string,
): WorkspaceEvent[] {
  const { workspaceId } = workspace;
  const { invitationId, email, role } = invitation;
  const accepted: WorkspaceEvent = {
    type: 'InvitationAccepted',
    data: { workspaceId, invitationId, email, ownerId, role },
  };
  if (workspace.members.has(ownerId)) return [accepted];
  return [accepted, { type: 'MemberAdded', data: { workspaceId, ownerId, role } }];
}

/**
 * Accepts or declines an invitation addressed to the actor's current email. The shell reads
 * `owner-<actor>` as `owner`, `invitations-<hash of its email>` as `index` and the workspace the
 * index names (invitedWorkspaceOf). An invitation to another address is NotFound, like an unknown id.
 */
export function decideInviteeCommand(
  command: InviteeCommand,
  states: Readonly<{
    owner: OwnerState;
    index: InvitationsByEmailState;
    workspace: WorkspaceState;
  }>,
): InvitationEvents {
  const { invitationId } = command.data;
  const account = accountOf(states.owner);
  const pending = pendingInvitation(states.index, invitationId);
  if (account === null || account.status !== 'active' || pending === null) {
    throw new NotFoundError('invitation', invitationId);
  }
  const { workspace, invitation } = requireInvitationTo(
    states.workspace,
    invitationId,
    account.email,
  );
  const ownerId = command.metadata.userId;
  const { workspaceId } = workspace;
  const closed: InvitationsByEmailEvent = {
    type: 'EmailInvitationClosed',
    data: { workspaceId, invitationId },
  };
  if (command.type === 'AcceptInvitation') {
    return { workspace: acceptInvitation(workspace, invitation, ownerId), index: [closed] };
  }
  return {
    workspace: [
      {
        type: 'InvitationDeclined',
        data: { workspaceId, invitationId, email: invitation.email, ownerId },
      },
    ],
    index: [closed],
  };
}

export type RegistrationJoins = Readonly<{
  /** For `invitations-<hash of the registered email>`. */
  index: InvitationsByEmailEvent[];
  /** For each `workspace-<id>` joined. */
  workspaces: ReadonlyMap<string, WorkspaceEvent[]>;
}>;

/**
 * What registering `email` as `ownerId` does to the invitations pending for that address: each
 * workspace that still has one (as its own stream says) takes the new owner in with the invited
 * role. The identity shell reads `invitations-<hash>` and every workspace it names, and appends
 * these with the registration in one atomic append.
 */
export function decideRegistrationJoins(
  account: Readonly<{ ownerId: string; email: string }>,
  index: InvitationsByEmailState,
  workspaces: ReadonlyMap<string, WorkspaceState>,
): RegistrationJoins {
  const indexEvents: InvitationsByEmailEvent[] = [];
  const joined = new Map<string, WorkspaceEvent[]>();
  for (const pending of index.values()) {
    const state = workspaces.get(pending.workspaceId);
    const workspace = state?.status === 'active' ? state : null;
    const invitation = workspace?.invitations.get(pending.invitationId);
    if (workspace == null || invitation?.email !== account.email) continue;
    joined.set(workspace.workspaceId, acceptInvitation(workspace, invitation, account.ownerId));
    indexEvents.push({
      type: 'EmailInvitationClosed',
      data: { workspaceId: workspace.workspaceId, invitationId: invitation.invitationId },
    });
  }
  return { index: indexEvents, workspaces: joined };
}
