import type { WorkspaceCommand } from '@taskomask/domain';
import { workspaceOfOwner } from '@taskomask/domain';
import { type Intent, planOf } from '../aggregates';
import { type CommandRoute, command, present, workspaceResource } from './route';

const workspace = (workspaceId: string, ...commands: Intent<WorkspaceCommand>[]) =>
  planOf(workspaceOfOwner, workspaceId, commands);

/** Workspaces, their members and projects: decided on `workspace-<id>` (and the owner's registry). */
export const workspaceRoutes: readonly CommandRoute[] = [
  command('createWorkspace', {
    summary: 'Create a workspace (the caller becomes its owner)',
    tag: 'workspaces',
    scope: 'workspaces:write',
    creates: 'id',
    resource: null,
    plan: (_, body, workspaceId) =>
      workspace(workspaceId, {
        type: 'CreateWorkspace',
        data: { workspaceId, name: body.name, description: body.description },
      }),
  }),
  command('updateWorkspace', {
    summary: 'Rename and/or describe a workspace',
    tag: 'workspaces',
    scope: 'workspaces:write',
    resource: workspaceResource,
    plan: ({ workspaceId }, body) =>
      workspace(
        workspaceId,
        ...[
          present(body.name)
            ? { type: 'RenameWorkspace' as const, data: { workspaceId, name: body.name } }
            : undefined,
          present(body.description)
            ? {
                type: 'DescribeWorkspace' as const,
                data: { workspaceId, description: body.description },
              }
            : undefined,
        ].filter(present),
      ),
  }),
  command('deleteWorkspace', {
    summary: 'Delete a workspace (owners only)',
    tag: 'workspaces',
    scope: 'workspaces:write',
    resource: workspaceResource,
    plan: ({ workspaceId }) =>
      workspace(workspaceId, { type: 'DeleteWorkspace', data: { workspaceId } }),
  }),
  command('addMember', {
    summary: 'Add a member with a role',
    tag: 'members',
    scope: 'workspaces:write',
    creates: 'entry',
    resource: workspaceResource,
    plan: ({ workspaceId }, body) =>
      workspace(workspaceId, {
        type: 'AddMember',
        data: { workspaceId, ownerId: body.ownerId, role: body.role },
      }),
  }),
  command('changeMemberRole', {
    summary: "Change a member's role",
    tag: 'members',
    scope: 'workspaces:write',
    resource: workspaceResource,
    plan: ({ workspaceId, ownerId }, body) =>
      workspace(workspaceId, {
        type: 'ChangeMemberRole',
        data: { workspaceId, ownerId, role: body.role },
      }),
  }),
  command('removeMember', {
    summary: 'Remove a member (or leave, with your own id)',
    tag: 'members',
    scope: 'workspaces:write',
    resource: workspaceResource,
    plan: ({ workspaceId, ownerId }) =>
      workspace(workspaceId, { type: 'RemoveMember', data: { workspaceId, ownerId } }),
  }),
  command('addProject', {
    summary: 'Add a project to a workspace',
    tag: 'projects',
    scope: 'workspaces:write',
    creates: 'id',
    resource: workspaceResource,
    plan: ({ workspaceId }, body, projectId) =>
      workspace(workspaceId, {
        type: 'AddProject',
        data: { workspaceId, projectId, name: body.name, description: body.description },
      }),
  }),
  command('updateProject', {
    summary: 'Rename and/or describe a project',
    tag: 'projects',
    scope: 'workspaces:write',
    resource: workspaceResource,
    plan: ({ workspaceId, projectId }, body) =>
      workspace(
        workspaceId,
        ...[
          present(body.name)
            ? { type: 'RenameProject' as const, data: { workspaceId, projectId, name: body.name } }
            : undefined,
          present(body.description)
            ? {
                type: 'DescribeProject' as const,
                data: { workspaceId, projectId, description: body.description },
              }
            : undefined,
        ].filter(present),
      ),
  }),
  command('deleteProject', {
    summary: 'Delete a project without boards',
    tag: 'projects',
    scope: 'workspaces:write',
    resource: workspaceResource,
    plan: ({ workspaceId, projectId }) =>
      workspace(workspaceId, { type: 'DeleteProject', data: { workspaceId, projectId } }),
  }),
];
