import { createHash } from 'node:crypto';
import {
  type EmailHash,
  type InviteeCommand,
  invitationsOfInvitee,
  invitationsOfWorkspace,
  normalizeEmail,
  type WorkspaceInvitationCommand,
} from '@taskomask/domain';
import { type Intent, planOf } from '../aggregates';
import { type CommandRoute, command, workspaceResource } from './route';

/** sha256 hex of the normalised email: the key of `email-<…>` and `invitations-<…>` streams. */
export const emailHash: EmailHash = (email) => createHash('sha256').update(email).digest('hex');

const ofWorkspace = invitationsOfWorkspace(emailHash);
const ofInvitee = invitationsOfInvitee(emailHash);

/**
 * An invitation's id: the UUID v5 of the normalised email in the workspace id's namespace, so
 * inviting the same address again names the same invitation (re-inviting changes its role).
 */
export function invitationIdOf(workspaceId: string, email: string): string {
  const namespace = Buffer.from(workspaceId.replaceAll('-', ''), 'hex');
  const hash = createHash('sha1').update(namespace).update(email, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function idFor(workspaceId: string, email: string, fallback: string): string {
  try {
    return invitationIdOf(workspaceId, normalizeEmail(email));
  } catch {
    return fallback; // a bad address: the decider refuses it, naming `email`
  }
}

const inWorkspace = (workspaceId: string, intent: Intent<WorkspaceInvitationCommand>) =>
  planOf(ofWorkspace, workspaceId, [intent]);
const asInvitee = (invitationId: string, intent: Intent<InviteeCommand>) =>
  planOf(ofInvitee, invitationId, [intent]);

/** Invitations by email: decided on `workspace-<id>` and the address's `invitations-<hash>`. */
export const invitationRoutes: readonly CommandRoute[] = [
  command('inviteMember', {
    summary: 'Invite a person by email with a role (pending until they accept or register)',
    tag: 'members',
    scope: 'workspaces:write',
    creates: 'entry',
    resource: workspaceResource,
    plan: ({ workspaceId }, body, newId) =>
      inWorkspace(workspaceId, {
        type: 'InviteMember',
        data: {
          workspaceId,
          invitationId: idFor(workspaceId, body.email, newId),
          email: body.email,
          role: body.role,
        },
      }),
  }),
  command('revokeInvitation', {
    summary: 'Revoke a pending invitation',
    tag: 'members',
    scope: 'workspaces:write',
    resource: workspaceResource,
    plan: ({ workspaceId, invitationId }) =>
      inWorkspace(workspaceId, {
        type: 'RevokeInvitation',
        data: { workspaceId, invitationId },
      }),
  }),
  command('acceptInvitation', {
    summary: 'Accept an invitation to your account’s email: you join with the invited role',
    tag: 'members',
    scope: 'workspaces:write',
    resource: null,
    plan: ({ invitationId }) =>
      asInvitee(invitationId, { type: 'AcceptInvitation', data: { invitationId } }),
  }),
  command('declineInvitation', {
    summary: 'Decline an invitation to your account’s email',
    tag: 'members',
    scope: 'workspaces:write',
    resource: null,
    plan: ({ invitationId }) =>
      asInvitee(invitationId, { type: 'DeclineInvitation', data: { invitationId } }),
  }),
];
