import {
  accountRoles,
  expected,
  named,
  OwnerParams,
  pageCursor,
  pageLimit,
  minPosition as queryMinPosition,
  role,
} from '@taskomask/contracts';
import { z } from 'zod';

// What the /admin endpoints accept and answer. Kept beside the routes (not in
// @taskomask/contracts) because only account admins' tools speak them; queries are strict like
// the rest of the API: an unknown parameter is a 400.

// The account an endpoint names; declared with the command endpoints in @taskomask/contracts.
export { OwnerParams };

const accountStatuses = ['active', 'deactivated'] as const;
export type AccountStatus = (typeof accountStatuses)[number];

const search = () =>
  z
    .string({ error: expected('a string') })
    .trim()
    .min(1, { error: 'must not be blank' })
    .max(100, { error: 'must be at most 100 characters' })
    .optional();

// Paged and read-your-write like the query side's lists (the same limits and cursor rules).
const page = { cursor: pageCursor(), limit: pageLimit() };

const minPosition = queryMinPosition().describe(
  'Read your own write: the `position` an admin command answered with; the query waits (about 2 s at most) for the read store to reach it.',
);

export const AdminOwnersQuery = z.strictObject({
  search: search().describe(
    'Case-insensitive prefix of the display name, of any word in it, or of the email.',
  ),
  role: z.enum(accountRoles, { error: expected(`one of ${accountRoles.join(', ')}`) }).optional(),
  status: z
    .enum(accountStatuses, { error: expected(`one of ${accountStatuses.join(', ')}`) })
    .optional(),
  ...page,
  minPosition,
});

export const AdminWorkspacesQuery = z.strictObject({
  search: search().describe('Case-insensitive prefix of the name or of any word in it.'),
  ...page,
  minPosition,
});

export const AdminReadQuery = z.strictObject({ minPosition });

const globalPosition = () =>
  z.int().nonnegative().describe('global position of the last event folded into this document');
const nextCursor = () =>
  z.string().nullable().describe('pass as `cursor` for the next page; null on the last page');

export const AdminOwnerDto = named(
  'AdminOwner',
  'An account as account admins see it.',
  z.strictObject({
    ownerId: z.uuid(),
    displayName: z.string(),
    email: z.string(),
    role: z.enum(accountRoles),
    status: z.enum(accountStatuses),
    registeredAt: z.string(),
    updatedAt: z.string().nullable(),
    globalPosition: globalPosition(),
  }),
);

export const AdminOwnerPageDto = named(
  'AdminOwnerPage',
  'Accounts by display name (case-insensitive), then id.',
  z.strictObject({ items: z.array(AdminOwnerDto), nextCursor: nextCursor() }),
);

export const AdminOwnerDetailDto = named(
  'AdminOwnerDetail',
  'An account and the live workspaces it is a member of, with its role in each.',
  z.strictObject({
    ...AdminOwnerDto.shape,
    workspaces: z.array(z.strictObject({ workspaceId: z.uuid(), name: z.string(), role: role() })),
  }),
);

export const AdminWorkspaceDto = named(
  'AdminWorkspace',
  'A live workspace as account admins list it.',
  z.strictObject({
    workspaceId: z.uuid(),
    name: z.string(),
    description: z.string(),
    createdBy: z.string(),
    createdAt: z.string(),
    ownerIds: z.array(z.string()).describe('members with the owner role'),
    memberCount: z.int().nonnegative(),
    projectCount: z.int().nonnegative(),
    updatedAt: z.string().nullable(),
    globalPosition: globalPosition(),
  }),
);

export const AdminWorkspacePageDto = named(
  'AdminWorkspacePage',
  'Live workspaces by name (case-insensitive), then id.',
  z.strictObject({ items: z.array(AdminWorkspaceDto), nextCursor: nextCursor() }),
);

export const AdminMembersDto = named(
  'AdminMembers',
  'The members of any workspace with their roles and, for registered accounts, who they are.',
  z.strictObject({
    workspaceId: z.uuid(),
    name: z.string(),
    members: z.array(
      z.strictObject({
        ownerId: z.string(),
        role: role(),
        displayName: z.string().nullable(),
        email: z.string().nullable(),
        status: z.enum(accountStatuses).nullable(),
      }),
    ),
    globalPosition: globalPosition(),
  }),
);

export type AdminOwnerDto = z.infer<typeof AdminOwnerDto>;
export type AdminOwnerDetailDto = z.infer<typeof AdminOwnerDetailDto>;
export type AdminWorkspaceDto = z.infer<typeof AdminWorkspaceDto>;
export type AdminMembersDto = z.infer<typeof AdminMembersDto>;
export type Page<T> = Readonly<{ items: T[]; nextCursor: string | null }>;
