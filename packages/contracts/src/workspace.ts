import { changesSomething, description, name, role, uuid } from './fields';
import { named } from './registry';
import { z } from './zod';

const atLeastOne = { error: 'must change at least one field' } as const;

export const WorkspaceParams = z.strictObject({ workspaceId: uuid() });
export const MemberParams = z.strictObject({ workspaceId: uuid(), ownerId: uuid() });
export const ProjectParams = z.strictObject({ workspaceId: uuid(), projectId: uuid() });

export const CreateWorkspaceBody = named(
  'CreateWorkspaceBody',
  'A new workspace; the caller becomes its owner. Names are unique among the workspaces an owner created.',
  z.strictObject({ name: name(), description: description().optional() }),
);

export const UpdateWorkspaceBody = named(
  'UpdateWorkspaceBody',
  'Renames and/or describes a workspace (owner or admin).',
  z
    .strictObject({ name: name().optional(), description: description().optional() })
    .refine(changesSomething, atLeastOne)
    .meta({ minProperties: 1 }),
);

export const AddMemberBody = named(
  'AddMemberBody',
  'Adds an owner (an account) to the workspace with a role. Only owners grant the owner role.',
  z.strictObject({ ownerId: uuid(), role: role() }),
);

export const ChangeMemberRoleBody = named(
  'ChangeMemberRoleBody',
  "Changes a member's role. A workspace keeps at least one owner.",
  z.strictObject({ role: role() }),
);

export const AddProjectBody = named(
  'AddProjectBody',
  'A new project in the workspace; names are unique per workspace.',
  z.strictObject({ name: name(), description: description().optional() }),
);

export const UpdateProjectBody = named(
  'UpdateProjectBody',
  'Renames and/or describes a project.',
  z
    .strictObject({ name: name().optional(), description: description().optional() })
    .refine(changesSomething, atLeastOne)
    .meta({ minProperties: 1 }),
);

export type CreateWorkspaceBody = z.infer<typeof CreateWorkspaceBody>;
export type UpdateWorkspaceBody = z.infer<typeof UpdateWorkspaceBody>;
export type AddMemberBody = z.infer<typeof AddMemberBody>;
export type ChangeMemberRoleBody = z.infer<typeof ChangeMemberRoleBody>;
export type AddProjectBody = z.infer<typeof AddProjectBody>;
export type UpdateProjectBody = z.infer<typeof UpdateProjectBody>;
