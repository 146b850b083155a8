import type { RecordedEvent } from '../event';
import { streamName } from '../streams';
import type { Role } from '../workspace/state';
import { asDomainEvent } from './recorded';

export type ProjectView = Readonly<{
  projectId: string;
  name: string;
  description: string;
  /** From the project's board registry, in the order the boards were added. */
  boards: readonly { boardId: string; name: string }[];
}>;

export type MemberView = Readonly<{ ownerId: string; role: Role }>;

/** A pending invitation by email; only owners and admins are shown these. */
export type InvitationView = Readonly<{
  invitationId: string;
  email: string;
  role: Role;
  invitedBy: string;
  invitedAt: string;
}>;

/** A workspace with its projects, boards and members; a plain JSON document for the read store. */
export type WorkspaceView = Readonly<{
  workspaceId: string;
  status: 'initial' | 'active' | 'deleted';
  name: string;
  description: string;
  /** Who created it: its name is unique among this owner's workspaces. */
  createdBy: string;
  createdAt: string;
  members: readonly MemberView[];
  /** Pending invitations; absent in documents folded before invitations existed. */
  invitations?: readonly InvitationView[];
  projects: readonly ProjectView[];
  version: number;
  lastGlobalPosition: number;
  updatedAt: string | null;
}>;

export function initialWorkspaceView(workspaceId: string): WorkspaceView {
  return {
    workspaceId,
    status: 'initial',
    name: '',
    description: '',
    createdBy: '',
    createdAt: '',
    members: [],
    invitations: [],
    projects: [],
    version: 0,
    lastGlobalPosition: 0,
    updatedAt: null,
  };
}

/** Folds one event of `workspace-<id>`; any other stream, unknown type or old version is ignored. */
export function evolveWorkspaceView(view: WorkspaceView, recorded: RecordedEvent): WorkspaceView {
  const event = asDomainEvent(recorded);
  if (event === null || event.streamName !== streamName.workspace(view.workspaceId)) return view;
  if (event.streamVersion <= view.version) return view;
  return {
    ...apply(view, event),
    version: event.streamVersion,
    lastGlobalPosition: Math.max(view.lastGlobalPosition, event.globalPosition),
    updatedAt: event.occurredAt,
  };
}

export function workspaceView(workspaceId: string, events: Iterable<RecordedEvent>): WorkspaceView {
  let view = initialWorkspaceView(workspaceId);
  for (const event of events) view = evolveWorkspaceView(view, event);
  return view;
}

type Recorded = NonNullable<ReturnType<typeof asDomainEvent>>;

function withProject(
  view: WorkspaceView,
  projectId: string,
  change: (project: ProjectView) => ProjectView,
): WorkspaceView {
  return {
    ...view,
    projects: view.projects.map((p) => (p.projectId === projectId ? change(p) : p)),
  };
}

function apply(view: WorkspaceView, event: Recorded): WorkspaceView {
  switch (event.type) {
    case 'WorkspaceCreated':
      return {
        ...view,
        status: 'active',
        name: event.data.name,
        description: event.data.description,
        createdBy: event.data.ownerId,
        createdAt: event.occurredAt,
        // The creator is the first owner, as in the decider's state.
        members: [{ ownerId: event.data.ownerId, role: 'owner' }],
      };
    case 'WorkspaceRenamed':
      return { ...view, name: event.data.name };
    case 'WorkspaceDescribed':
      return { ...view, description: event.data.description };
    case 'WorkspaceDeleted':
      return { ...view, status: 'deleted' };
    case 'MemberAdded':
      return {
        ...view,
        members: [
          ...view.members.filter((m) => m.ownerId !== event.data.ownerId),
          { ownerId: event.data.ownerId, role: event.data.role },
        ],
      };
    case 'MemberRemoved':
      return { ...view, members: view.members.filter((m) => m.ownerId !== event.data.ownerId) };
    case 'MemberRoleChanged':
      return {
        ...view,
        members: view.members.map((m) =>
          m.ownerId === event.data.ownerId ? { ...m, role: event.data.role } : m,
        ),
      };
    case 'MemberInvited': {
      const { invitationId, email, role, invitedBy } = event.data;
      const others = (view.invitations ?? []).filter((i) => i.invitationId !== invitationId);
      const invitation = { invitationId, email, role, invitedBy, invitedAt: event.occurredAt };
      return { ...view, invitations: [...others, invitation] };
    }
    case 'InvitationRevoked':
    case 'InvitationAccepted':
    case 'InvitationDeclined':
      return {
        ...view,
        invitations: (view.invitations ?? []).filter(
          (i) => i.invitationId !== event.data.invitationId,
        ),
      };
    case 'ProjectAdded':
      return {
        ...view,
        projects: [
          ...view.projects,
          {
            projectId: event.data.projectId,
            name: event.data.name,
            description: event.data.description,
            boards: [],
          },
        ],
      };
    case 'ProjectRenamed':
      return withProject(view, event.data.projectId, (p) => ({ ...p, name: event.data.name }));
    case 'ProjectDescribed':
      return withProject(view, event.data.projectId, (p) => ({
        ...p,
        description: event.data.description,
      }));
    case 'ProjectDeleted':
      return {
        ...view,
        projects: view.projects.filter((p) => p.projectId !== event.data.projectId),
      };
    case 'ProjectBoardAdded':
      return withProject(view, event.data.projectId, (p) => ({
        ...p,
        boards: [...p.boards, { boardId: event.data.boardId, name: event.data.name }],
      }));
    case 'ProjectBoardRenamed':
      return withProject(view, event.data.projectId, (p) => ({
        ...p,
        boards: p.boards.map((b) =>
          b.boardId === event.data.boardId ? { ...b, name: event.data.name } : b,
        ),
      }));
    case 'ProjectBoardRemoved':
      return withProject(view, event.data.projectId, (p) => ({
        ...p,
        boards: p.boards.filter((b) => b.boardId !== event.data.boardId),
      }));
    default:
      return view;
  }
}
