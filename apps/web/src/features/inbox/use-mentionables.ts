'use client';

import { useWorkspace } from '@/lib/queries';

export type Mentionable = { id: string; name: string };

/** The workspace's members others can mention, by their current display name. */
export function useMentionables(workspaceId: string, me: string): Mentionable[] {
  const workspace = useWorkspace(workspaceId || undefined);
  return (workspace.data?.members ?? [])
    .filter((m) => m.ownerId !== me)
    .map((m) => ({ id: m.ownerId, name: m.displayName }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
