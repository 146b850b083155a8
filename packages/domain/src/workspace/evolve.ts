import { updateEntry, withEntry, withoutEntry } from '../maps';
import type { WorkspaceEvent } from './events';
import type { ActiveWorkspace, WorkspaceState } from './state';

export function evolveWorkspace(state: WorkspaceState, event: WorkspaceEvent): WorkspaceState {
  if (event.type === 'WorkspaceCreated') {
    const { workspaceId, name, description, ownerId } = event.data;
    return {
      status: 'active',
      workspaceId,
      name,
      description,
      ownerOfRecord: ownerId,
      members: new Map([[ownerId, 'owner']]),
      projects: new Map(),
      invitations: new Map(),
    };
  }
  // Every other event follows creation; a stray one cannot revive a missing or deleted workspace.
  if (state.status !== 'active') return state;
  return evolveActive(state, event);
}

function evolveActive(state: ActiveWorkspace, event: WorkspaceEvent): WorkspaceState {
  switch (event.type) {
    case 'WorkspaceCreated':
      return state;
    case 'WorkspaceRenamed':
      return { ...state, name: event.data.name };
    case 'WorkspaceDescribed':
      return { ...state, description: event.data.description };
    case 'WorkspaceDeleted':
      return {
        status: 'deleted',
        workspaceId: state.workspaceId,
        ownerOfRecord: state.ownerOfRecord,
      };
    case 'MemberAdded':
    case 'MemberRoleChanged':
      return { ...state, members: withEntry(state.members, event.data.ownerId, event.data.role) };
    case 'MemberRemoved':
      return { ...state, members: withoutEntry(state.members, event.data.ownerId) };
    case 'MemberInvited': {
      const { invitationId, email, role, invitedBy } = event.data;
      const invitation = { invitationId, email, role, invitedBy };
      return { ...state, invitations: withEntry(state.invitations, invitationId, invitation) };
    }
    case 'InvitationRevoked':
    case 'InvitationAccepted':
    case 'InvitationDeclined':
      return { ...state, invitations: withoutEntry(state.invitations, event.data.invitationId) };
    case 'ProjectAdded': {
      const { projectId, name, description } = event.data;
      const project = { projectId, name, description, boards: new Map() };
      return { ...state, projects: withEntry(state.projects, projectId, project) };
    }
    case 'ProjectRenamed':
      return {
        ...state,
        projects: updateEntry(state.projects, event.data.projectId, (p) => ({
          ...p,
          name: event.data.name,
        })),
      };
    case 'ProjectDescribed':
      return {
        ...state,
        projects: updateEntry(state.projects, event.data.projectId, (p) => ({
          ...p,
          description: event.data.description,
        })),
      };
    case 'ProjectDeleted':
      return { ...state, projects: withoutEntry(state.projects, event.data.projectId) };
    case 'ProjectBoardAdded':
    case 'ProjectBoardRenamed': {
      const { boardId, name } = event.data;
      return {
        ...state,
        projects: updateEntry(state.projects, event.data.projectId, (p) => ({
          ...p,
          boards: withEntry(p.boards, boardId, { boardId, name }),
        })),
      };
    }
    case 'ProjectBoardRemoved':
      return {
        ...state,
        projects: updateEntry(state.projects, event.data.projectId, (p) => ({
          ...p,
          boards: withoutEntry(p.boards, event.data.boardId),
        })),
      };
    default: {
      // Exhaustive today; an event type from a newer version is ignored rather than fatal.
      const _unknown: never = event;
      return state;
    }
  }
}
