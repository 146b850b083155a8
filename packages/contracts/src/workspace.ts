import { changesSomething, description, name, role, uuid } from './fields';
import { named } from './registry';
import { z } from './zod';

const atLeastOne = { error: 'must change at least one field' } as const;

export const WorkspaceParams = z.strictObject({ workspaceId: uuid() });
export const MemberParams = z.strictObject({ workspaceId: uuid(), ownerId: uuid() });
export const InvitationParams = z.strictObject({ workspaceId: uuid(), invitationId: uuid() });
export const InviteeParams = z.strictObject({ invitationId: uuid() });
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

export const InviteMemberBody = named(
  'InviteMemberBody',
  'Invites a person by email (owner or admin). The invitation stays pending until they accept it, or register with that address, which accepts it for them: the answer is the same whether or not an account holds the address. Re-inviting a pending address changes its role; a member’s address is a 409. The invitation id is a UUID v5 of the workspace id and the normalised email.',
  z.strictObject({
    email: z.string().max(320).describe('trimmed and lower-cased before use'),
    role: role(),
  }),
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
export type InviteMemberBody = z.infer<typeof InviteMemberBody>;
export type ChangeMemberRoleBody = z.infer<typeof ChangeMemberRoleBody>;
export type AddProjectBody = z.infer<typeof AddProjectBody>;
export type UpdateProjectBody = z.infer<typeof UpdateProjectBody>;
