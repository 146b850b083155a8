import type { Event } from '../event';
import { withEntry, withoutEntry } from '../maps';
import type { Role } from './state';

// The `invitations-<sha256 hex of the normalised email>` stream: the workspaces whose invitation
// to that address is pending. It lets registration (and "my invitations" on the command side)
// find them without reading a read model. Invite and revoke append here in the same atomic
// append as their workspace event, as do accept, decline and the joins of a registration. Like
// the email reservation, the events never carry the address: it is the stream's (hashed) name.

export type EmailInvitedToWorkspace = Event<
  'EmailInvitedToWorkspace',
  { workspaceId: string; invitationId: string; role: Role }
>;
export type EmailInvitationClosed = Event<
  'EmailInvitationClosed',
  { workspaceId: string; invitationId: string }
>;
export type InvitationsByEmailEvent = EmailInvitedToWorkspace | EmailInvitationClosed;

export type PendingInvitation = Readonly<{ workspaceId: string; invitationId: string; role: Role }>;

/** workspaceId → the pending invitation of this address to it (one per workspace). */
export type InvitationsByEmailState = ReadonlyMap<string, PendingInvitation>;

export const initialInvitationsByEmail = (): InvitationsByEmailState => new Map();

export function evolveInvitationsByEmail(
  state: InvitationsByEmailState,
  event: InvitationsByEmailEvent,
): InvitationsByEmailState {
  switch (event.type) {
    case 'EmailInvitedToWorkspace':
      return withEntry(state, event.data.workspaceId, { ...event.data });
    case 'EmailInvitationClosed':
      return state.get(event.data.workspaceId)?.invitationId === event.data.invitationId
        ? withoutEntry(state, event.data.workspaceId)
        : state;
    default: {
      const _unknown: never = event;
      return state;
    }
  }
}

export const invitationsByEmailFolder = {
  initialState: initialInvitationsByEmail,
  evolve: evolveInvitationsByEmail,
};

/** The stream's name; the hash is the shell's (sha256, hex), as for `email-<hash>`. */
export const invitationsStreamName = (emailSha256Hex: string) => `invitations-${emailSha256Hex}`;

export function pendingInvitation(
  state: InvitationsByEmailState,
  invitationId: string,
): PendingInvitation | null {
  for (const invitation of state.values()) {
    if (invitation.invitationId === invitationId) return invitation;
  }
  return null;
}
