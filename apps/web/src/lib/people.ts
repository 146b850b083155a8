'use client';

import { useMemo } from 'react';
import { useWorkspace } from './queries';

// People are named by the query side: the workspace answer carries each member's current display
// name (joined from the accounts at query time, so renames show once projected). Ids never show.

/** Someone the workspace no longer lists (a former member), or not loaded yet. */
export const formerMember = 'Former member';

/** A person by id: "You", their name as the workspace knows it, or "Former member". */
export function displayName(id: string, names: ReadonlyMap<string, string>, me?: string) {
  if (id === me) return 'You';
  return names.get(id) ?? formerMember;
}

const none: ReadonlyMap<string, string> = new Map();

/** ownerId → display name of the members of a workspace, from its (cached) query answer. */
export function useMemberNames(workspaceId: string | undefined): ReadonlyMap<string, string> {
  const workspace = useWorkspace(workspaceId);
  const members = workspace.data?.members;
  return useMemo(
    () => (members === undefined ? none : new Map(members.map((m) => [m.ownerId, m.displayName]))),
    [members],
  );
}
