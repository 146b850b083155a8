/** OAuth scopes of access tokens for the TaskoMask APIs (DESIGN.md §5). */
export const scopes = [
  'workspaces:read',
  'workspaces:write',
  'boards:read',
  'boards:write',
  'tasks:read',
  'tasks:write',
] as const;

export type Scope = (typeof scopes)[number];

/** Account roles carried in the token's `role` claim. */
export const accountRoles = ['admin', 'user'] as const;

export type AccountRole = (typeof accountRoles)[number];
