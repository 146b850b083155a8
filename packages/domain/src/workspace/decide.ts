import { AlreadyExists, NotFoundError, RuleViolation } from '../errors';
import {
  isNameTaken,
  requireDescription,
  requireDistinct,
  requireId,
  requireName,
} from '../validation';
import type {
  AddBoardToProject,
  AddMember,
  AddProject,
  ChangeMemberRole,
  CreateWorkspace,
  DeleteProject,
  DeleteWorkspace,
  DescribeProject,
  DescribeWorkspace,
  RemoveBoardFromProject,
  RemoveMember,
  RenameBoardInProject,
  RenameProject,
  RenameWorkspace,
  WorkspaceCommand,
} from './commands';
import type { WorkspaceEvent } from './events';
import { addMemberWith, changeMemberRoleWith, removeMemberWith } from './members';
import { authorize, requireActiveWorkspace } from './permissions';
import type { ActiveWorkspace, Project, WorkspaceState } from './state';

export function decideWorkspace(
  command: WorkspaceCommand,
  state: WorkspaceState,
): WorkspaceEvent[] {
  switch (command.type) {
    case 'CreateWorkspace':
      return createWorkspace(command, state);
    case 'RenameWorkspace':
      return renameWorkspace(command, state);
    case 'DescribeWorkspace':
      return describeWorkspace(command, state);
    case 'DeleteWorkspace':
      return deleteWorkspace(command, state);
    case 'AddMember':
      return addMember(command, state);
    case 'RemoveMember':
      return removeMember(command, state);
    case 'ChangeMemberRole':
      return changeMemberRole(command, state);
    case 'AddProject':
      return addProject(command, state);
    case 'RenameProject':
      return renameProject(command, state);
    case 'DescribeProject':
      return describeProject(command, state);
    case 'DeleteProject':
      return deleteProject(command, state);
    case 'AddBoardToProject':
      return addBoardToProject(command, state);
    case 'RenameBoardInProject':
      return renameBoardInProject(command, state);
    case 'RemoveBoardFromProject':
      return removeBoardFromProject(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`unknown workspace command ${(unknown as { type: string }).type}`);
    }
  }
}

function createWorkspace(command: CreateWorkspace, state: WorkspaceState): WorkspaceEvent[] {
  const workspaceId = requireId('workspaceId', command.data.workspaceId);
  if (state.status !== 'initial') throw new AlreadyExists('workspace', workspaceId);
  const name = requireName('name', command.data.name);
  const description = requireDescription('description', command.data.description);
  requireDistinct(name, description);
  return [
    {
      type: 'WorkspaceCreated',
      data: { workspaceId, name, description, ownerId: command.metadata.userId },
    },
  ];
}

function renameWorkspace(command: RenameWorkspace, state: WorkspaceState): WorkspaceEvent[] {
  const workspace = requireActiveWorkspace(state, command.data.workspaceId);
  authorize(workspace, command.metadata.userId, 'workspace:manage');
  const name = requireName('name', command.data.name);
  if (name === workspace.name) return [];
  requireDistinct(name, workspace.description, 'name');
  // Uniqueness per owner lives in the owner's registry (decideWorkspaceOfOwner).
  return [
    {
      type: 'WorkspaceRenamed',
      data: { workspaceId: workspace.workspaceId, name, previousName: workspace.name },
    },
  ];
}

function describeWorkspace(command: DescribeWorkspace, state: WorkspaceState): WorkspaceEvent[] {
  const workspace = requireActiveWorkspace(state, command.data.workspaceId);
  authorize(workspace, command.metadata.userId, 'workspace:manage');
  const description = requireDescription('description', command.data.description);
  if (description === workspace.description) return [];
  requireDistinct(workspace.name, description);
  return [
    { type: 'WorkspaceDescribed', data: { workspaceId: workspace.workspaceId, description } },
  ];
}

function deleteWorkspace(command: DeleteWorkspace, state: WorkspaceState): WorkspaceEvent[] {
  const workspace = requireActiveWorkspace(state, command.data.workspaceId);
  authorize(workspace, command.metadata.userId, 'workspace:delete');
  return [
    {
      type: 'WorkspaceDeleted',
      data: { workspaceId: workspace.workspaceId, name: workspace.name },
    },
  ];
}

function addMember(command: AddMember, state: WorkspaceState): WorkspaceEvent[] {
  const workspace = requireActiveWorkspace(state, command.data.workspaceId);
  const actorRole = authorize(workspace, command.metadata.userId, 'members:manage');
  return addMemberWith(command, workspace, actorRole);
}

function removeMember(command: RemoveMember, state: WorkspaceState): WorkspaceEvent[] {
  const workspace = requireActiveWorkspace(state, command.data.workspaceId);
  const leaving = command.data.ownerId === command.metadata.userId;
  // Anyone may leave; removing someone else is member management.
  const actorRole = authorize(
    workspace,
    command.metadata.userId,
    leaving ? 'workspace:read' : 'members:manage',
  );
  return removeMemberWith(command, workspace, actorRole);
}

function changeMemberRole(command: ChangeMemberRole, state: WorkspaceState): WorkspaceEvent[] {
  const workspace = requireActiveWorkspace(state, command.data.workspaceId);
  const actorRole = authorize(workspace, command.metadata.userId, 'members:manage');
  return changeMemberRoleWith(command, workspace, actorRole);
}

function requireProject(workspace: ActiveWorkspace, projectId: string): Project {
  const project = workspace.projects.get(projectId);
  if (project === undefined) throw new NotFoundError('project', projectId);
  return project;
}

function projectNameTaken(workspace: ActiveWorkspace, name: string, exceptId?: string): boolean {
  const siblings = [...workspace.projects.values()].map((p) => ({ id: p.projectId, name: p.name }));
  return isNameTaken(siblings, name, exceptId);
}

function nameTaken(kind: string, name: string): RuleViolation {
  return new RuleViolation('name_taken', `a ${kind} named "${name}" already exists here`);
}

function addProject(command: AddProject, state: WorkspaceState): WorkspaceEvent[] {
  const workspace = requireActiveWorkspace(state, command.data.workspaceId);
  authorize(workspace, command.metadata.userId, 'projects:manage');
  const projectId = requireId('projectId', command.data.projectId);
  if (workspace.projects.has(projectId)) throw new AlreadyExists('project', projectId);
  const name = requireName('name', command.data.name);
  const description = requireDescription('description', command.data.description);
  requireDistinct(name, description);
  if (projectNameTaken(workspace, name)) throw nameTaken('project', name);
  return [
    {
      type: 'ProjectAdded',
      data: { workspaceId: workspace.workspaceId, projectId, name, description },
    },
  ];
}

function renameProject(command: RenameProject, state: WorkspaceState): WorkspaceEvent[] {
  const workspace = requireActiveWorkspace(state, command.data.workspaceId);
  authorize(workspace, command.metadata.userId, 'projects:manage');
  const project = requireProject(workspace, command.data.projectId);
  const name = requireName('name', command.data.name);
  if (name === project.name) return [];
  requireDistinct(name, project.description, 'name');
  if (projectNameTaken(workspace, name, project.projectId)) throw nameTaken('project', name);
  return [
    {
      type: 'ProjectRenamed',
      data: {
        workspaceId: workspace.workspaceId,
        projectId: project.projectId,
        name,
        previousName: project.name,
      },
    },
  ];
}

function describeProject(command: DescribeProject, state: WorkspaceState): WorkspaceEvent[] {
  const workspace = requireActiveWorkspace(state, command.data.workspaceId);
  authorize(workspace, command.metadata.userId, 'projects:manage');
  const project = requireProject(workspace, command.data.projectId);
  const description = requireDescription('description', command.data.description);
  if (description === project.description) return [];
  requireDistinct(project.name, description);
  return [
    {
      type: 'ProjectDescribed',
      data: { workspaceId: workspace.workspaceId, projectId: project.projectId, description },
    },
  ];
}

function deleteProject(command: DeleteProject, state: WorkspaceState): WorkspaceEvent[] {
  const workspace = requireActiveWorkspace(state, command.data.workspaceId);
  authorize(workspace, command.metadata.userId, 'projects:manage');
  const project = requireProject(workspace, command.data.projectId);
  // Boards keep their own streams; deleting them one by one keeps every board's history whole.
  if (project.boards.size > 0) {
    throw new RuleViolation('project_not_empty', 'delete the boards of the project first');
  }
  return [
    {
      type: 'ProjectDeleted',
      data: {
        workspaceId: workspace.workspaceId,
        projectId: project.projectId,
        name: project.name,
      },
    },
  ];
}

function boardNameTaken(project: Project, name: string, exceptId?: string): boolean {
  const siblings = [...project.boards.values()].map((b) => ({ id: b.boardId, name: b.name }));
  return isNameTaken(siblings, name, exceptId);
}

function addBoardToProject(command: AddBoardToProject, state: WorkspaceState): WorkspaceEvent[] {
  const workspace = requireActiveWorkspace(state, command.data.workspaceId);
  authorize(workspace, command.metadata.userId, 'boards:write');
  const project = requireProject(workspace, command.data.projectId);
  const boardId = requireId('boardId', command.data.boardId);
  if (project.boards.has(boardId)) throw new AlreadyExists('board', boardId);
  const name = requireName('name', command.data.name);
  if (boardNameTaken(project, name)) throw nameTaken('board', name);
  return [
    {
      type: 'ProjectBoardAdded',
      data: { workspaceId: workspace.workspaceId, projectId: project.projectId, boardId, name },
    },
  ];
}

function renameBoardInProject(
  command: RenameBoardInProject,
  state: WorkspaceState,
): WorkspaceEvent[] {
  const workspace = requireActiveWorkspace(state, command.data.workspaceId);
  authorize(workspace, command.metadata.userId, 'boards:write');
  const project = requireProject(workspace, command.data.projectId);
  const board = project.boards.get(command.data.boardId);
  if (board === undefined) throw new NotFoundError('board', command.data.boardId);
  const name = requireName('name', command.data.name);
  if (name === board.name) return [];
  if (boardNameTaken(project, name, board.boardId)) throw nameTaken('board', name);
  return [
    {
      type: 'ProjectBoardRenamed',
      data: {
        workspaceId: workspace.workspaceId,
        projectId: project.projectId,
        boardId: board.boardId,
        name,
      },
    },
  ];
}

function removeBoardFromProject(
  command: RemoveBoardFromProject,
  state: WorkspaceState,
): WorkspaceEvent[] {
  const workspace = requireActiveWorkspace(state, command.data.workspaceId);
  authorize(workspace, command.metadata.userId, 'boards:write');
  const project = requireProject(workspace, command.data.projectId);
  if (!project.boards.has(command.data.boardId)) {
    throw new NotFoundError('board', command.data.boardId);
  }
  return [
    {
      type: 'ProjectBoardRemoved',
      data: {
        workspaceId: workspace.workspaceId,
        projectId: project.projectId,
        boardId: command.data.boardId,
      },
    },
  ];
}
