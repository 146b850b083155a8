'use client';

import { useNames } from '@/lib/names';
import { useWorkspace } from '@/lib/queries';

export type Mentionable = { id: string; name: string };

/**
 * The workspace's members others can mention, by display name: from the workspace answer's
 * `displayName` where it has one, else a name learnt from presence, else a short id.
 */
export function useMentionables(workspaceId: string, me: string): Mentionable[] {
  const workspace = useWorkspace(workspaceId || undefined);
  const names = useNames();
  return (workspace.data?.members ?? [])
    .filter((m) => m.ownerId !== me)
    .map((m) => ({
      id: m.ownerId,
      name:
        (m as { displayName?: string }).displayName ||
        names.get(m.ownerId) ||
        `Member ${m.ownerId.slice(0, 8)}`,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
