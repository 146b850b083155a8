'use client';

import { useQuery } from '@tanstack/react-query';
import { query, type Role } from '@/lib/api';
import { minPosition } from '@/lib/queries';

// What the /admin query endpoints answer (apps/api/src/admin/schemas.ts).
export type AccountRole = 'user' | 'admin';
export type AccountStatus = 'active' | 'deactivated';

export type AdminOwner = {
  ownerId: string;
  displayName: string;
  email: string;
  role: AccountRole;
  status: AccountStatus;
  registeredAt: string;
  updatedAt: string | null;
  globalPosition: number;
};

export type AdminWorkspace = {
  workspaceId: string;
  name: string;
  description: string;
  createdBy: string;
  createdAt: string;
  ownerIds: string[];
  memberCount: number;
  projectCount: number;
  updatedAt: string | null;
  globalPosition: number;
};

export type AdminMember = {
  ownerId: string;
  role: Role;
  displayName: string | null;
  email: string | null;
  status: AccountStatus | null;
};

export type AdminMembers = {
  workspaceId: string;
  name: string;
  members: AdminMember[];
  globalPosition: number;
};

export type Page<T> = { items: T[]; nextCursor: string | null };

export type OwnerFilter = { search: string; role: '' | AccountRole; status: '' | AccountStatus };

export const adminKeys = {
  owners: (filter: OwnerFilter) => ['admin', 'owners', filter] as const,
  allOwners: ['admin', 'owners'] as const,
  workspaces: (search: string) => ['admin', 'workspaces', search] as const,
  members: (id: string) => ['admin', 'members', id] as const,
};

export const pageLimit = 100;

export const useAdminOwners = (filter: OwnerFilter) =>
  useQuery({
    queryKey: adminKeys.owners(filter),
    queryFn: () =>
      query<Page<AdminOwner>>('/admin/owners', {
        search: filter.search.trim() || undefined,
        role: filter.role || undefined,
        status: filter.status || undefined,
        limit: pageLimit,
        minPosition: minPosition(),
      }),
    placeholderData: (previous) => previous,
  });

export const useAdminWorkspaces = (search: string) =>
  useQuery({
    queryKey: adminKeys.workspaces(search),
    queryFn: () =>
      query<Page<AdminWorkspace>>('/admin/workspaces', {
        search: search.trim() || undefined,
        limit: pageLimit,
        minPosition: minPosition(),
      }),
    placeholderData: (previous) => previous,
  });

export const useAdminMembers = (workspaceId: string) =>
  useQuery({
    queryKey: adminKeys.members(workspaceId),
    queryFn: () =>
      query<AdminMembers>(`/admin/workspaces/${workspaceId}/members`, {
        minPosition: minPosition(),
      }),
  });
